import type { MiddlewareHandler } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { invalidKeyMessage } from '../http/invalid-key-message';
import { NestException } from '../http/nest-exception';
import { readBearerKey } from './read-bearer-key';

/**
 * Checks the Bearer key. `public` routes (`/chat/web*`) take public keys only; `private` routes take
 * private keys, and public ones too when `publicKeyOnPrivateEndpoints` is `allow`. Anything else is
 * Vapi's exact 401 (reference §9), or a plain `Unauthorized` for an unknown key with `unknownKeyMessage:
 * 'plain'` (§15). On public routes a key's origin list is enforced here.
 *
 * @example
 * app.post('/chat', requireKey(deps, 'private'), handler);
 */
export function requireKey(
  deps: EmulatorDependencies,
  kind: 'private' | 'public',
): MiddlewareHandler<EmulatorEnv> {
  const { options } = deps;
  return async (c, next) => {
    const key = readBearerKey(c.req.header('authorization'));
    const publicKey = options.publicKeys.find((candidate) => candidate.key === key);
    const isPrivate = key !== undefined && options.privateKeys.includes(key);
    const accepted =
      kind === 'public'
        ? publicKey !== undefined
        : isPrivate || (publicKey !== undefined && options.publicKeyOnPrivateEndpoints === 'allow');
    if (key === undefined || !accepted) {
      // A key of the wrong kind gets the Hot tip; a key nobody issued may get a plain message (§15).
      const known = publicKey !== undefined || isPrivate;
      const plain = !known && options.unknownKeyMessage === 'plain';
      throw new NestException(401, plain ? 'Unauthorized' : invalidKeyMessage);
    }

    const origin = c.req.header('origin');
    if (
      kind === 'public' &&
      origin !== undefined &&
      publicKey?.allowedOrigins !== undefined &&
      !publicKey.allowedOrigins.includes(origin)
    ) {
      throw new NestException(options.disallowedOriginStatus, `Origin ${origin} is not allowed for this key`);
    }
    c.set('apiKey', key);
    c.set('publicKey', publicKey);
    await next();
  };
}
