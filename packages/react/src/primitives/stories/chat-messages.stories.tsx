import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { helpDesk, PartChat, partHistory } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatMessages } from '../chat-messages';

const meta = {
  title: 'react/Parts/Chat.Messages',
  component: ChatMessages,
  render: () => (
    <PartChat transport={helpDesk()} history={partHistory}>
      <Chat.Messages>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.MessageText />
          </Chat.Message>
        )}
      </Chat.Messages>
    </PartChat>
  ),
} satisfies Meta<typeof ChatMessages>;

export default meta;

/** The thread: a `log` that renders one child per message id, each re-rendering only when it changes. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const log = within(canvasElement).getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(log.querySelectorAll('[data-role]')).toHaveLength(partHistory.length));
    await expect(log).toHaveAttribute('aria-busy', 'false');
  },
};
