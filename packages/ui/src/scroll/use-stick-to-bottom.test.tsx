import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useLayoutEffect, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStickToBottom } from './use-stick-to-bottom';

afterEach(cleanup);

// jsdom has no layout: the scroller's geometry is driven by hand.
const geometry = { scrollHeight: 1000, clientHeight: 400 };

function Harness({ lines }: { readonly lines: number }) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const { isPinned, scrollToBottom, onContentChange } = useStickToBottom(scrollerRef, contentRef);
  useLayoutEffect(() => onContentChange(), [lines, onContentChange]);
  return (
    <>
      <div
        data-testid="scroller"
        ref={(element) => {
          scrollerRef.current = element;
          if (element) {
            Object.defineProperty(element, 'scrollHeight', {
              configurable: true,
              get: () => geometry.scrollHeight,
            });
            Object.defineProperty(element, 'clientHeight', {
              configurable: true,
              get: () => geometry.clientHeight,
            });
          }
        }}
      >
        <div ref={contentRef}>{lines}</div>
      </div>
      <span data-testid="pinned">{String(isPinned)}</span>
      <button type="button" onClick={() => scrollToBottom()}>
        latest
      </button>
    </>
  );
}

const scroller = () => screen.getByTestId('scroller');
const pinned = () => screen.getByTestId('pinned').textContent;

function userScrollsTo(top: number) {
  scroller().scrollTop = top;
  fireEvent.scroll(scroller());
}

describe('useStickToBottom', () => {
  it('follows growing content while the reader is at the bottom', () => {
    geometry.scrollHeight = 1000;
    const view = render(<Harness lines={1} />);
    expect(scroller().scrollTop).toBe(600);
    geometry.scrollHeight = 1300;
    view.rerender(<Harness lines={2} />);
    expect(scroller().scrollTop).toBe(900);
    expect(pinned()).toBe('true');
  });

  it('lets go at the first upward scroll and never moves the reader after that', () => {
    geometry.scrollHeight = 1000;
    const view = render(<Harness lines={1} />);
    userScrollsTo(560);
    expect(pinned()).toBe('false');
    geometry.scrollHeight = 1400;
    view.rerender(<Harness lines={2} />);
    expect(scroller().scrollTop).toBe(560);
    // The reply completes: still no jump.
    geometry.scrollHeight = 1420;
    view.rerender(<Harness lines={3} />);
    expect(scroller().scrollTop).toBe(560);
  });

  it('lets go on a wheel up even before the view moves', () => {
    geometry.scrollHeight = 1000;
    render(<Harness lines={1} />);
    fireEvent.wheel(scroller(), { deltaY: -40 });
    expect(pinned()).toBe('false');
  });

  it('follows again when the reader scrolls back to the bottom, or jumps to latest', () => {
    geometry.scrollHeight = 1000;
    const view = render(<Harness lines={1} />);
    userScrollsTo(300);
    expect(pinned()).toBe('false');
    userScrollsTo(596);
    expect(pinned()).toBe('true');
    userScrollsTo(100);
    geometry.scrollHeight = 1500;
    view.rerender(<Harness lines={2} />);
    act(() => screen.getByRole('button', { name: 'latest' }).click());
    expect(scroller().scrollTop).toBe(1100);
    expect(pinned()).toBe('true');
  });

  it('stays pinned when content shrinks and the browser clamps the scroll position', () => {
    geometry.scrollHeight = 1000;
    render(<Harness lines={1} />);
    geometry.scrollHeight = 950;
    userScrollsTo(550);
    expect(pinned()).toBe('true');
  });
});
