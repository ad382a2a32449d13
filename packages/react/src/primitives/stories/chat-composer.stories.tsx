import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, PartChat, PlainThread } from '../../test-support/part-story';
import { Chat } from '../chat';
import { ChatComposer } from '../chat-composer';

const meta = {
  title: 'react/Parts/Chat.Composer',
  component: ChatComposer,
  args: { placeholder: 'Ask a question…' },
  render: (args) => (
    <PartChat transport={helpDesk({ delayMs: 10 })}>
      <PlainThread />
      <Chat.Composer {...args} />
    </PartChat>
  ),
} satisfies Meta<typeof ChatComposer>;

export default meta;
type Story = StoryObj<typeof meta>;

const textbox = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('textbox', { name: 'Message' });
const sent = (canvasElement: HTMLElement) => canvasElement.querySelectorAll('[data-role="user"]');

/** Enter sends and empties the composer; Shift+Enter starts a new line. */
export const EnterSends: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(textbox(canvasElement), 'First line{Shift>}{Enter}{/Shift}second line');
    await expect(textbox(canvasElement)).toHaveValue('First line\nsecond line');
    await expect(sent(canvasElement)).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(sent(canvasElement)).toHaveLength(1));
    await expect(textbox(canvasElement)).toHaveValue('');
  },
};

/**
 * IME composition (Japanese, Chinese, Korean input): the Enter that confirms the composed text does not
 * send it; the next Enter, after the composition ends, does.
 */
export const ImeComposition: Story = {
  play: async ({ canvasElement }) => {
    const input = textbox(canvasElement);
    await userEvent.click(input);
    await fireEvent.compositionStart(input);
    await userEvent.keyboard('konnichiwa');
    await fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    // Safari reports the confirming Enter only as keyCode 229.
    await fireEvent.keyDown(input, { key: 'Enter', keyCode: 229 });
    await fireEvent.compositionEnd(input);
    await expect(input).toHaveValue('konnichiwa');
    await expect(sent(canvasElement)).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(sent(canvasElement)).toHaveLength(1));
    await expect(sent(canvasElement)[0]).toHaveTextContent('konnichiwa');
  },
};
