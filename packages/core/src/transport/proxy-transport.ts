import { randomId } from '../id/random-id';
import { ProtocolError } from '../errors/protocol-error';
import type { ChatEvent } from '../protocol/chat-event';
import { eventsFromProxyReply } from '../protocol/json-reply-events';
import { proxyMessageMaxLength, type ProxyHistoryResponse } from '../protocol/proxy-protocol';
import type { ChatTransport } from './chat-transport';
import { proxyHeaders, requestProxyJson, type ProxyRequestOptions } from './proxy-request';
import { streamTurn } from './stream-turn';
import { joinUrl, resolveFetch, type TransportOptions } from './transport-options';
import { ProxyStreamParser } from '../protocol/proxy-stream-parser';

export interface ProxyTransportOptions extends ProxyRequestOptions, Pick<TransportOptions, 'stream'> {
  /** Makes a new conversation's session key. @default a random UUID (`randomId`) */
  readonly createSessionId?: (() => string) | undefined;
}

/**
 * Our proxy (`POST /v1/chat/stream`, or `/v1/chat` when `stream` is false): the browser default. The
 * browser holds only a widget key; the proxy holds Vapi's private key and the conversation's chain.
 * Each turn carries its `turnId` as `Idempotency-Key`, so a retried turn is answered from the proxy's
 * store instead of reaching Vapi twice. The session key is made on the first turn and kept in the chain.
 *
 * @example
 * const transport = proxyTransport({ baseUrl: '/api', widgetKey: 'wk_public_site_key' });
 */
export function proxyTransport(options: ProxyTransportOptions): ChatTransport {
  const fetcher = resolveFetch(options);
  const stream = options.stream ?? true;
  const createSessionId = options.createSessionId ?? randomId;
  const url = joinUrl(options.baseUrl, stream ? '/v1/chat/stream' : '/v1/chat');

  return {
    maxMessageLength: proxyMessageMaxLength,
    async *sendTurn(request) {
      const sessionId = request.chain.sessionId ?? createSessionId();
      const headers = {
        ...(await proxyHeaders(options)),
        'idempotency-key': request.turnId,
        ...(stream ? { accept: 'text/event-stream' } : {}),
      };
      // The greeting shown before a conversation's first turn, by name: the proxy sends it only if allowed.
      const greeting = request.context?.find((message) => message.role === 'assistant')?.content;
      const events = streamTurn(
        {
          url,
          headers,
          body: { sessionId, message: request.text, greeting },
          signal: request.signal,
          fetch: fetcher,
        },
        () => new ProxyStreamParser(),
        eventsFromProxyReply,
      );
      for await (const event of events) yield withSessionId(event, sessionId);
    },
  };
}

function withSessionId(event: ChatEvent, sessionId: string): ChatEvent {
  return event.type === 'turn-start' || event.type === 'turn-end' ? { ...event, sessionId } : event;
}

export interface FetchProxyHistoryOptions extends ProxyRequestOptions {
  readonly sessionId: string;
  readonly conversationId: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Reads a stored conversation from the proxy (`GET /v1/chat/history`). Both ids are needed: the
 * `conversationId` is made by the server and unguessable. Rejects with a typed {@link VapiChatError}.
 *
 * @example
 * const history = await fetchProxyHistory({ baseUrl: '/api', sessionId, conversationId });
 */
export async function fetchProxyHistory(options: FetchProxyHistoryOptions): Promise<ProxyHistoryResponse> {
  const query = new URLSearchParams({ sessionId: options.sessionId, conversationId: options.conversationId });
  const body = await requestProxyJson(
    options,
    `/v1/chat/history?${query.toString()}`,
    { signal: options.signal },
    'The history',
  );
  if (typeof body['conversationId'] !== 'string' || !Array.isArray(body['messages'])) {
    throw new ProtocolError('The history has no conversationId or messages');
  }
  return body as unknown as ProxyHistoryResponse;
}
