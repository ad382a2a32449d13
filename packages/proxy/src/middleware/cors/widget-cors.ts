import type { MiddlewareHandler } from 'hono';
import { errorResponse, errorText } from '../../http/error-body';
import type { ProxyEnv } from '../../proxy-env';
import type { WidgetKeyConfig } from '../../proxy-options';
import { originAllowed } from '../widget-auth/origin-pattern';

/**
 * Headers a page may read from our responses: the ones a client needs to back off, and the request id a
 * support team asks for (it names the request in the proxy's logs).
 */
const exposedHeaders =
  'Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, X-Request-Id';
const allowedHeaders = 'Content-Type, Accept, X-Api-Key, X-Widget-Api-Key, Idempotency-Key, X-Visitor-Token';

/**
 * CORS for the origins some widget key allows, and for no other. A preflight cannot carry the key, so it is
 * answered for any origin some key allows; the request itself is then checked against its key's own list
 * (see `widgetAuth`). Same-origin requests (no `Origin`, or behind a dev server proxy) need none of this.
 *
 * @example
 * app.use('*', widgetCors(widgetKeys));
 */
export function widgetCors(keys: readonly WidgetKeyConfig[]): MiddlewareHandler<ProxyEnv> {
  const allows = (origin: string) => keys.some((key) => originAllowed(key.allowedOrigins, origin));
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && allows(origin);
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return errorResponse(c, 403, errorText.originNotAllowed);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': allowedHeaders,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', exposedHeaders);
    }
  };
}
