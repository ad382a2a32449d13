import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import '../styles.css';
import { TypingIndicator } from './typing-indicator';

const meta = {
  title: 'ui/Parts/TypingIndicator',
  component: TypingIndicator,
  decorators: [
    (Story, context) => (
      <div
        className="vck-window"
        data-theme={(context.parameters as { theme?: string }).theme ?? 'light'}
        style={{ width: 380, blockSize: 'auto', minBlockSize: 0, padding: 16 }}
      >
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TypingIndicator>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Shown only while waiting for the first token. Hidden from screen readers (the thread's `aria-busy`
 * tells them a reply is coming); its tooltip names it.
 */
export const Typing: Story = {
  play: async ({ canvasElement }) => {
    const typing = canvasElement.querySelector('.vck-typing');
    await expect(typing).toHaveAttribute('aria-hidden', 'true');
    await expect(typing).toHaveAttribute('title', 'Assistant is typing');
  },
};

/** In the dark theme. */
export const Dark: Story = { parameters: { theme: 'dark' } };
