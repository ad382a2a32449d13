import type { MiddlewareHandler } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { NestException } from '../http/nest-exception';

/**
 * The `rateLimit` switch: a fixed window per key, on the emulator's clock. Over the limit the
 * answer is Nest's 429 body with `Retry-After` (reference §13.2, Q14). Does nothing when the switch is off.
 *
 * @example
 * app.post('/chat', requireKey(deps, 'private'), rateLimit(deps), handler);
 */
export function rateLimit(deps: EmulatorDependencies): MiddlewareHandler<EmulatorEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const config = deps.options.rateLimit;
    if (config === false) return next();
    const now = deps.options.now().getTime();
    const key = c.get('apiKey');
    let window = windows.get(key);
    if (window === undefined || now - window.start >= config.windowMs) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > config.requests) {
      const untilReset = Math.max(1, Math.ceil((window.start + config.windowMs - now) / 1000));
      const retryAfter = config.retryAfterSeconds === undefined ? untilReset : config.retryAfterSeconds;
      throw new NestException(
        429,
        'ThrottlerException: Too Many Requests',
        retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
      );
    }
    return next();
  };
}
