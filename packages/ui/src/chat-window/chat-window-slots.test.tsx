import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Chat, useVapiChat } from '@vapi-chat-kit/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatComponents } from '../components/chat-components';
import { ChatComposerBar } from '../composer/chat-composer-bar';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { makeHistory, StoryChat } from '../testing/story-chat';
import { ChatThread } from './chat-window';

afterEach(cleanup);

async function axeViolations(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => violation.id);
}

const components: ChatComponents = {
  Avatar: ({ message }) =>
    message.role === 'assistant' ? <img src="data:," alt="" className="bot-avatar" /> : null,
  MessageActions: ({ message }) =>
    message.role === 'assistant' && message.status === 'done' ? (
      <button type="button">{`Copy reply ${message.id}`}</button>
    ) : null,
  Message: ({ message, children }) => (
    <>
      {children}
      <time dateTime={new Date(message.createdAt).toISOString()} className="stamp">
        {message.role}
      </time>
    </>
  ),
  CodeBlock: ({ code, language }) => (
    <pre className="highlighted" data-language={language}>
      {code}
    </pre>
  ),
};

describe('ChatWindow slots', () => {
  it('render a message, avatar, actions and code block the app’s way, and keep the rest', async () => {
    const transport = scriptedChatTransport([{ text: 'Run:\n\n```bash\nnpm test\n```\n', chunkDelayMs: 1 }]);
    const { container } = render(
      <StoryChat transport={transport} history={makeHistory(2)} components={components} />,
    );
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log.querySelectorAll('time.stamp')).toHaveLength(2);
    expect(log.querySelectorAll('.vck-avatar-slot img.bot-avatar')).toHaveLength(1);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'How do I test?{Enter}');
    await waitFor(() => expect(log.querySelector('pre.highlighted')).not.toBeNull());
    const code = log.querySelector('pre.highlighted');
    expect(code).toHaveAttribute('data-language', 'bash');
    expect(code).toHaveTextContent('npm test');
    // The kit's own code block (with its copy button) is not rendered in its place.
    expect(log.querySelector('.vck-code-block')).toBeNull();
    await waitFor(() => expect(within(log).getAllByRole('button', { name: /^Copy reply / })).toHaveLength(2));
    // The kit's rendering is still inside: the bubble, the role for screen readers.
    expect(log.querySelectorAll('.vck-message .vck-bubble')).toHaveLength(4);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('without slots, renders as before: no row, no actions', () => {
    render(<StoryChat transport={scriptedChatTransport([])} history={makeHistory(2)} />);
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log.querySelector('.vck-message-row, .vck-message-actions, .vck-avatar-slot')).toBeNull();
    expect(log.querySelectorAll('.vck-message')).toHaveLength(2);
  });
});

describe('ChatThread, exported', () => {
  it('builds a window of the app’s own layout from the kit’s thread and composer', async () => {
    const transport = scriptedChatTransport([{ text: 'Hello from the thread.', chunkDelayMs: 1 }]);
    function OwnWindow(): ReactNode {
      const chat = useVapiChat({ transport, chatId: 'own-window' });
      return (
        <Chat.Root chat={chat} className="vck-window" role="region" aria-label="Help">
          <h2>Our own header</h2>
          <ChatThread suggestions={['Where is my order?']} />
          <ChatComposerBar />
        </Chat.Root>
      );
    }
    const { container } = render(<OwnWindow />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Where is my order?' }));
    await waitFor(() => expect(screen.getByText('Hello from the thread.')).toBeInTheDocument());
    expect(screen.getByRole('log', { name: 'Conversation' })).toContainElement(
      screen.getByText('Where is my order?'),
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
