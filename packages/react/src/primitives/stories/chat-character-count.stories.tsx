import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { helpDesk, PartChat } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatCharacterCount } from '../chat-composer';

const meta = {
  title: 'react/Parts/Chat.CharacterCount',
  component: ChatCharacterCount,
  args: { threshold: 0.5 },
  render: (args) => (
    <PartChat transport={helpDesk({ maxMessageLength: 40 })}>
      <Chat.Composer />
      <Chat.CharacterCount {...args} />
    </PartChat>
  ),
} satisfies Meta<typeof ChatCharacterCount>;

export default meta;

/** The draft's length against the transport's limit, from `threshold` × the limit on, read out politely. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'Short');
    await expect(canvasElement.querySelector('p')).toBeNull();
    await userEvent.type(input, ' question, then some more');
    await expect(canvas.getByText('30 / 40')).not.toHaveAttribute('data-over-limit');
    await userEvent.type(input, ' and more words');
    await expect(canvas.getByText('45 / 40')).toHaveAttribute('data-over-limit', '');
  },
};
