import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PartFrame } from '../testing/part-window';
import { ChatEmptyState } from './chat-empty-state';

const meta = {
  title: 'ui/Parts/ChatEmptyState',
  component: ChatEmptyState,
  args: { suggestions: ['Where is my order?', 'Can I change my plan?'], onSelect: fn() },
  render: (args) => (
    <PartFrame>
      <ChatEmptyState {...args} />
    </PartFrame>
  ),
} satisfies Meta<typeof ChatEmptyState>;

export default meta;

/** What an empty conversation shows: a title, a line of text and suggested questions. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('How can we help?')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Can I change my plan?' }));
    await expect(args.onSelect).toHaveBeenCalledWith('Can I change my plan?');
  },
};

/** A title and text of one's own. */
export const OwnText: StoryObj<typeof meta> = {
  args: { title: 'Ask TechFlow', description: 'Billing, plans and API keys.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Ask TechFlow')).toBeVisible();
  },
};
