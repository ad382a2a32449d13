/**
 * Runs `flush` once, at the next frame, and returns a function that cancels it. The render budget
 * hangs on this: every store notification of a frame is folded into one flush.
 *
 * @example
 * const cancel = animationFrameScheduler(() => console.log('frame'));
 * cancel();
 */
export type FrameScheduler = (flush: () => void) => () => void;

/** What {@link pacedFrameScheduler} reads: the frames and the clock. */
export interface FramePacingOptions {
  /** The plain next frame. @default `requestAnimationFrame`, or a 16 ms timer where there is none */
  readonly frame?: FrameScheduler | undefined;
  /** A monotonic clock, in ms. @default `performance.now` */
  readonly now?: (() => number) | undefined;
}

/** Commits may take this share of the main thread while a reply streams; reading and layout get the rest. */
const commitShare = 0.25;
/** A flush waits while the user typed within this many ms, so a keystroke's frame holds only its own work. */
const inputQuietMs = 48;
/** ...but never longer than this, so a reply still moves while the user types without a pause. */
const inputMaxDelayMs = 200;

/**
 * A {@link FrameScheduler} that adapts to what a flush costs. Each flush is timed (the store's
 * notification and the React render and commit it causes, which React runs in a microtask right after);
 * the next one waits for a later frame until that cost is at most a quarter of the time since, so on a
 * slow device commits come every few frames and reading the stream never waits for rendering, while on a
 * fast one they come every frame. A keystroke pre-empts it: a flush waits while the user types (at most
 * 200 ms), so the keystroke's frame paints only the keystroke. One pacing serves every chat that shares
 * the scheduler: they share one main thread.
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
      flush();
      // React renders and commits a store's sync update in a microtask queued during `flush`: this one runs after it.
      queueMicrotask(() => {
        readyAt = start + (now() - start) / commitShare;
      });
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
