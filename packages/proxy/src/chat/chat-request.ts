import {
  proxyMessageMaxLength,
  proxySessionIdPattern,
  type ProxyChatRequest,
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
