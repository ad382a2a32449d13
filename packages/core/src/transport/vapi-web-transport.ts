import { VapiChatStreamParser } from '../protocol/vapi-chat-stream-parser';
import { VapiChatError } from '../errors/vapi-chat-error';
import { eventsFromVapiChat } from '../protocol/json-reply-events';
import type { VapiAssistantOverrides } from '../protocol/vapi-chat';
import type { ChatTransport } from './chat-transport';
import { errorFromResponse } from './error-from-response';
import { postJson, streamTurn } from './stream-turn';
import {
  defaultVapiBaseUrl,
  joinUrl,
  resolveFetch,
  type TransportOptions,
  turnInput,
  vapiHeaders,
} from './transport-options';

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
}

/**
 * Vapi's browser endpoint `POST /chat/web` (public key). Context is the Vapi session: the first turn
 * creates one and every chunk names it; an expired session is replaced by Vapi itself, and the new id
 * arrives in the turn's events.
 *
 * @example
 * const transport = vapiWebTransport({ publicKey: 'pk_…', assistantId: '…' });
 */
export function vapiWebTransport(options: VapiWebTransportOptions): ChatTransport {
  const baseUrl = options.baseUrl ?? defaultVapiBaseUrl;
  const url = joinUrl(baseUrl, '/chat/web');
  const fetcher = resolveFetch(options);
  const stream = options.stream ?? true;
  const headers = vapiHeaders(options.headers, options.publicKey, stream);
  const fixed = {
    assistantId: options.assistantId,
    assistantOverrides: options.assistantOverrides,
    sessionExpirationSeconds: options.sessionExpirationSeconds,
  };

  return {
    sendTurn(request) {
      const body = { ...fixed, sessionId: request.chain.sessionId, input: turnInput(request), stream };
      return streamTurn(
        { url, headers, body, signal: request.signal, fetch: fetcher },
        () => new VapiChatStreamParser(),
        eventsFromVapiChat,
      );
    },

    async endConversation(chain, endOptions = {}) {
      if (chain.sessionId === undefined) return;
      // `sessionEnd` completes the session; Vapi does not process the message sent with it.
      const body = {
        ...fixed,
        input: 'End of chat',
        sessionId: chain.sessionId,
        sessionEnd: true,
        stream: false,
      };
      const response = await postJson({
        url,
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
