import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../emulator-env';

/**
 * Cloudflare's refusal of a client that sends no `User-Agent` (error 1010, "browser signature banned"), which
 * live reports show in front of api.vapi.ai (reference §15): 403, plain text, before Vapi sees the request.
 *
 * @example
 * if (options.requireUserAgent) app.use('*', requireUserAgent());
 */
export function requireUserAgent(): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const userAgent = c.req.header('user-agent');
    if (userAgent === undefined || userAgent.trim() === '') {
      return c.text('error code: 1010', 403, { 'Content-Type': 'text/plain; charset=UTF-8' });
    }
    await next();
  };
}
