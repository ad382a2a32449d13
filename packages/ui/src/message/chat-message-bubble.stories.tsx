import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { PartWindow } from '../testing/part-window';
import { makeHistory } from '../testing/story-chat';
import { ChatMessageBubble } from './chat-message-bubble';

const meta = {
  title: 'ui/Parts/ChatMessageBubble',
  component: ChatMessageBubble,
  args: { messageId: 'history-1' },
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([])} history={makeHistory(2)}>
      <ChatMessageBubble {...args} />
    </PartWindow>
  ),
} satisfies Meta<typeof ChatMessageBubble>;

export default meta;

/** One message of the window: its bubble (markdown for the assistant), who said it, and its state. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const message = await within(canvasElement).findByText(/Settings → Security/);
    await expect(message.closest('.vck-message')).toHaveAttribute('data-role', 'assistant');
    await expect(canvasElement.querySelector('.vck-bubble strong')).toHaveTextContent('Settings → Security');
  },
};
