import { RateLimitedError, type VapiChatError } from '@vapi-chat-kit/core';
import { type ProxyStreamErrorCode } from '@vapi-chat-kit/core/protocol';

/** A Vapi failure as the code the browser gets. Never passes Vapi's message text on. */
export interface UpstreamFailure {
  readonly code: ProxyStreamErrorCode;
  readonly retryAfter?: number;
}

/**
 * Maps Vapi's 401/403 to `upstream_unauthorized` (the proxy's key, not the browser's), 402 to
 * `payment_required`, 429 to `rate_limited` with Vapi's `Retry-After`, and anything else (5xx, a dropped or
 * malformed stream, an unreachable host) to `upstream_error`.
 *
 * @example
 * upstreamFailure(new RateLimitedError('slow down', { retryAfterMs: 3000 })); // { code: 'rate_limited', retryAfter: 3 }
 */
export function upstreamFailure(error: VapiChatError): UpstreamFailure {
  switch (error.code) {
    case 'unauthorized':
      return { code: 'upstream_unauthorized' };
    case 'payment-required':
      return { code: 'payment_required' };
    case 'rate-limited': {
      const retryAfterMs = RateLimitedError.isInstance(error) ? error.retryAfterMs : undefined;
      return { code: 'rate_limited', retryAfter: Math.max(1, Math.ceil((retryAfterMs ?? 1000) / 1000)) };
    }
    default:
      return { code: 'upstream_error' };
  }
}
