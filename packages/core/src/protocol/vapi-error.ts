import { errorFromStatus } from '../errors/error-from-status';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';

// Nest writes the HTTP reason phrase in `error`: a protocol constant, so it may stand in for a missing
// `statusCode` (it is never a message text we match).
const statusByReason: Readonly<Record<string, number>> = {
  'Bad Request': 400,
  Unauthorized: 401,
  'Payment Required': 402,
  Forbidden: 403,
  'Not Found': 404,
  'Too Many Requests': 429,
  'Internal Server Error': 500,
  'Bad Gateway': 502,
  'Service Unavailable': 503,
  'Gateway Timeout': 504,
};

/**
 * Vapi's error, in every body shape seen (reference §10, §15): Nest's `{message, error, statusCode}`, the
 * billing gate's `{message, reason, statusCode}`, `{error}` alone, `{message: [...]}` without a status, and
 * OpenAI's `{error: {message, code}}`. Returns `undefined` when the object is not an error: a chunk that
 * carries reply text (`delta`, `path`, `output`) or names an event `type` is data, whatever else it holds.
 *
 * `status` is the HTTP status when there is one (a non-2xx response); inside a 2xx stream the body's
 * `statusCode` (or the reason phrase in `error`) decides the class. Without either it is an
 * {@link UpstreamError} carrying Vapi's message.
 *
 * @example
 * errorFromVapiBody({ message: 'Add a payment method to use chat.', reason: 'payment_method_missing', statusCode: 402 });
 * // PaymentRequiredError
 */
export function errorFromVapiBody(
  body: Record<string, unknown>,
  status?: number,
  retryAfterMs?: number,
): VapiChatError | undefined {
  const { message, error, statusCode } = body;
  if (status === undefined && ('delta' in body || 'path' in body || 'output' in body || 'type' in body)) {
    return undefined;
  }
  const messages = texts(message);
  const nested = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : undefined;
  if (messages.length === 0 && typeof error === 'string') messages.push(error);
  if (messages.length === 0 && nested) messages.push(...texts(nested['message']));
  const hasStatus = typeof statusCode === 'number' && statusCode >= 400;
  // Without a message, an HTTP error is described by its status line (the caller's fallback).
  if (messages.length === 0 && (status !== undefined || !hasStatus)) return undefined;

  const code =
    status ?? (hasStatus ? statusCode : typeof error === 'string' ? statusByReason[error] : undefined);
  const text = messages.length > 0 ? messages.join('; ') : 'The server reported an error';
  if (code === undefined) return new UpstreamError(text);
  return errorFromStatus(code, {
    message: text,
    ...(messages.length > 0 ? { messages } : {}),
    retryAfterMs,
  });
}

function texts(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
