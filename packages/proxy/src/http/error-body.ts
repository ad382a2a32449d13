import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The error texts of the proxy's HTTP contract (DESIGN.md). Clients match on these: the keys and texts
 * never change. Extra fields (`code`, `details`, `retryAfter`) may be added next to `error`.
 */
export const errorText = {
  invalidRequest: 'Invalid request payload',
  unauthorized: 'Unauthorized',
  tooManyRequests: 'Too many requests',
  internal: 'Internal server error',
  payloadTooLarge: 'Payload too large',
  requestTimeout: 'Request timeout',
  unavailable: 'Service unavailable',
  notFound: 'Not found',
  originNotAllowed: 'Origin not allowed',
  conversationBusy: 'A reply is already in progress for this conversation',
  idempotencyKeyReused: 'Idempotency-Key was already used for a different request',
} as const;

/** Extra, optional fields of an error body. */
export interface ErrorExtras {
  readonly code?: string;
  readonly details?: unknown;
  readonly retryAfter?: number;
}

/** A JSON error response with `{error, ...extras}`. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  extras: ErrorExtras = {},
): Response {
  return c.json({ error, ...extras }, status);
}

/** The 400 every invalid payload gets; `details` says what was wrong, never echoing the payload. */
export function invalidRequest(c: Context, details: string): Response {
  return errorResponse(c, 400, errorText.invalidRequest, { details });
}
