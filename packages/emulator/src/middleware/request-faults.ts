import type { MiddlewareHandler } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { parseFaultHeader } from '../fault/parse-fault-header';
import { billingException } from '../http/billing-messages';
import { inStreamFailure } from '../http/in-stream-failure';
import { NestException } from '../http/nest-exception';
import { abortableSleep } from '../stream/abortable-sleep';

/**
 * The request header that asks for faults in test mode.
 *
 * @example
 * fetch(url, { headers: { [faultHeaderName]: 'cut-after=3' } });
 */
export const faultHeaderName = 'x-emulator-fault';

/**
 * Works out the request's fault plan (the base plan, then `x-emulator-fault` in test mode), waits
 * the `latency`, then answers a `status` fault with its Nest body (or, with `errorsInStream`, a 402 or 5xx
 * inside a 2xx stream). Runs after authentication, so a bad key is still a 401. A client that leaves during
 * the latency stops the wait at once.
 *
 * @example
 * app.post('/chat', requireKey(deps, 'private'), requestFaults(deps), handler);
 */
export function requestFaults(deps: EmulatorDependencies): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const header = deps.options.testMode ? c.req.header(faultHeaderName) : undefined;
    const plan = header === undefined ? deps.basePlan : { ...deps.basePlan, ...parseFaultHeader(header) };
    c.set('plan', plan);

    if (plan.latencyMs !== undefined && plan.latencyMs > 0) {
      const release = deps.tracker.begin();
      try {
        const waited = await abortableSleep(plan.latencyMs, c.req.raw.signal);
        if (!waited) throw new NestException(499, 'Client closed request');
      } finally {
        release();
      }
    }

    if (plan.status !== undefined) {
      if (plan.status === 429) {
        const retryAfter = plan.retryAfterSeconds === undefined ? 1 : plan.retryAfterSeconds;
        throw new NestException(
          429,
          'Too Many Requests',
          retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
        );
      }
      const failure =
        plan.status === 402
          ? billingException(plan.billing ?? 'payment-method')
          : plan.status >= 500
            ? new NestException(plan.status, 'Internal server error')
            : new NestException(plan.status, `Emulated ${plan.status} fault`);
      if (plan.status >= 400) return (await inStreamFailure(c, deps, failure)) ?? throwing(failure);
    }
    await next();
  };
}

function throwing(failure: NestException): never {
  throw failure;
}
