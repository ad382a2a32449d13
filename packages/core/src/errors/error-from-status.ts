import { InvalidRequestError } from './invalid-request-error';
import { PaymentRequiredError } from './payment-required-error';
import { RateLimitedError } from './rate-limited-error';
import { UnauthorizedError } from './unauthorized-error';
import { UpstreamError } from './upstream-error';
import type { VapiChatError } from './vapi-chat-error';

export interface ErrorDetails {
  /** A one-line description for people. */
  readonly message: string;
  /** The server's list of reasons (Vapi validation errors), if any. */
  readonly messages?: readonly string[];
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

/**
 * Maps an HTTP status (or the `statusCode` of an error a stream carried) to the typed error for it.
 * Never matches on message text: only the status decides.
 */
export function errorFromStatus(status: number, details: ErrorDetails): VapiChatError {
  const { message, messages, retryAfterMs, cause } = details;
  if (status === 401 || status === 403) return new UnauthorizedError(message, { status, cause });
  if (status === 402) return new PaymentRequiredError(message, { cause });
  if (status === 429) return new RateLimitedError(message, { retryAfterMs, cause });
  if (status >= 400 && status < 500) {
    return new InvalidRequestError(message, { status, messages: messages ?? [message], cause });
  }
  return new UpstreamError(message, { status, cause });
}
