import {
  proxyMessageMaxLength,
  proxyRatingCommentMaxLength,
  proxySessionIdPattern,
  type ProxyChatRequest,
  type ProxyRatingRequest,
} from '@vapi-chat-kit/core/protocol';

export type ChatRequestResult =
  { readonly ok: true; readonly value: ProxyChatRequest } | { readonly ok: false; readonly details: string };

/** `Idempotency-Key`: 1–255 visible ASCII characters (a UUID in practice). */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** A server-made conversation id: what {@link createRandomId} makes, or a custom id of the same alphabet. */
export const conversationIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Validates `{sessionId, message, greeting?}` strictly: no other key, `sessionId` matching
 * `^[A-Za-z0-9._:-]{1,128}$`, `message` (and `greeting`) a string of 1–4000 characters. `details` names the
 * problem without echoing the input.
 */
export function parseChatRequest(body: Record<string, unknown>): ChatRequestResult {
  const unknown = Object.keys(body).filter(
    (key) => key !== 'sessionId' && key !== 'message' && key !== 'greeting',
  );
  if (unknown.length > 0) return { ok: false, details: 'Only sessionId, message and greeting are allowed' };
  const { sessionId, message, greeting } = body;
  if (typeof sessionId !== 'string' || !proxySessionIdPattern.test(sessionId)) {
    return { ok: false, details: 'sessionId must match ^[A-Za-z0-9._:-]{1,128}$' };
  }
  if (typeof message !== 'string' || message.length < 1 || message.length > proxyMessageMaxLength) {
    return { ok: false, details: `message must be a string of 1-${proxyMessageMaxLength} characters` };
  }
  if (
    greeting !== undefined &&
    (typeof greeting !== 'string' || greeting.length < 1 || greeting.length > proxyMessageMaxLength)
  ) {
    return { ok: false, details: `greeting must be a string of 1-${proxyMessageMaxLength} characters` };
  }
  return { ok: true, value: { sessionId, message, ...(greeting === undefined ? {} : { greeting }) } };
}

export type RatingRequestResult =
  | { readonly ok: true; readonly value: ProxyRatingRequest }
  | { readonly ok: false; readonly details: string };

/** A message id the proxy made (see {@link createRandomId}). */
const messageIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Validates `{sessionId, conversationId, messageId, value, comment?}` strictly: no other key, the ids as the
 * proxy makes them, `value` `up`, `down` or `null` (removes the rating), `comment` a string of at most 1000
 * characters (only with a value). `details` names the problem without echoing the input.
 */
export function parseRatingRequest(body: Record<string, unknown>): RatingRequestResult {
  const allowed = ['sessionId', 'conversationId', 'messageId', 'value', 'comment'];
  if (Object.keys(body).some((key) => !allowed.includes(key))) {
    return { ok: false, details: 'Only sessionId, conversationId, messageId, value and comment are allowed' };
  }
  const { sessionId, conversationId, messageId, value, comment } = body;
  if (typeof sessionId !== 'string' || !proxySessionIdPattern.test(sessionId)) {
    return { ok: false, details: 'sessionId must match ^[A-Za-z0-9._:-]{1,128}$' };
  }
  if (typeof conversationId !== 'string' || !conversationIdPattern.test(conversationId)) {
    return { ok: false, details: 'conversationId is required' };
  }
  if (typeof messageId !== 'string' || !messageIdPattern.test(messageId)) {
    return { ok: false, details: 'messageId is required' };
  }
  if (value !== 'up' && value !== 'down' && value !== null) {
    return { ok: false, details: 'value must be "up", "down" or null' };
  }
  if (
    comment !== undefined &&
    (typeof comment !== 'string' || comment.length > proxyRatingCommentMaxLength || value === null)
  ) {
    return {
      ok: false,
      details: `comment must be a string of at most ${proxyRatingCommentMaxLength} characters, with a value`,
    };
  }
  const trimmed = typeof comment === 'string' ? comment.trim() : undefined;
  return {
    ok: true,
    value: {
      sessionId,
      conversationId,
      messageId,
      value,
      ...(trimmed === undefined || trimmed === '' ? {} : { comment: trimmed }),
    },
  };
}
