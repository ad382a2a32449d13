import type { MiddlewareHandler } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { billingException } from '../http/billing-messages';
import { inStreamFailure } from '../http/in-stream-failure';

/**
 * The `billing` switch: every chat turn answers 402 with one of the two documented messages
 * (reference §10), or with `errorsInStream` the same message inside a 2xx stream (reference §15). Does
 * nothing when billing is `ok`.
 *
 * @example
 * app.post('/chat', requireKey(deps, 'private'), billingGate(deps), handler);
 */
export function billingGate(deps: EmulatorDependencies): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (deps.options.billing !== 'ok') {
      const failure = billingException(deps.options.billing);
      const answer = await inStreamFailure(c, deps, failure);
      if (answer !== undefined) return answer;
      throw failure;
    }
    await next();
  };
}
