import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ChatThread } from '../chat-window/chat-window';
import { PartWindow } from '../testing/part-window';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { makeHistory } from '../testing/story-chat';
import { storySlots } from '../testing/story-slots';
import { ChatComponentsProvider } from './chat-components';

const meta = {
  title: 'ui/Parts/ChatComponentsProvider',
  component: ChatComponentsProvider,
  args: { components: storySlots.avatar, children: null },
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([])} history={makeHistory(2)} height={320}>
      <ChatComponentsProvider {...args}>
        <ChatThread />
      </ChatComponentsProvider>
    </PartWindow>
  ),
} satisfies Meta<typeof ChatComponentsProvider>;

export default meta;

/** Parts rendered your own way for a layout of your own (`ChatWindow` takes the same as `components`). */
export const Avatar: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/Settings → Security/);
    await expect(canvasElement.querySelectorAll('.story-avatar')).toHaveLength(1);
  },
};
