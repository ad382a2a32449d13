import type { FrameScheduler } from './frame-scheduler';

/** Anything with zustand's `getState`/`subscribe`. */
export interface ReadableStore<T> {
  getState(): T;
  subscribe(listener: () => void): () => void;
}

/**
 * A view of a store for `useSyncExternalStore` that tells React at most once per frame. Every
 * subscriber of one view shares one scheduled flush, so a frame's notifications reach React as one
 * batch and make one commit, however many components listen.
 *
 * @example
 * const view = createFrameBatchedStore(store, animationFrameScheduler);
 * const state = useSyncExternalStore(view.subscribe, view.getSnapshot, view.getServerSnapshot);
 */
export interface FrameBatchedStore<T> {
  /** The state React renders: the source's state as of the last flush. */
  readonly getSnapshot: () => T;
  /** The state before anything was restored from client-only storage, so hydration matches the server. */
  readonly getServerSnapshot: () => T;
  readonly subscribe: (listener: () => void) => () => void;
  /** Publishes the source's state now, without waiting for the frame; returns how many changes it published. */
  readonly flush: () => number;
}

/**
 * Creates a {@link FrameBatchedStore} over `source`.
 *
 * @example
 * const view = createFrameBatchedStore(chatStore, (flush) => { const id = requestAnimationFrame(flush); return () => cancelAnimationFrame(id); });
 */
export function createFrameBatchedStore<T>(
  source: ReadableStore<T>,
  scheduleFrame: FrameScheduler,
  serverSnapshot: T = source.getState(),
): FrameBatchedStore<T> {
  const listeners = new Set<() => void>();
  let committed = source.getState();
  let cancelFrame: (() => void) | undefined;
  let unsubscribeSource: (() => void) | undefined;
  // Source changes since the last flush: how far the source runs ahead of the frames.
  let changes = 0;

  const flush = (): number => {
    cancelFrame?.();
    cancelFrame = undefined;
    const published = changes;
    changes = 0;
    const next = source.getState();
    if (Object.is(next, committed)) return 0;
    committed = next;
    // One synchronous pass: React batches these into one render and one commit.
    for (const listener of [...listeners]) listener();
    return published;
  };

  const schedule = (): void => {
    changes += 1;
    if (cancelFrame !== undefined) return;
    let ran = false;
    const cancel = scheduleFrame(() => {
      ran = true;
      cancelFrame = undefined;
      return flush();
    });
    // A scheduler may run `flush` at once (e.g. in tests); then there is nothing to cancel.
    if (!ran) cancelFrame = cancel;
  };

  return {
    getSnapshot: () => {
      // Nobody listens yet (first render): nothing is waiting for a frame, so the source is the truth.
      if (listeners.size === 0) committed = source.getState();
      return committed;
    },
    getServerSnapshot: () => serverSnapshot,
    subscribe: (listener) => {
      listeners.add(listener);
      if (unsubscribeSource === undefined) {
        unsubscribeSource = source.subscribe(schedule);
        // The source may have moved between the render that read it and this subscription.
        if (!Object.is(source.getState(), committed)) schedule();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          unsubscribeSource?.();
          unsubscribeSource = undefined;
          cancelFrame?.();
          cancelFrame = undefined;
        }
      };
    },
    flush,
  };
}
