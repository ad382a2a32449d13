import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A fixed window of `points` per `durationSeconds` and key. */
export interface LimiterOptions {
  /** Names the counter; keeps limiters with different purposes apart in a shared store. */
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
}

/** The state of a key's window after a call. */
export interface LimiterState {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** Counts points per key; `release` gives points back (a closed stream frees its slot). */
export interface Limiter {
  consume(key: string, points?: number): Promise<LimiterState>;
  release(key: string, points?: number): Promise<void>;
}

/**
 * Adapts a rate-limiter-flexible limiter (memory, Redis, …) to {@link Limiter}. A store error is not
 * swallowed: it rejects, and the request fails with 500 instead of running unlimited.
 *
 * @example
 * const limiter = limiterFrom(new RateLimiterMemory({ points: 10, duration: 1 }), 10);
 */
export function limiterFrom(limiter: RateLimiterAbstract, points: number): Limiter {
  return {
    async consume(key, amount = 1) {
      try {
        const result = await limiter.consume(key, amount);
        return {
          allowed: true,
          limit: points,
          remaining: result.remainingPoints,
          resetMs: result.msBeforeNext,
        };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, limit: points, remaining: 0, resetMs: rejection.msBeforeNext };
        }
        throw rejection;
      }
    },
    async release(key, amount = 1) {
      // Never below zero: a slot given back after its window reset must not become credit for more.
      const current = await limiter.get(key);
      const consumed = current?.consumedPoints ?? 0;
      if (consumed > 0) await limiter.reward(key, Math.min(amount, consumed));
    },
  };
}

/**
 * A limiter counting in this process's memory.
 *
 * @example
 * const limiter = createMemoryLimiter({ name: 'requests', points: 60, durationSeconds: 60 });
 */
export function createMemoryLimiter(options: LimiterOptions): Limiter {
  const limiter = new RateLimiterMemory({
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
  });
  return limiterFrom(limiter, options.points);
}
