import { vi } from 'vitest';

/**
 * Retries `check` until it passes: for effects that land a few event-loop turns later (an abort reaching
 * the upstream, a store write). Bounded generously so a busy CI machine does not fail it; nothing asserts
 * on how long it took.
 */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 10_000, interval: 10 });
}
