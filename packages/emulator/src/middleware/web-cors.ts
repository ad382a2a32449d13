import type { MiddlewareHandler } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { readBearerKey } from './read-bearer-key';

const allowedHeaders =
  'Authorization, Content-Type, Accept, X-Client-ID, X-Emulator-Fault, X-Emulator-Variant';

/**
 * CORS for `/chat/web*`, the only endpoints a browser calls (reference §13.2, Q12). Preflights are
 * always answered, since they carry no key. Real responses echo the `Origin` unless the public key
 * has an origin list without it; such a request is refused by {@link requireKey} and gets no
 * `Access-Control-Allow-Origin`, so a browser cannot read it, as with a real CORS refusal.
 *
 * @example
 * app.use('/chat/web', webCors(deps));
 */
export function webCors(deps: EmulatorDependencies): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin ?? '*',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': c.req.header('access-control-request-headers') ?? allowedHeaders,
        'Access-Control-Max-Age': '86400',
        Vary: 'Origin',
      });
    }
    await next();
    if (origin === undefined) return;
    const key = readBearerKey(c.req.header('authorization'));
    const publicKey = deps.options.publicKeys.find((candidate) => candidate.key === key);
    if (publicKey?.allowedOrigins !== undefined && !publicKey.allowedOrigins.includes(origin)) return;
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
    c.res.headers.append('Vary', 'Origin');
  };
}
