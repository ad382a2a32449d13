import { ProtocolError } from '../errors/protocol-error';
import type {
  ProxyConversationSummary,
  ProxyMessageRating,
  ProxyRatingRequest,
} from '../protocol/proxy-protocol';
import { requestProxyJson, type ProxyRequestOptions } from './proxy-request';

/** Options of {@link fetchVisitorConversations}. */
export interface FetchVisitorConversationsOptions extends ProxyRequestOptions {
  /** How many, newest first (1–100). @default 50 */
  readonly limit?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A signed-in visitor's conversations (`GET /v1/conversations`), newest first, from any device: each with
 * the `sessionId` that continues it. Needs `visitorToken`; rejects with a typed error (401 without one).
 *
 * @example
 * const conversations = await fetchVisitorConversations({ baseUrl: '/api', widgetKey, visitorToken });
 */
export async function fetchVisitorConversations(
  options: FetchVisitorConversationsOptions,
): Promise<ProxyConversationSummary[]> {
  const query = options.limit === undefined ? '' : `?limit=${options.limit}`;
  const body = await requestProxyJson(
    options,
    `/v1/conversations${query}`,
    { signal: options.signal },
    'The conversation list',
  );
  if (!Array.isArray(body['conversations']))
    throw new ProtocolError('The conversation list has no conversations');
  return body['conversations'] as ProxyConversationSummary[];
}

/** Options of {@link rateProxyMessage}: the reply, and its rating (`value: null` removes it). */
export interface RateProxyMessageOptions extends ProxyRequestOptions, ProxyRatingRequest {
  readonly signal?: AbortSignal | undefined;
}

/**
 * Rates an assistant reply of the caller's conversation (`POST /v1/chat/rating`): thumbs up or down and an
 * optional comment, or `value: null` to remove it. Resolves with the rating now stored (`null`: none).
 *
 * @example
 * await rateProxyMessage({ baseUrl: '/api', widgetKey, sessionId, conversationId, messageId, value: 'up' });
 */
export async function rateProxyMessage(options: RateProxyMessageOptions): Promise<ProxyMessageRating | null> {
  const { sessionId, conversationId, messageId, value, comment } = options;
  const body = await requestProxyJson(
    options,
    '/v1/chat/rating',
    {
      method: 'POST',
      body: { sessionId, conversationId, messageId, value, ...(comment ? { comment } : {}) },
      signal: options.signal,
    },
    'The rating',
  );
  return (body['rating'] ?? null) as ProxyMessageRating | null;
}
