import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { helpDesk, PartChat, partHistory } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatMessageText } from '../chat-message';

const meta = {
  title: 'react/Parts/Chat.MessageText',
  component: ChatMessageText,
  render: (args) => (
    <PartChat transport={helpDesk()} history={partHistory}>
      <Chat.Message messageId="h1">
        <Chat.MessageText {...args} />
      </Chat.Message>
    </PartChat>
  ),
} satisfies Meta<typeof ChatMessageText>;

export default meta;

/** The message's text, as plain text (the styled window renders markdown in its place). */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('How do I reset my password?')).toBeVisible();
  },
};
