import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CutChat } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatRetry } from '../chat-message';

const meta = {
  title: 'react/Parts/Chat.Retry',
  component: ChatRetry,
  args: { children: 'Retry' },
  render: (args) => (
    <CutChat>
      <Chat.ErrorMessage />
      <Chat.Retry {...args} />
    </CutChat>
  ),
} satisfies Meta<typeof ChatRetry>;

export default meta;

/**
 * Retry after a cut: the reply stopped part-way with an error; Retry (shown only on a failed turn) sends
 * the same turn again, and the whole reply replaces the partial one.
 */
export const RetryAfterACut: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Can I change my plan?{Enter}');
    const retry = await canvas.findByRole('button', { name: 'Retry' }, { timeout: 4000 });
    await userEvent.click(retry);
    // The button goes away while the turn runs; focus goes to the composer, not to the page's body.
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveFocus();
    await waitFor(
      () =>
        expect(canvasElement.querySelector('[data-role="assistant"][data-status="done"]')).toHaveTextContent(
          'Your plan changes at the end of the billing period.',
        ),
      { timeout: 4000 },
    );
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull();
    await expect(canvasElement.querySelectorAll('[data-role="user"]')).toHaveLength(1);
  },
};
