import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, PlainThread } from '../../test-support/part-story';
import { useVapiChat } from '../../use-vapi-chat';
import { Chat } from '../chat';
import { ChatRoot } from '../chat-root';

/** `Chat.Root` around the smallest chat: the thread, a composer and Send. */
function RootAlone() {
  const chat = useVapiChat({ transport: helpDesk({ delayMs: 10 }), chatId: 'part-root' });
  return (
    <Chat.Root chat={chat} style={{ width: 360, fontFamily: 'system-ui, sans-serif' }}>
      <PlainThread />
      <Chat.Composer />
      <Chat.Send>Send</Chat.Send>
    </Chat.Root>
  );
}

const meta = {
  title: 'react/Parts/Chat.Root',
  component: ChatRoot,
  render: () => <RootAlone />,
} satisfies Meta<typeof ChatRoot>;

export default meta;

/** The root carries the chat's status as `data-status`: `idle`, `submitted`, `streaming`, `error`. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('[data-status]');
    await expect(root).toHaveAttribute('data-status', 'idle');
    await userEvent.type(
      within(canvasElement).getByRole('textbox', { name: 'Message' }),
      'My password?{Enter}',
    );
    await waitFor(() => expect(root?.getAttribute('data-status')).toMatch(/submitted|streaming/));
    await waitFor(() => expect(root).toHaveAttribute('data-status', 'idle'), { timeout: 6000 });
  },
};
