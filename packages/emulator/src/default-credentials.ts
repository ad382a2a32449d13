// Obviously fake values, printed by the CLI at start-up, so nobody mistakes them for real Vapi keys.

/** The private key accepted by default (on `/chat`, `/chat/responses`, `/session`). */
export const defaultPrivateKey = 'emulator-private-key';

/** The public key accepted by default (on `/chat/web`, `/chat/web/responses`). */
export const defaultPublicKey = 'emulator-public-key';

/** The id of the built-in TechFlow assistant. */
export const defaultAssistantId = '00000000-0000-4000-8000-00000000e001';

/** The `orgId` written on every chat and session by default. */
export const defaultOrgId = '00000000-0000-4000-8000-0000000000a1';
