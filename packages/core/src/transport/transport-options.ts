import type { VapiAssistantOverrides, VapiTransientAssistant } from '../protocol/vapi-chat';

/**
 * What a transport sends requests with: the global `fetch`, or any handler that takes a `Request`
 * (Hono's `app.fetch`, the emulator's `fetch`, a Worker service binding).
 */
export type FetchFunction = (request: Request) => Promise<Response>;

/** Options every transport takes. */
export interface TransportOptions {
  /** Sends the requests; defaults to the global `fetch`. Tests pass an emulator's `fetch` here. */
  readonly fetch?: FetchFunction | undefined;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Stream the reply (SSE) or wait for it whole (JSON).
   * @default true
   */
  readonly stream?: boolean | undefined;
}

/** What the assistant is, for the transports that talk to Vapi directly. */
export interface AssistantOptions {
  readonly assistantId?: string | undefined;
  readonly assistant?: VapiTransientAssistant | undefined;
  /** Only `variableValues` works in chat. */
  readonly assistantOverrides?: VapiAssistantOverrides | undefined;
}

/** Vapi's API. */
export const defaultVapiBaseUrl = 'https://api.vapi.ai';

/**
 * Headers for a call to Vapi: the Bearer key, and `Accept: text/event-stream` when streaming.
 * The caller's extra headers come first, so they cannot replace the key.
 */
export function vapiHeaders(
  extra: Readonly<Record<string, string>> | undefined,
  key: string,
  stream: boolean,
): Record<string, string> {
  return { ...extra, authorization: `Bearer ${key}`, ...(stream ? { accept: 'text/event-stream' } : {}) };
}

/** The assistant fields of a request body. Undefined ones vanish in `JSON.stringify`. */
export function assistantFields(options: AssistantOptions): AssistantOptions {
  return {
    assistantId: options.assistantId,
    assistant: options.assistant,
    assistantOverrides: options.assistantOverrides,
  };
}

/** Joins a base URL and a path without doubling or dropping the slash. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export function resolveFetch(options: TransportOptions): FetchFunction {
  // Bound late, so a test or polyfill that replaces globalThis.fetch after creation is honoured.
  return options.fetch ?? ((request) => globalThis.fetch(request));
}

/**
 * Private keys never reach a browser. A transport that needs one refuses to be created where `window` and
 * `document` exist, unless the caller says it knows better (e.g. a test in jsdom).
 */
export function assertServerSide(transportName: string, dangerouslyAllowBrowser: boolean | undefined): void {
  const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (inBrowser && dangerouslyAllowBrowser !== true) {
    throw new Error(
      `${transportName} needs Vapi's private key and must run on a server. In a browser use proxyTransport ` +
        'or vapiWebTransport (public key).',
    );
  }
}
