import { createStore } from 'zustand/vanilla';
import { describe, expect, it } from 'vitest';
import { createFrameBatchedStore } from './create-frame-batched-store';
import { manualFrames } from './test-support/manual-frames';

describe('createFrameBatchedStore', () => {
  it('folds every change of a frame into one flush that calls each listener once', () => {
    const source = createStore<{ count: number }>()(() => ({ count: 0 }));
    const frames = manualFrames();
    const view = createFrameBatchedStore(source, frames.schedule);
    const calls: string[] = [];
    view.subscribe(() => calls.push('a'));
    view.subscribe(() => calls.push('b'));
    for (let index = 1; index <= 100; index += 1) source.setState({ count: index });
    expect(frames.pending()).toBe(1);
    expect(view.getSnapshot().count).toBe(0);
    expect(frames.flush()).toBe(1);
    expect(calls).toEqual(['a', 'b']);
    expect(view.getSnapshot().count).toBe(100);
    expect(frames.flush()).toBe(0);
    expect(calls).toEqual(['a', 'b']);
  });

  it('reads the source directly while nobody listens, and stops listening after the last one leaves', () => {
    const source = createStore<{ count: number }>()(() => ({ count: 0 }));
    const frames = manualFrames();
    const view = createFrameBatchedStore(source, frames.schedule, { count: -1 });
    source.setState({ count: 1 });
    expect(view.getSnapshot().count).toBe(1);
    expect(view.getServerSnapshot().count).toBe(-1);
    const unsubscribe = view.subscribe(() => undefined);
    source.setState({ count: 2 });
    expect(frames.pending()).toBe(1);
    unsubscribe();
    expect(frames.pending()).toBe(0);
    source.setState({ count: 3 });
    expect(frames.pending()).toBe(0);
    expect(view.getSnapshot().count).toBe(3);
  });

  it('schedules a flush when the source moved between a render and the subscription', () => {
    const source = createStore<{ count: number }>()(() => ({ count: 0 }));
    const frames = manualFrames();
    const view = createFrameBatchedStore(source, frames.schedule);
    expect(view.getSnapshot().count).toBe(0); // the render
    source.setState({ count: 1 }); // before the effect subscribes
    let calls = 0;
    view.subscribe(() => (calls += 1));
    expect(frames.pending()).toBe(1);
    frames.flush();
    expect(calls).toBe(1);
    expect(view.getSnapshot().count).toBe(1);
  });

  it('flushes at once on demand', () => {
    const source = createStore<{ count: number }>()(() => ({ count: 0 }));
    const frames = manualFrames();
    const view = createFrameBatchedStore(source, frames.schedule);
    let calls = 0;
    view.subscribe(() => (calls += 1));
    source.setState({ count: 5 });
    view.flush();
    expect(calls).toBe(1);
    expect(view.getSnapshot().count).toBe(5);
    expect(frames.pending()).toBe(0);
  });
});
