import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** How close to the bottom (px) still counts as "at the bottom". */
const atBottomTolerance = 8;

/**
 * What {@link useStickToBottom} returns.
 */
export interface StickToBottom {
  /** Whether the view follows new content. */
  readonly isPinned: boolean;
  /** Scrolls to the bottom and follows again. */
  readonly scrollToBottom: (behavior?: ScrollBehavior) => void;
  /** Call after the content changed (a render); keeps the bottom in view while pinned. */
  readonly onContentChange: () => void;
}

/**
 * Keeps a scroll container at the bottom while the reader is there, and lets go at the first upward
 * scroll (wheel, touch, keys or the scrollbar). Scrolling back to the bottom follows again. Content
 * that grows while the reader is elsewhere never moves what they are reading.
 *
 * @example
 * const scrollerRef = useRef<HTMLDivElement>(null);
 * const { isPinned, scrollToBottom } = useStickToBottom(scrollerRef, contentRef);
 */
export function useStickToBottom(
  scrollerRef: RefObject<HTMLElement | null>,
  contentRef: RefObject<HTMLElement | null>,
): StickToBottom {
  const [isPinned, setPinned] = useState(true);
  const pinned = useRef(true);
  const lastScrollTop = useRef(0);

  const setPinnedBoth = useCallback((value: boolean) => {
    pinned.current = value;
    setPinned(value);
  }, []);

  const stick = useCallback(() => {
    const scroller = scrollerRef.current;
    if (!scroller || !pinned.current) return;
    const bottom = scroller.scrollHeight - scroller.clientHeight;
    if (Math.abs(scroller.scrollTop - bottom) > 0.5) scroller.scrollTop = bottom;
    lastScrollTop.current = scroller.scrollTop;
  }, [scrollerRef]);

  const scrollToBottom = useCallback(
    (behavior: ScrollBehavior = 'auto') => {
      const scroller = scrollerRef.current;
      setPinnedBoth(true);
      if (!scroller) return;
      const top = scroller.scrollHeight - scroller.clientHeight;
      if (behavior === 'smooth' && typeof scroller.scrollTo === 'function') {
        scroller.scrollTo({ top, behavior });
      } else {
        scroller.scrollTop = top;
      }
      lastScrollTop.current = scroller.scrollTop;
    },
    [scrollerRef, setPinnedBoth],
  );

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const release = () => {
      if (pinned.current && scroller.scrollHeight > scroller.clientHeight) setPinnedBoth(false);
    };
    const onScroll = () => {
      const top = scroller.scrollTop;
      const distance = scroller.scrollHeight - scroller.clientHeight - top;
      const movedUp = top < lastScrollTop.current - 1;
      lastScrollTop.current = top;
      if (distance <= atBottomTolerance) {
        if (!pinned.current) setPinnedBoth(true);
      } else if (movedUp) {
        // Content that shrinks also lowers scrollTop, but then the view is still at the bottom (above).
        release();
      }
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) release();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (['ArrowUp', 'PageUp', 'Home'].includes(event.key) && event.target === scroller) release();
    };
    let touchY: number | undefined;
    const onTouchStart = (event: TouchEvent) => {
      touchY = event.touches[0]?.clientY;
    };
    const onTouchMove = (event: TouchEvent) => {
      const y = event.touches[0]?.clientY;
      if (touchY !== undefined && y !== undefined && y > touchY + 2) release();
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    scroller.addEventListener('wheel', onWheel, { passive: true });
    scroller.addEventListener('keydown', onKeyDown);
    scroller.addEventListener('touchstart', onTouchStart, { passive: true });
    scroller.addEventListener('touchmove', onTouchMove, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      scroller.removeEventListener('wheel', onWheel);
      scroller.removeEventListener('keydown', onKeyDown);
      scroller.removeEventListener('touchstart', onTouchStart);
      scroller.removeEventListener('touchmove', onTouchMove);
    };
  }, [scrollerRef, setPinnedBoth]);

  // Content that changes size without a render of ours (fonts, a code block's copy label, the window).
  useEffect(() => {
    const content = contentRef.current;
    if (!content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => stick());
    observer.observe(content);
    if (scrollerRef.current) observer.observe(scrollerRef.current);
    return () => observer.disconnect();
  }, [contentRef, scrollerRef, stick]);

  useLayoutEffect(() => {
    stick();
  }, [stick]);

  return { isPinned, scrollToBottom, onContentChange: stick };
}
