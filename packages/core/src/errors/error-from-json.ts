import { AbortedError } from './aborted-error';
import { InvalidRequestError } from './invalid-request-error';
import { NetworkError } from './network-error';
import { PaymentRequiredError } from './payment-required-error';
import { ProtocolError } from './protocol-error';
import { RateLimitedError } from './rate-limited-error';
import { UnauthorizedError } from './unauthorized-error';
import { UpstreamError } from './upstream-error';
import type { VapiChatError, VapiChatErrorJson } from './vapi-chat-error';

/**
 * Rebuilds a typed error from its `toJSON()` form (storage, another tab), so `X.isInstance` and `code`
 * work on a restored transcript as on a live one.
 *
 * @example
 * const error = errorFromJson({ name: 'UnauthorizedError', code: 'unauthorized', message: 'Invalid Key', status: 401 });
 * UnauthorizedError.isInstance(error); // true
 */
export function errorFromJson(json: VapiChatErrorJson): VapiChatError {
  const { message, status } = json;
  switch (json.code) {
    case 'unauthorized':
      return new UnauthorizedError(message, { status });
    case 'payment-required':
      return new PaymentRequiredError(message);
    case 'rate-limited':
      return new RateLimitedError(message, { retryAfterMs: json.retryAfterMs });
    case 'invalid-request':
      return new InvalidRequestError(message, { status, messages: json.messages ?? [message] });
    case 'upstream':
      return new UpstreamError(message, { status });
    case 'network':
      return new NetworkError(message);
    case 'protocol':
      return new ProtocolError(message, { status });
    case 'aborted':
      return new AbortedError(message);
    default:
      json.code satisfies never;
      return new ProtocolError(message, { status });
  }
}
