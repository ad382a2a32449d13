import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PartWindow } from '../testing/part-window';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { ChatComposerBar } from './chat-composer-bar';

const meta = {
  title: 'ui/Parts/ChatComposerBar',
  component: ChatComposerBar,
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([{ text: 'Sure.', firstTokenDelayMs: Infinity }])}>
      <ChatComposerBar {...args} />
    </PartWindow>
  ),
} satisfies Meta<typeof ChatComposerBar>;

export default meta;

/** The composer, its keyboard hint, and Send, which becomes Stop while a reply is on its way. */
export const Alone: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Enter to send, Shift+Enter for a new line')).toBeInTheDocument();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Stop' })).toBeVisible());
  },
};

/** Without the hint. */
export const WithoutHint: StoryObj<typeof meta> = {
  args: { showHint: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByText('Enter to send, Shift+Enter for a new line')).toBeNull();
  },
};
