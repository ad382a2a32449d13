import type { MiddlewareHandler } from 'hono';
import type { ProxyLogger } from '../../logging/logger';
import type { ProxyEnv } from '../../proxy-env';

/**
 * One log entry per request: method, path (never the query, which holds conversation ids), status, time to
 * the response head, client address and a request id, which is also sent back as `X-Request-Id`.
 *
 * @example
 * app.use('*', requestLog(jsonLineLogger, Date.now));
 */
export function requestLog(logger: ProxyLogger, now: () => number): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const started = now();
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    logger({
      level: c.res.status >= 500 ? 'error' : 'info',
      event: 'request',
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: now() - started,
      client: c.get('clientAddress'),
    });
  };
}
