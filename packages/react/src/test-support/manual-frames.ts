import type { FrameScheduler } from '../frame-scheduler';

/** A frame scheduler driven by hand: `flush()` runs the pending frame callbacks, as one frame. */
export function manualFrames(): {
  schedule: FrameScheduler;
  flush: () => number;
  flushed: () => number;
  pending: () => number;
} {
  let callbacks: (() => void)[] = [];
  let frames = 0;
  return {
    schedule: (callback) => {
      callbacks.push(callback);
      return () => {
        callbacks = callbacks.filter((entry) => entry !== callback);
      };
    },
    flush: () => {
      const run = callbacks;
      callbacks = [];
      if (run.length > 0) frames += 1;
      for (const callback of run) callback();
      return run.length;
    },
    flushed: () => frames,
    pending: () => callbacks.length,
  };
}

/** A frame scheduler that flushes on the next macrotask: deterministic enough for UI tests. */
export const immediateFrames: FrameScheduler = (callback) => {
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
};
