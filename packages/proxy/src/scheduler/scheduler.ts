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
  /**
   * Restarts a pending timer's delay from now, in place (Node's `timeout.refresh()`): what a stream does on
   * every delta, without a new timer each time. Returns `false` when it cannot (then the caller clears the
   * timer and sets a new one). Optional.
   */
  refreshTimeout?(handle: TimerHandle): boolean;
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
  refreshTimeout(handle) {
    // Node's timers are objects that can be refreshed; a runtime with numeric handles (a browser, a Worker)
    // has no such call.
    const timer = handle as { refresh?: () => unknown } | undefined;
    if (typeof timer?.refresh !== 'function') return false;
    timer.refresh();
    return true;
  },
};
