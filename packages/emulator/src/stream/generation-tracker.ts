/**
 * Counts requests that still have timed work running (a latency wait or an open stream), so tests
 * can prove that a client's disconnect stops everything at once.
 *
 * @example
 * const release = tracker.begin();
 * try { await work(); } finally { release(); }
 */
export class GenerationTracker {
  #active = 0;

  /** Starts one unit of work; the returned function ends it and is safe to call twice. */
  begin(): () => void {
    this.#active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
    };
  }

  /** How many units of work are running. */
  get active(): number {
    return this.#active;
  }
}
