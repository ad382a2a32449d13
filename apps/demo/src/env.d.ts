/// <reference types="vite/client" />

/** Set these to talk to Vapi's `/chat/web` directly; unset, the demo uses the local emulator. */
interface ImportMetaEnv {
  readonly VITE_VAPI_BASE_URL?: string;
  readonly VITE_VAPI_PUBLIC_KEY?: string;
  readonly VITE_VAPI_ASSISTANT_ID?: string;
}
