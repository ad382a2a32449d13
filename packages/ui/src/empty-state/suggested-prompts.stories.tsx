import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PartFrame } from '../testing/part-window';
import { SuggestedPrompts } from './chat-empty-state';

const meta = {
  title: 'ui/Parts/SuggestedPrompts',
  component: SuggestedPrompts,
  args: { suggestions: ['How do I reset my password?', 'Where is my API key?'], onSelect: fn() },
  render: (args) => (
    <PartFrame>
      <SuggestedPrompts {...args} />
    </PartFrame>
  ),
} satisfies Meta<typeof SuggestedPrompts>;

export default meta;

/** Suggested questions as buttons, reachable with Tab; choosing one sends it. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement, args }) => {
    await userEvent.tab();
    await expect(
      within(canvasElement).getByRole('button', { name: 'How do I reset my password?' }),
    ).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith('How do I reset my password?');
  },
};
