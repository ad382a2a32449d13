import type { MiddlewareHandler } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { billingMessages } from '../http/billing-messages';
import { NestException } from '../http/nest-exception';

/**
 * The `billing` switch: every chat turn answers 402 with one of the two documented messages
 * (reference §10). Does nothing when billing is `ok`.
 *
 * @example
 * app.post('/chat', requireKey(deps, 'private'), billingGate(deps), handler);
 */
export function billingGate(deps: EmulatorDependencies): MiddlewareHandler<EmulatorEnv> {
  return async (_c, next) => {
    if (deps.options.billing !== 'ok') throw new NestException(402, billingMessages[deps.options.billing]);
    await next();
  };
}
