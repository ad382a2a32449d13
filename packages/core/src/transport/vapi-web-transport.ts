import { VapiChatError } from '../errors/vapi-chat-error';
import { eventsFromVapiChat } from '../protocol/json-reply-events';
import { vapiMessageMaxLength, type VapiAssistantOverrides } from '../protocol/vapi-chat';
import { VapiChatStreamParser } from '../protocol/vapi-chat-stream-parser';
import type { ChatTransport } from './chat-transport';
import { errorFromResponse } from './error-from-response';
import { postJson } from './stream-turn';
import {
  defaultVapiBaseUrl,
  joinUrl,
  resolveFetch,
  type TransportOptions,
  vapiHeaders,
} from './transport-options';
import { sendChainedTurn, type VapiChainNotice } from './vapi-chaining';

export interface VapiWebTransportOptions extends TransportOptions {
  /** Vapi's public key: safe in a browser (restrict its origins and assistants in Vapi's dashboard). */
  readonly publicKey: string;
  readonly assistantId: string;
  /** Only `variableValues` works in chat; they apply when a session is created. */
  readonly assistantOverrides?: VapiAssistantOverrides | undefined;
  /** @default 'https://api.vapi.ai' */
  readonly baseUrl?: string | undefined;
  /** Lifetime of a new session, 60–2,592,000 s; Vapi's default is 24 h. */
  readonly sessionExpirationSeconds?: number | undefined;
  /** Told once when a conversation's session is replaced. @default a `console.warn` */
  readonly onChainReplaced?: ((notice: VapiChainNotice) => void) | undefined;
}

/**
 * Vapi's browser endpoint `POST /chat/web` (public key). Context is the Vapi session: the first turn
 * creates one and every chunk names it. A session Vapi no longer knows (404), or one it replaced because it
 * expired, is replaced by a new session given the conversation so far, so the assistant keeps its context
 * (see {@link sendChainedTurn}); the new id arrives in the turn's events.
 *
 * @example
 * const transport = vapiWebTransport({ publicKey: 'pk_…', assistantId: '…' });
 */
export function vapiWebTransport(options: VapiWebTransportOptions): ChatTransport {
  const baseUrl = options.baseUrl ?? defaultVapiBaseUrl;
  const fetcher = resolveFetch(options);
  const chaining = {
    endpoint: '/chat/web',
    baseUrl,
    key: options.publicKey,
    fetch: fetcher,
    headers: options.headers,
    stream: options.stream ?? true,
    assistant: { assistantId: options.assistantId, assistantOverrides: options.assistantOverrides },
    chaining: 'session',
    sessionExpirationSeconds: options.sessionExpirationSeconds,
    format: { createParser: () => new VapiChatStreamParser(), fromJson: eventsFromVapiChat },
    onChainReplaced: options.onChainReplaced,
  } as const;

  return {
    // A turn request is a chained turn: its text, chain, context, history and signal.
    sendTurn: (request) => sendChainedTurn(chaining, request),
    maxMessageLength: vapiMessageMaxLength,

    async endConversation(chain, endOptions = {}) {
      if (chain.sessionId === undefined) return;
      // `sessionEnd` completes the session; Vapi does not process the message sent with it.
      const body = {
        assistantId: options.assistantId,
        input: 'End of chat',
        sessionId: chain.sessionId,
        sessionEnd: true,
        stream: false,
      };
      const response = await postJson({
        url: joinUrl(baseUrl, '/chat/web'),
        headers: vapiHeaders(options.headers, options.publicKey, false),
        body,
        signal: endOptions.signal,
        fetch: fetcher,
      });
      if (VapiChatError.isInstance(response)) throw response;
      if (!response.ok) throw await errorFromResponse(response);
      await response.body?.cancel();
    },
  };
}
