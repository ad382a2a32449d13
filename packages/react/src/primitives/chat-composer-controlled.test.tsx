import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatBinding, type ChatBinding } from '../create-chat-binding';
import { axeViolations } from '../test-support/axe-violations';
import { immediateFrames } from '../test-support/manual-frames';
import { scriptedTransport } from '../test-support/scripted-transport';
import { Chat } from './chat';
import { useChatComposer } from './chat-composer';

afterEach(cleanup);

function chatWithLimit(maxMessageLength?: number): { chat: ChatBinding; requests: { text: string }[] } {
  const { transport, requests } = scriptedTransport();
  const limited = maxMessageLength === undefined ? transport : { ...transport, maxMessageLength };
  return { chat: createChatBinding({ transport: limited, scheduleFrame: immediateFrames }), requests };
}

describe('a composer the app controls', () => {
  it('Chat.Root takes the draft from the app (prefilled, changed, emptied after a send)', () => {
    const { chat, requests } = chatWithLimit();
    const drafts: string[] = [];
    function App(): ReactNode {
      const [draft, setDraft] = useState('I need help with ');
      return (
        <Chat.Root
          chat={chat}
          draft={draft}
          onDraftChange={(next) => {
            drafts.push(next);
            setDraft(next);
          }}
        >
          <Chat.Composer />
          <Chat.Send>Send</Chat.Send>
          <output aria-label="Saved draft">{draft}</output>
        </Chat.Root>
      );
    }
    render(<App />);
    const composer = screen.getByRole('textbox', { name: 'Message' });
    expect(composer).toHaveValue('I need help with ');
    fireEvent.change(composer, { target: { value: 'I need help with billing' } });
    expect(screen.getByLabelText('Saved draft')).toHaveTextContent('I need help with billing');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(requests.map((request) => request.text)).toEqual(['I need help with billing']);
    expect(drafts).toEqual(['I need help with billing', '']);
    expect(composer).toHaveValue('');
  });

  it('useChatComposer drives an input of your own, with the limit and the kit parts beside it', async () => {
    const { chat, requests } = chatWithLimit(10);
    function OwnInput(): ReactNode {
      const { draft, setDraft, canSend, isOverLimit, length, maxLength, submit } = useChatComposer();
      return (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <input
            aria-label="Question"
            aria-invalid={isOverLimit || undefined}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <span>{`${length} of ${maxLength ?? '∞'}`}</span>
          <button type="submit" disabled={!canSend}>
            Ask
          </button>
        </form>
      );
    }
    const view = render(
      <Chat.Root chat={chat}>
        <OwnInput />
        <Chat.CharacterCount threshold={0} />
      </Chat.Root>,
    );
    const input = screen.getByRole('textbox', { name: 'Question' });
    expect(screen.getByRole('button', { name: 'Ask' })).toBeDisabled();
    fireEvent.change(input, { target: { value: 'Far too long a question' } });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('23 / 10')).toHaveAttribute('data-over-limit', '');
    expect(screen.getByRole('button', { name: 'Ask' })).toBeDisabled();
    fireEvent.change(input, { target: { value: 'Refunds?' } });
    expect(screen.getByText('8 of 10')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    expect(requests.map((request) => request.text)).toEqual(['Refunds?']);
    expect(input).toHaveValue('');
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('useChatComposer outside Chat.Root says where it belongs', () => {
    function Lost(): ReactNode {
      useChatComposer();
      return null;
    }
    expect(() => render(<Lost />)).toThrow('<useChatComposer> must be inside <Chat.Root>.');
  });
});
