import type { MiddlewareHandler } from 'hono';
import { errorResponse, errorText } from '../../http/error-body';
import type { ProxyEnv } from '../../proxy-env';
import type { Limiter, LimiterState } from '../../store/limiter';

/**
 * `RateLimit-*` headers (IETF draft "RateLimit header fields for HTTP"), plus `Retry-After` when refused.
 *
 * @example
 * rateLimitHeaders({ allowed: false, limit: 60, remaining: 0, resetMs: 12_400 }, 60);
 * // { 'RateLimit-Limit': '60', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '13', 'RateLimit-Policy': '60;w=60', 'Retry-After': '13' }
 */
export function rateLimitHeaders(state: LimiterState, windowSeconds: number): Record<string, string> {
  const reset = Math.max(1, Math.ceil(state.resetMs / 1000));
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(Math.max(0, state.remaining)),
    'RateLimit-Reset': String(reset),
    'RateLimit-Policy': `${state.limit};w=${windowSeconds}`,
    ...(state.allowed ? {} : { 'Retry-After': String(reset) }),
  };
}

/**
 * Counts each request against its client address (set by `clientAddress`); past the limit, 429
 * `{"error":"Too many requests","retryAfter":n}` with `Retry-After` and `RateLimit-*`. Every answer carries
 * the `RateLimit-*` headers, so a client can slow down before it is refused.
 *
 * @example
 * app.use('/v1/*', rateLimit(store.createLimiter({ name: 'requests', points: 60, durationSeconds: 60 }), 60));
 */
export function rateLimit(limiter: Limiter, windowSeconds: number): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const state = await limiter.consume(c.get('clientAddress'));
    const headers = rateLimitHeaders(state, windowSeconds);
    if (!state.allowed) {
      const response = errorResponse(c, 429, errorText.tooManyRequests, {
        retryAfter: Number(headers['Retry-After']),
      });
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
