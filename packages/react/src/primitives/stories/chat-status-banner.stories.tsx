import type { Meta, StoryObj } from '@storybook/react-vite';
import { RateLimitedError, type ChatTransport } from '@vapi-chat-kit/core';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PartChat, PlainThread } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatStatusBanner } from '../chat-status-banner';

/** A transport the server refuses with a 429 for a few seconds. */
const rateLimited: ChatTransport = {
  // A generator that refuses before its first event.
  // eslint-disable-next-line require-yield
  async *sendTurn() {
    await Promise.resolve();
    throw new RateLimitedError('Too many requests.', { retryAfterMs: 5000 });
  },
};

const meta = {
  title: 'react/Parts/Chat.StatusBanner',
  component: ChatStatusBanner,
  render: (args) => (
    <PartChat transport={rateLimited}>
      <PlainThread />
      <Chat.StatusBanner {...args} />
      <Chat.Composer />
    </PartChat>
  ),
} satisfies Meta<typeof ChatStatusBanner>;

export default meta;

/** The chat-wide status line: here the last turn's error, as an alert. Nothing shows while all is well. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('alert')).toBeNull();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveAttribute('data-state', 'error'));
  },
};

/** A render function of one's own for each state (`error`, `offline`, `rate-limited`, `busy-elsewhere`). */
export const OwnText: StoryObj<typeof meta> = {
  args: { children: (state) => (state.kind === 'error' ? `Sorry: ${state.error.code}` : state.kind) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Sorry: rate-limited'));
  },
};
