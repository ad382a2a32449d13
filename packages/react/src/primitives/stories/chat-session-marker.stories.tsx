import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { helpDesk, PartChat, partHistory } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatSessionMarker } from '../chat-message';

const meta = {
  title: 'react/Parts/Chat.SessionMarker',
  component: ChatSessionMarker,
  render: (args) => (
    <PartChat transport={helpDesk()} history={partHistory}>
      <Chat.Messages>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.SessionMarker {...args} />
            <Chat.MessageText />
          </Chat.Message>
        )}
      </Chat.Messages>
    </PartChat>
  ),
} satisfies Meta<typeof ChatSessionMarker>;

export default meta;

/** A divider shown only on the turn that ran in a new server session (here the third message). */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const markers = await within(canvasElement).findAllByRole('separator', { name: 'New conversation' });
    await expect(markers).toHaveLength(1);
    await expect(markers[0]?.nextElementSibling).toHaveTextContent('And my API key?');
  },
};
