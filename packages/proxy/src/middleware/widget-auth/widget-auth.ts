import type { MiddlewareHandler } from 'hono';
import { errorResponse, errorText } from '../../http/error-body';
import type { ProxyEnv } from '../../proxy-env';
import type { WidgetKeyConfig } from '../../proxy-options';
import { constantTimeEqual } from './constant-time-equal';
import { originAllowed } from './origin-pattern';

/**
 * Authenticates a widget key from `x-api-key` or `x-widget-api-key` and checks the request's `Origin`
 * against that key's allowed origins. Every configured key is compared, in constant time, whatever matched
 * first. Anything wrong is the same 401 `{"error":"Unauthorized"}`: no hint which part failed.
 *
 * @example
 * app.use('/v1/*', widgetAuth([{ key: 'wk_shop', allowedOrigins: ['https://shop.example'] }]));
 */
export function widgetAuth(keys: readonly WidgetKeyConfig[]): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const presented = c.req.header('x-api-key') ?? c.req.header('x-widget-api-key') ?? '';
    let found: WidgetKeyConfig | undefined;
    for (const candidate of keys) {
      if (constantTimeEqual(presented, candidate.key) && found === undefined) found = candidate;
    }
    const origin = c.req.header('origin');
    if (
      !found ||
      presented === '' ||
      (origin !== undefined && !originAllowed(found.allowedOrigins, origin))
    ) {
      return errorResponse(c, 401, errorText.unauthorized);
    }
    c.set('widgetKey', found);
    await next();
  };
}
