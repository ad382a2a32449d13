import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../test-support/axe-violations';
import { composeEventHandlers, Slot } from './slot';

afterEach(cleanup);

describe('Slot', () => {
  it('merges props onto its child: handlers (child first), classes, styles, refs', async () => {
    const calls: string[] = [];
    const slotRef = createRef<HTMLElement>();
    const childRef = createRef<HTMLButtonElement>();
    const view = render(
      <Slot
        ref={slotRef}
        className="part"
        style={{ color: 'red', margin: 1 }}
        aria-label="Send message"
        onClick={() => calls.push('slot')}
      >
        <button
          ref={childRef}
          type="button"
          className="mine"
          style={{ color: 'blue' }}
          onClick={() => calls.push('child')}
        >
          Send
        </button>
      </Slot>,
    );
    const button = screen.getByRole('button', { name: 'Send message' });
    expect(button).toHaveClass('part', 'mine');
    expect(button).toHaveStyle({ color: 'rgb(0, 0, 255)', margin: '1px' });
    expect(slotRef.current).toBe(button);
    expect(childRef.current).toBe(button);
    await userEvent.setup().click(button);
    expect(calls).toEqual(['child', 'slot']);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('composeEventHandlers skips ours when the consumer prevents the default', () => {
    const calls: string[] = [];
    const handler = composeEventHandlers<{ defaultPrevented: boolean }>(
      () => calls.push('consumer'),
      () => calls.push('ours'),
    );
    handler({ defaultPrevented: false });
    handler({ defaultPrevented: true });
    expect(calls).toEqual(['consumer', 'ours', 'consumer']);
  });
});
