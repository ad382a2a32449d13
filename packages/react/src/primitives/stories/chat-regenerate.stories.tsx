import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, PartChat, partHistory, PlainThread } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatRegenerate } from '../chat-composer';

const meta = {
  title: 'react/Parts/Chat.Regenerate',
  component: ChatRegenerate,
  args: { children: 'Regenerate' },
  render: (args) => (
    <PartChat transport={helpDesk({ delayMs: 10 })} history={partHistory}>
      <PlainThread />
      <Chat.Regenerate {...args} />
    </PartChat>
  ),
} satisfies Meta<typeof ChatRegenerate>;

export default meta;

/** Asks the last question again; the new reply takes the old one's place. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('It is under Dashboard, then API keys.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }));
    await waitFor(
      () => expect(canvas.getByText(/Thanks for asking about "And my API key\?"/)).toBeVisible(),
      {
        timeout: 6000,
      },
    );
    await expect(canvas.queryByText('It is under Dashboard, then API keys.')).toBeNull();
    await expect(canvasElement.querySelectorAll('[data-role="user"]')).toHaveLength(2);
  },
};
