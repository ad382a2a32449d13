import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, PartChat, PlainThread } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatStop } from '../chat-composer';

const meta = {
  title: 'react/Parts/Chat.Stop',
  component: ChatStop,
  args: { children: 'Stop' },
  render: (args) => (
    <PartChat transport={helpDesk({ delayMs: 60 })}>
      <PlainThread />
      <Chat.Composer />
      <Chat.Stop {...args} />
    </PartChat>
  ),
} satisfies Meta<typeof ChatStop>;

export default meta;

/** Stops the reply in flight and keeps it as far as it got (`stopped`); `aria-disabled` when idle. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const stop = canvas.getByRole('button', { name: 'Stop' });
    await expect(stop).toHaveAttribute('aria-disabled', 'true');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Can I change my plan?{Enter}');
    await waitFor(() => expect(canvasElement.querySelector('[data-status="streaming"]')).not.toBeNull(), {
      timeout: 4000,
    });
    await userEvent.click(stop);
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-role="assistant"][data-status="stopped"]')).toHaveTextContent(
        /^Than/,
      ),
    );
    await expect(stop).toHaveAttribute('aria-disabled', 'true');
  },
};
