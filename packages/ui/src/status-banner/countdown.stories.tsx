import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { PartFrame } from '../testing/part-window';
import { Countdown } from './chat-status-banner';

const meta = {
  title: 'ui/Parts/Countdown',
  component: Countdown,
  args: { until: 0, format: (seconds: number) => `Trying again in ${seconds} s…` },
  render: (args) => (
    <PartFrame>
      <Countdown {...args} until={Date.now() + 30_000} />
    </PartFrame>
  ),
} satisfies Meta<typeof Countdown>;

export default meta;

/** Seconds left until a time, in the words of `format`, updated each second. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    // What is shown changes each second; what is announced, once (a screen reader is not read every tick).
    const shown = canvasElement.querySelector('[data-seconds]');
    await waitFor(() => expect(shown).toHaveTextContent(/^Trying again in (29|30) s…$/));
    await expect(shown).toHaveAttribute('aria-hidden', 'true');
    await expect(
      within(canvasElement).getByText('Trying again in 30 s…', { selector: '.vck-visually-hidden' }),
    ).toBeInTheDocument();
  },
};
