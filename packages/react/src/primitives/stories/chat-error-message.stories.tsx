import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CutChat } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatErrorMessage } from '../chat-message';

const meta = {
  title: 'react/Parts/Chat.ErrorMessage',
  component: ChatErrorMessage,
  render: (args) => (
    <CutChat>
      <Chat.ErrorMessage {...args} />
    </CutChat>
  ),
} satisfies Meta<typeof ChatErrorMessage>;

export default meta;

/** A failed message's error, read out (`role="alert"`); the part of the reply that arrived stays. */
export const AfterACut: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Can I change my plan?{Enter}');
    await waitFor(() => expect(canvas.getByText('The connection was lost.')).toBeVisible(), {
      timeout: 4000,
    });
    await expect(
      canvasElement.querySelector('[data-role="assistant"][data-status="failed"]'),
    ).toHaveTextContent('Your plan change');
  },
};
