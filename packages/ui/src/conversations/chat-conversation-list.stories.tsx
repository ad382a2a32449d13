import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PartWindow } from '../testing/part-window';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { storyConversations, storyProxyFetch, storyTranscripts } from '../testing/story-proxy';
import { ChatConversationList } from './chat-conversation-list';

const proxy = {
  baseUrl: 'https://proxy.story',
  fetch: storyProxyFetch({ conversations: storyConversations, transcripts: storyTranscripts }),
  visitorToken: () => 'story-visitor-token',
  visitorId: 'alice',
};

const meta = {
  title: 'ui/Parts/ChatConversationList',
  component: ChatConversationList,
  args: { proxy },
  argTypes: { proxy: { control: false } },
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([])} height={420}>
      <ChatConversationList {...args} />
    </PartWindow>
  ),
} satisfies Meta<typeof ChatConversationList>;

export default meta;

/** A signed-in visitor's conversations, newest first; choosing one reopens it. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const items = await canvas.findAllByRole('listitem');
    await expect(items).toHaveLength(2);
    await userEvent.click(canvas.getByRole('button', { name: /Why was I charged twice/ }));
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: /Why was I charged twice/ })).toHaveAttribute(
        'aria-current',
        'true',
      ),
    );
  },
};
