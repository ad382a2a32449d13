import type { Scheduler } from '../scheduler/scheduler';

/** A scheduler driven by the test: time moves only when `advance` is called. */
export class ManualScheduler implements Scheduler {
  now = 0;
  #next = 1;
  readonly #timers = new Map<number, { at: number; run: () => void }>();

  setTimeout(run: () => void, delayMs: number): number {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + delayMs, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves the clock forward, firing each timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let nextId: number | undefined;
      let nextAt = Infinity;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= end && timer.at < nextAt) {
          nextAt = timer.at;
          nextId = id;
        }
      }
      if (nextId === undefined) break;
      const timer = this.#timers.get(nextId)!;
      this.#timers.delete(nextId);
      this.now = timer.at;
      timer.run();
    }
    this.now = end;
  }
}
