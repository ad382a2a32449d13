import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { longMarkdownReply } from '../testing/sample-replies';
import '../styles.css';
import { CodeBlock } from './code-block';
import { Markdown } from './markdown';

/** Streams `text` into `<Markdown>` a few characters per frame. */
function StreamingMarkdown({ text, chunkSize = 7 }: { readonly text: string; readonly chunkSize?: number }) {
  const [length, setLength] = useState(0);
  useEffect(() => {
    if (length >= text.length) return;
    const timer = setTimeout(() => setLength((value) => value + chunkSize), 16);
    return () => clearTimeout(timer);
  }, [length, text, chunkSize]);
  return <Markdown text={text.slice(0, length)} streaming={length < text.length} />;
}

const meta = {
  title: 'ui/Markdown',
  component: Markdown,
  decorators: [
    (Story) => (
      <div className="vck-window" data-theme="light" style={{ width: 420, padding: 16, blockSize: 'auto' }}>
        <div className="vck-message" data-role="assistant">
          <div className="vck-bubble">
            <Story />
          </div>
        </div>
      </div>
    ),
  ],
  args: { text: longMarkdownReply },
} satisfies Meta<typeof Markdown>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every element a reply can use. */
export const AllElements: Story = {};

/** Streaming: finished blocks stay put, the open tail never shows raw syntax, the end equals a one-shot render. */
export const Streaming: Story = {
  render: (args) => <StreamingMarkdown text={args.text} chunkSize={80} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.vck-markdown[data-streaming]')).toBeNull(), {
      timeout: 5000,
    });
    await expect(within(canvasElement).getByRole('table')).toBeVisible();
    await expect(canvasElement.textContent).not.toContain('**');
  },
};

/** Hostile input renders as inert text: no markup, no unsafe link, no image load. */
export const HostileInput: Story = {
  args: {
    text: [
      'Raw HTML stays text: <img src=x onerror="alert(1)"> <script>alert(1)</script>',
      '',
      '[javascript link](javascript:alert(1)) · [entity-encoded](jav&#x61;script:alert(1)) · [data URL](data:text/html,hi)',
      '',
      '![tracking pixel](https://tracker.example/pixel.gif) · [a safe link](https://example.com)',
    ].join('\n'),
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('script, img, iframe')).toBeNull();
    const hrefs = [...canvasElement.querySelectorAll('a')].map((anchor) => anchor.getAttribute('href'));
    await expect(hrefs).toEqual(['https://tracker.example/pixel.gif', 'https://example.com/']);
  },
};

/** The copy button writes the code to the clipboard and says so. */
export const CopyCode: Story = {
  render: () => <CodeBlock code={'npm install @vapi-chat-kit/ui'} language="bash" />,
  beforeEach: () => {
    const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    (globalThis as { copiedTexts?: string[] }).copiedTexts = written;
    return () => {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else Reflect.deleteProperty(navigator, 'clipboard');
    };
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Copied'));
    await expect((globalThis as { copiedTexts?: string[] }).copiedTexts).toEqual([
      'npm install @vapi-chat-kit/ui',
    ]);
  },
};
