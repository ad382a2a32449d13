import { cleanup, render } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';
import { afterEach, describe, expect, it } from 'vitest';
import { createFrameBatchedStore } from './create-frame-batched-store';
import { pacedFrameScheduler } from './frame-scheduler';
import { manualFrames } from './test-support/manual-frames';

afterEach(cleanup);

/** Frames 16 ms apart on a clock of our own; a flush may "cost" time by moving the clock. */
function pacedFrames() {
  const frames = manualFrames();
  let clock = 0;
  const schedule = pacedFrameScheduler({ frame: frames.schedule, now: () => clock });
  return {
    schedule,
    /** Runs one frame, 16 ms after the last, and the task after it (where the frame's cost is read). */
    frame: async () => {
      clock += 16;
      frames.flush();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    elapsed: () => clock,
    spend: (ms: number) => {
      clock += ms;
    },
    /** A keystroke, as the browser dispatches it (the scheduler listens on window). */
    type: () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    },
  };
}

describe('pacedFrameScheduler', () => {
  it('flushes on every frame while a reply arrives at a readable pace, however much a frame costs', async () => {
    const paced = pacedFrames();
    let flushed = 0;
    for (let frame = 0; frame < 10; frame += 1) {
      paced.schedule(() => {
        flushed += 1;
        paced.spend(30); // a slow device: each frame costs 30 ms
        return 2; // two tokens since the last frame (100 tokens/s)
      });
      await paced.frame();
      expect(flushed).toBe(frame + 1);
    }
  });

  it('spaces flushes out when the stream outpaces the frames, so rendering takes at most a third of the time', async () => {
    const paced = pacedFrames();
    let flushed = 0;
    let pending = false;
    for (let frame = 0; frame < 40; frame += 1) {
      // As a store does: one flush pending at a time, publishing every change since the last.
      if (!pending) {
        pending = true;
        paced.schedule(() => {
          pending = false;
          flushed += 1;
          paced.spend(30); // a slow device: each frame costs 30 ms
          return 50; // tokens as fast as they can be read
        });
      }
      await paced.frame();
    }
    // Each flush waits until 90 ms have passed since the last began: about one per 6 frames, not 40.
    const share = (flushed * 30) / paced.elapsed();
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThanOrEqual(1 / 3);
  });

  it("times the React commit a store's flush causes, and knows from the flush that the stream outpaces the frames", async () => {
    const paced = pacedFrames();
    const source = createStore<{ count: number }>()(() => ({ count: 0 }));
    const view = createFrameBatchedStore(source, paced.schedule);
    let renders = 0;
    function Count() {
      const { count } = useSyncExternalStore(view.subscribe, view.getSnapshot);
      renders += 1;
      // The render is what is slow here (a long markdown tail): 40 ms of the clock.
      if (count > 0) paced.spend(40);
      return <p>{count}</p>;
    }
    render(<Count />);
    const rendersBefore = renders;
    // React renders as it does in a browser (a microtask after the store's notification), not in act's queue.
    const actEnvironment: unknown = Reflect.get(globalThis, 'IS_REACT_ACT_ENVIRONMENT');
    Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', false);
    try {
      for (let frame = 0; frame < 20; frame += 1) {
        // A stream faster than the frames: 20 changes between two frames, which the store's flush reports.
        for (let token = 1; token <= 20; token += 1) source.setState({ count: frame * 20 + token });
        await paced.frame();
      }
    } finally {
      Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', actEnvironment);
    }
    // Without timing the render, every one of the 20 frames would commit; with it, about one in eight.
    expect(renders - rendersBefore).toBeGreaterThanOrEqual(2);
    expect(renders - rendersBefore).toBeLessThanOrEqual(4);
  });

  it('holds a flush while the user types, for at most 200 ms', async () => {
    const paced = pacedFrames();
    let flushed = 0;
    paced.schedule(() => {
      flushed += 1;
    });
    // A keystroke every frame: the pending flush waits, then runs once 200 ms have passed.
    let frames = 0;
    while (flushed === 0) {
      paced.type();
      await paced.frame();
      frames += 1;
    }
    expect(frames).toBe(Math.ceil(200 / 16));
    // After the user stops typing, a new flush waits only the quiet time (3 frames).
    paced.type();
    paced.schedule(() => {
      flushed += 1;
    });
    await paced.frame();
    await paced.frame();
    expect(flushed).toBe(1);
    await paced.frame();
    expect(flushed).toBe(2);
  });
});
