import { vapiMessageMaxLength } from '../protocol/vapi-chat';
import { eventsFromVapiChat } from '../protocol/json-reply-events';
import { VapiChatStreamParser } from '../protocol/vapi-chat-stream-parser';
import type { ChatTransport } from './chat-transport';
import {
  assertServerSide,
  assistantFields,
  type AssistantOptions,
  defaultVapiBaseUrl,
  resolveFetch,
  type TransportOptions,
} from './transport-options';
import { sendChainedTurn, type VapiChainNotice } from './vapi-chaining';

export interface VapiTransportOptions extends TransportOptions, AssistantOptions {
  /** Vapi's private key. Server-side only. */
  readonly apiKey: string;
  /** @default 'https://api.vapi.ai' */
  readonly baseUrl?: string | undefined;
  /**
   * How turns are chained: `'previous-chat'` sends the last chat's id as `previousChatId`; `'session'`
   * creates a Vapi session (`POST /session`) on the first turn and sends its `sessionId` after that.
   * A chain Vapi no longer knows is replaced once by a new session given the conversation so far, and
   * the conversation goes on there (see {@link sendChainedTurn}).
   * @default 'previous-chat'
   */
  readonly chaining?: 'previous-chat' | 'session' | undefined;
  /** Told once when a conversation's chain is replaced. @default a `console.warn` */
  readonly onChainReplaced?: ((notice: VapiChainNotice) => void) | undefined;
  /** Set only in tests that run in a DOM environment: this transport holds a private key. */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Vapi's `POST /chat`, for servers (private key). Sends a `User-Agent`.
 *
 * @example
 * const transport = vapiTransport({ apiKey: process.env.VAPI_API_KEY!, assistantId });
 * const store = createChatStore({ transport });
 * await store.getState().send('How do I reset my password?');
 */
export function vapiTransport(options: VapiTransportOptions): ChatTransport {
  assertServerSide('vapiTransport', options.dangerouslyAllowBrowser);
  const chaining = {
    endpoint: '/chat',
    baseUrl: options.baseUrl ?? defaultVapiBaseUrl,
    key: options.apiKey,
    fetch: resolveFetch(options),
    headers: options.headers,
    stream: options.stream ?? true,
    assistant: assistantFields(options),
    chaining: options.chaining ?? 'previous-chat',
    format: { createParser: () => new VapiChatStreamParser(), fromJson: eventsFromVapiChat },
    onChainReplaced: options.onChainReplaced,
  } as const;
  return {
    // A turn request is a chained turn: its text, chain, context, history and signal.
    sendTurn: (request) => sendChainedTurn(chaining, request),
    maxMessageLength: vapiMessageMaxLength,
  };
}
