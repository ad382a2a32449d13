import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { PartFrame } from '../testing/part-window';
import { JumpToLatest } from './jump-to-latest';

const meta = {
  title: 'ui/Parts/JumpToLatest',
  component: JumpToLatest,
  args: { count: 2, onClick: fn() },
  render: (args) => (
    <PartFrame>
      <div style={{ position: 'relative', height: 80 }}>
        <JumpToLatest {...args} />
      </div>
    </PartFrame>
  ),
} satisfies Meta<typeof JumpToLatest>;

export default meta;

/** The pill shown while the reader is scrolled up: it counts what arrived since. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: '2 new messages' }));
    await expect(args.onClick).toHaveBeenCalledOnce();
  },
};

/** Nothing new, only scrolled up. */
export const NothingNew: StoryObj<typeof meta> = {
  args: { count: 0 },
  play: async ({ canvasElement }) => {
    // It pops in (an opacity animation).
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button', { name: 'Jump to latest' })).toBeVisible(),
    );
  },
};
