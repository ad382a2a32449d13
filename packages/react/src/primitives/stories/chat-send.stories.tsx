import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, PartChat, PlainThread } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatSend } from '../chat-composer';

const meta = {
  title: 'react/Parts/Chat.Send',
  component: ChatSend,
  args: { children: 'Send' },
  render: (args) => (
    <PartChat transport={helpDesk({ delayMs: 10 })}>
      <PlainThread />
      <Chat.Composer />
      <Chat.Send {...args} />
    </PartChat>
  ),
} satisfies Meta<typeof ChatSend>;

export default meta;

/** Sends the draft; `aria-disabled` (still focusable and announced) while there is nothing to send. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const send = canvas.getByRole('button', { name: 'Send' });
    await expect(send).toHaveAttribute('aria-disabled', 'true');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Where is my invoice?');
    await expect(send).toHaveAttribute('aria-disabled', 'false');
    await userEvent.click(send);
    await waitFor(() => expect(canvas.getByText('Where is my invoice?')).toBeVisible());
  },
};
