import { errorFromStatus } from '../errors/error-from-status';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';

/**
 * The reasons an error body gives: `message` (a string, or Vapi's list of validation messages), else an
 * `error` string (our proxy's `{error}`, and one of Vapi's shapes), else an OpenAI-style `{error: {message}}`.
 *
 * @example
 * errorMessages({ message: ['input should not be empty'], statusCode: 400 }); // ['input should not be empty']
 */
export function errorMessages(body: Record<string, unknown>): string[] {
  const { message, error } = body;
  const nested = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  for (const candidate of [message, error, nested['message']]) {
    const texts = (Array.isArray(candidate) ? candidate : [candidate]).filter(
      (item): item is string => typeof item === 'string' && item !== '',
    );
    if (texts.length > 0) return texts;
  }
  return [];
}

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
 * An error that came inside a 2xx reply (a stream chunk, or a JSON body), in every shape seen (reference
 * §10, §15): Nest's `{message, error, statusCode}`, the billing gate's `{message, reason, statusCode}`,
 * `{error}` alone, `{message: [...]}` without a status, and OpenAI's `{error: {message}}`. Returns
 * `undefined` when the object is data: a chunk with reply text (`delta`, `path`, `output`) or an event
 * `type`. The body's `statusCode` (or the reason phrase in `error`) picks the class; without either it is
 * an {@link UpstreamError}. Vapi's message is kept either way.
 *
 * @example
 * errorFromVapiChunk({ message: 'Add a payment method to use chat.', reason: 'payment_method_missing', statusCode: 402 });
 * // PaymentRequiredError
 */
export function errorFromVapiChunk(body: Record<string, unknown>): VapiChatError | undefined {
  if ('delta' in body || 'path' in body || 'output' in body || 'type' in body) return undefined;
  const { error, statusCode } = body;
  const messages = errorMessages(body);
  const hasStatus = typeof statusCode === 'number' && statusCode >= 400;
  if (messages.length === 0 && !hasStatus) return undefined;
  const status = hasStatus ? statusCode : typeof error === 'string' ? statusByReason[error] : undefined;
  const message = messages.length > 0 ? messages.join('; ') : 'The server reported an error';
  if (status === undefined) return new UpstreamError(message);
  return errorFromStatus(status, { message, ...(messages.length > 0 ? { messages } : {}) });
}
