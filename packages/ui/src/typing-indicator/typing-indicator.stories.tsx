import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { ChatHeader } from '../chat-header/chat-header';
import { ChatEmptyState } from '../empty-state/chat-empty-state';
import { JumpToLatest } from '../jump-to-latest/jump-to-latest';
import '../styles.css';
import { TypingIndicator } from './typing-indicator';

const meta = {
  title: 'ui/Parts',
  component: TypingIndicator,
  decorators: [
    (Story, context) => (
      <div
        className="vck-window"
        data-theme={(context.parameters as { theme?: string }).theme ?? 'light'}
        style={{ width: 380, blockSize: 'auto', minBlockSize: 0, padding: 16, paddingBlockStart: 64 }}
      >
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TypingIndicator>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Shown only while waiting for the first token. */
export const Typing: Story = {};

/** The header, with new-conversation and close buttons. */
export const Header: Story = {
  render: () => (
    <ChatHeader
      title="TechFlow support"
      subtitle="Typically replies in seconds"
      onReset={fn()}
      onClose={fn()}
    />
  ),
};

/** The jump-to-latest pill, with and without a count. */
export const JumpPill: Story = {
  render: () => (
    <div style={{ position: 'relative', blockSize: 60 }}>
      <div className="vck-jump-anchor" style={{ position: 'absolute', insetBlockEnd: 0, insetInline: 0 }}>
        <JumpToLatest count={3} onClick={fn()} />
      </div>
    </div>
  ),
};

/** The empty state with suggestions, dark. */
export const EmptyStateDark: Story = {
  parameters: { theme: 'dark' },
  render: () => <ChatEmptyState suggestions={['Reset my password', 'Change my plan']} onSelect={fn()} />,
};
