/**
 * Runs `flush` once, at the next frame, and returns a function that cancels it. The render budget
 * hangs on this: every store notification of a frame is folded into one flush. A store's `flush` returns
 * how many changes it published (a scheduler may pace itself by that).
 *
 * @example
 * const cancel = animationFrameScheduler(() => console.log('frame'));
 * cancel();
 */
export type FrameScheduler = (flush: () => number | void) => () => void;

/** What {@link pacedFrameScheduler} reads: the frames and the clock. */
export interface FramePacingOptions {
  /** The plain next frame. @default `requestAnimationFrame`, or a 16 ms timer where there is none */
  readonly frame?: FrameScheduler | undefined;
  /** A monotonic clock, in ms. @default `performance.now` */
  readonly now?: (() => number) | undefined;
}

/** More changes than this in one flush: the stream outpaces the frames (100 tokens/s gives one or two a frame). */
const backlogChanges = 8;
/** While it does, rendering (commit, layout, paint) may take this share of the main thread; reading gets the rest. */
const renderShare = 1 / 3;
/** A flush waits while the user typed within this many ms, so a keystroke's frame holds only its own work. */
const inputQuietMs = 48;
/** ...but never longer than this, so a reply still moves while the user types without a pause. */
const inputMaxDelayMs = 200;

/**
 * A {@link FrameScheduler} that adapts to what a frame costs. While a reply arrives at a readable pace, it
 * flushes on every frame (a token shows within a frame). When the stream outpaces the frames (a flush
 * publishes more than 8 changes: a fast model, a slow device), each flush is timed until the task after its
 * frame (the render and commit React runs right after it, then that frame's layout and paint), and the next
 * one waits for a later frame until that cost is at most a third of the time since: reading the stream is
 * never starved by rendering, and frames come every few vsyncs instead of every one. A keystroke pre-empts
 * it: a flush waits while the user types (at most 200 ms), so the keystroke's frame paints only the
 * keystroke. One pacing serves every chat that shares the scheduler: they share one main thread.
 *
 * @example
 * const scheduleFrame = pacedFrameScheduler();
 * <ChatProvider transport={transport} scheduleFrame={scheduleFrame}>…</ChatProvider>
 */
export function pacedFrameScheduler({
  frame = nextFrame,
  now = () => performance.now(),
}: FramePacingOptions = {}): FrameScheduler {
  let readyAt = 0;
  let inputAt = Number.NEGATIVE_INFINITY;
  let listening = false;
  const onInput = () => {
    inputAt = now();
  };

  return (flush) => {
    if (!listening && typeof window !== 'undefined') {
      listening = true;
      // The user's keystrokes and composition steps, anywhere on the page.
      for (const type of ['keydown', 'beforeinput', 'compositionupdate']) {
        window.addEventListener(type, onInput, { capture: true, passive: true });
      }
    }
    const requestedAt = now();
    let cancel = frame(attempt);
    function attempt(): void {
      const start = now();
      if (start < readyAt || (start - inputAt < inputQuietMs && start - requestedAt < inputMaxDelayMs)) {
        cancel = frame(attempt);
        return;
      }
      const changes = flush() ?? 0;
      if (changes <= backlogChanges) {
        readyAt = 0;
        return;
      }
      // React renders and commits in a microtask queued during `flush`, and the browser then lays out and
      // paints the frame: a task posted now runs after all of that, so it times the whole frame's work.
      setTimeout(() => {
        readyAt = start + (now() - start) / renderShare;
      }, 0);
    }
    return () => cancel();
  };
}

/** `requestAnimationFrame`, or a 16 ms timer where there is none (read lazily: nothing runs on import). */
const nextFrame: FrameScheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => flush());
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(flush, 16);
  return () => clearTimeout(id);
};

/**
 * The default {@link FrameScheduler}: {@link pacedFrameScheduler} over `requestAnimationFrame` (a 16 ms
 * timer where there is none). Nothing runs on import, so importing this module on a server touches no
 * browser global.
 *
 * @example
 * <ChatProvider transport={transport} scheduleFrame={animationFrameScheduler}>…</ChatProvider>
 */
export const animationFrameScheduler: FrameScheduler = pacedFrameScheduler();
