/** An opaque timer handle. */
export type TimerHandle = unknown;

/**
 * Timers, injected so tests can drive pings, stream deadlines and polling without waiting.
 *
 * @example
 * const scheduler: Scheduler = { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => clearTimeout(h as never) };
 */
export interface Scheduler {
  setTimeout(run: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The runtime's own timers. Handles are `unref`ed where possible, so a pending ping never keeps Node alive.
 *
 * @example
 * createProxy({ ...options, scheduler: systemScheduler });
 */
export const systemScheduler: Scheduler = {
  setTimeout(run, delayMs) {
    const handle = setTimeout(run, delayMs);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
