import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { helpDesk, PartChat, partHistory } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatMessage } from '../chat-message';

const meta = {
  title: 'react/Parts/Chat.Message',
  component: ChatMessage,
  args: { messageId: 'h2' },
  render: (args) => (
    <PartChat transport={helpDesk()} history={partHistory}>
      <Chat.Message {...args}>
        <Chat.MessageText />
      </Chat.Message>
    </PartChat>
  ),
} satisfies Meta<typeof ChatMessage>;

export default meta;

/** One message by id, with its role and status as data attributes for styling. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-role]')).not.toBeNull());
    const message = canvasElement.querySelector('[data-role]');
    await expect(message).toHaveAttribute('data-role', 'assistant');
    await expect(message).toHaveAttribute('data-status', 'done');
  },
};
