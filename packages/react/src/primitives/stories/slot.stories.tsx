import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, PartChat, PlainThread } from '../../test-support/part-story';
import { Chat } from '../chat';
import { Slot } from '../slot';

const meta = {
  title: 'react/Parts/Slot',
  component: Slot,
  render: () => (
    <PartChat transport={helpDesk({ delayMs: 10 })}>
      <PlainThread />
      <Chat.Composer />
      {/* `asChild`: Send's behaviour on a button of one's own design system (through Slot). */}
      <Chat.Send asChild>
        <button type="button" className="own-button" style={{ fontWeight: 600 }}>
          Send it
        </button>
      </Chat.Send>
    </PartChat>
  ),
} satisfies Meta<typeof Slot>;

export default meta;

/**
 * What `asChild` uses: a part's props, handlers and ref merged onto an element of one's own, here a button
 * of one's own that sends.
 */
export const AsChild: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Send it' });
    await expect(button).toHaveClass('own-button');
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Where is my API key?');
    await userEvent.click(button);
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-role="user"]')).toHaveLength(1));
  },
};
