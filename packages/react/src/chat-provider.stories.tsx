import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatProvider } from './chat-provider';
import { Chat } from './primitives/chat';
import { helpDesk, partFrame, PlainThread } from './test-support/part-story';
import { useChatSelector } from './use-chat-selector';

/** Elsewhere in the app (a header, a badge): the same chat, read through the provider. */
function MessageCount() {
  const count = useChatSelector((state) => state.messages.length);
  return <p>Messages in this conversation: {count}</p>;
}

const meta = {
  title: 'react/ChatProvider',
  component: ChatProvider,
  args: { transport: helpDesk({ delayMs: 10 }), chatId: 'story-provider' },
  argTypes: { transport: { control: false } },
  render: (args) => (
    <ChatProvider {...args}>
      <MessageCount />
      <Chat.Root style={partFrame}>
        <PlainThread />
        <Chat.Composer />
        <Chat.Send>Send</Chat.Send>
      </Chat.Root>
    </ChatProvider>
  ),
} satisfies Meta<typeof ChatProvider>;

export default meta;

/**
 * One chat for a whole tree: the parts (without a `chat` prop) and the hooks under it share the chat with
 * `chatId`, so a count elsewhere on the page follows the conversation.
 */
export const SharedChat: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Messages in this conversation: 0')).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'My password?{Enter}');
    await waitFor(() => expect(canvas.getByText('Messages in this conversation: 2')).toBeVisible());
  },
};
