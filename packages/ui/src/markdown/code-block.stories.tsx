import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PartFrame } from '../testing/part-window';
import { CodeBlock } from './code-block';

const meta = {
  title: 'ui/Parts/CodeBlock',
  component: CodeBlock,
  args: { code: 'curl -X POST https://support.example.com/v1/chat', language: 'bash' },
  render: (args) => (
    <PartFrame>
      <CodeBlock {...args} />
    </PartFrame>
  ),
} satisfies Meta<typeof CodeBlock>;

export default meta;

/** A fenced code block with a copy button whose result is announced. */
export const Alone: StoryObj<typeof meta> = {
  beforeEach: () => {
    const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    return () => {
      if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard);
      else Reflect.deleteProperty(navigator, 'clipboard');
    };
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('curl -X POST https://support.example.com/v1/chat')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Copied' })).toBeVisible());
  },
};
