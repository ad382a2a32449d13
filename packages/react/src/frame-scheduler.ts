/**
 * Runs `flush` once, at the next frame, and returns a function that cancels it. The render budget
 * hangs on this: every store notification of a frame is folded into one flush.
 *
 * @example
 * const cancel = animationFrameScheduler(() => console.log('frame'));
 * cancel();
 */
export type FrameScheduler = (flush: () => void) => () => void;

/**
 * The default {@link FrameScheduler}: `requestAnimationFrame`, or a 16 ms timer where there is none.
 * Read lazily, so importing this module on a server touches no browser global.
 *
 * @example
 * <ChatProvider transport={transport} scheduleFrame={animationFrameScheduler}>…</ChatProvider>
 */
export const animationFrameScheduler: FrameScheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => flush());
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(flush, 16);
  return () => clearTimeout(id);
};
