import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatComposerBar } from '../composer/chat-composer-bar';
import { PartWindow } from '../testing/part-window';
import { shortReply } from '../testing/sample-replies';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { makeHistory } from '../testing/story-chat';
import { ChatThread } from './chat-window';

const meta = {
  title: 'ui/Parts/ChatThread',
  component: ChatThread,
  args: { suggestions: ['Can I change my plan?'] },
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([{ text: shortReply, firstTokenDelayMs: 30 }])} height={480}>
      <ChatThread {...args} />
      <ChatComposerBar showHint={false} />
    </PartWindow>
  ),
} satisfies Meta<typeof ChatThread>;

export default meta;

/**
 * The window's thread for a layout of one's own: the messages, the typing indicator, the empty state,
 * the status banner, jump to latest and "show earlier" paging.
 */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Can I change my plan?' }));
    await waitFor(
      () => expect(canvasElement.querySelectorAll('.vck-message[data-status="done"]')).toHaveLength(2),
      {
        timeout: 4000,
      },
    );
  },
};

/** A long restored thread shows its latest page; earlier messages load on request. */
export const LongHistory: StoryObj<typeof meta> = {
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([])} history={makeHistory(120)} height={480}>
      <ChatThread {...args} />
    </PartWindow>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(50));
    await userEvent.click(canvas.getByRole('button', { name: 'Show 70 earlier messages' }));
    await waitFor(() => expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(100));
  },
};
