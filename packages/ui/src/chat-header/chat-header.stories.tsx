import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PartFrame } from '../testing/part-window';
import { ChatHeader } from './chat-header';

const meta = {
  title: 'ui/Parts/ChatHeader',
  component: ChatHeader,
  args: { title: 'TechFlow support', subtitle: 'Typically replies in seconds', onReset: fn(), onClose: fn() },
  render: (args) => (
    <PartFrame>
      <ChatHeader {...args} />
    </PartFrame>
  ),
} satisfies Meta<typeof ChatHeader>;

export default meta;

/** The window's title bar: a heading, a subtitle, and buttons for a new conversation and for closing. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'TechFlow support' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'New conversation' }));
    await expect(args.onReset).toHaveBeenCalledOnce();
    await userEvent.click(canvas.getByRole('button', { name: 'Close chat' }));
    await expect(args.onClose).toHaveBeenCalledOnce();
  },
};
