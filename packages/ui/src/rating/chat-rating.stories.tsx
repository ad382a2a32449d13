import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PartWindow } from '../testing/part-window';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { storyProxyFetch } from '../testing/story-proxy';
import { ChatRating } from './chat-rating';

const reply = {
  id: 'msg_a1',
  remoteId: 'msg_a1',
  role: 'assistant',
  text: 'The second charge is the seat you added on the 12th.',
  status: 'done',
  createdAt: Date.parse('2026-12-01T10:00:00.000Z'),
} as const;

const meta = {
  title: 'ui/Parts/ChatRating',
  component: ChatRating,
  args: { message: reply, proxy: { baseUrl: 'https://proxy.story', fetch: storyProxyFetch({}) } },
  argTypes: { message: { control: false }, proxy: { control: false } },
  render: (args) => (
    <PartWindow
      transport={scriptedChatTransport([])}
      history={[reply]}
      chain={{ sessionId: 'laptop-1', conversationId: 'conv_invoice' }}
    >
      <div style={{ padding: 16 }}>
        <ChatRating {...args} />
      </div>
    </PartWindow>
  ),
} satisfies Meta<typeof ChatRating>;

export default meta;

/** Thumbs up and down (toggles); a thumbs down asks for an optional comment. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Not helpful' }));
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Not helpful' })).toHaveAttribute('aria-pressed', 'true'),
    );
    await expect(canvas.getByRole('textbox', { name: 'What was missing? (optional)' })).toBeVisible();
    // Pressed again, the rating goes.
    await userEvent.click(canvas.getByRole('button', { name: 'Not helpful' }));
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Not helpful' })).toHaveAttribute('aria-pressed', 'false'),
    );
  },
};
