import { act, fireEvent, render, screen, waitFor, cleanup } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi, afterEach } from 'vitest';
import { createChatBinding } from '../create-chat-binding';
import { axeViolations } from '../test-support/axe-violations';
import { immediateFrames } from '../test-support/manual-frames';
import { scriptedTransport } from '../test-support/scripted-transport';
import { Chat } from './chat';
import { ChatComposer, ChatSend } from './chat-composer';

// Unmount what each test rendered (no vitest globals, so no automatic cleanup).
afterEach(cleanup);

function setup(props: { onKeyDown?: (event: React.KeyboardEvent<HTMLTextAreaElement>) => void } = {}) {
  const script = scriptedTransport();
  const chat = createChatBinding({ transport: script.transport, scheduleFrame: immediateFrames });
  const composerRef = createRef<HTMLTextAreaElement>();
  const sendRef = createRef<HTMLButtonElement>();
  const view = render(
    <Chat.Root chat={chat}>
      <Chat.Composer ref={composerRef} onKeyDown={props.onKeyDown} />
      <Chat.Send ref={sendRef}>Send</Chat.Send>
      <Chat.Stop>Stop</Chat.Stop>
    </Chat.Root>,
  );
  return { script, chat, view, composerRef, sendRef, user: userEvent.setup() };
}

describe('Chat.Composer, Chat.Send, Chat.Stop', () => {
  it('renders a labelled textarea and buttons with no axe violations', async () => {
    const { view, composerRef, sendRef } = setup();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBe(composerRef.current);
    expect(screen.getByRole('button', { name: 'Send' })).toBe(sendRef.current);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('sends on Enter, adds a new line on Shift+Enter, and clears the draft', async () => {
    const { script, user, view } = setup();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    await user.type(composer, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(composer).toHaveValue('Line one\nLine two');
    expect(script.requests).toHaveLength(0);
    await user.type(composer, '{Enter}');
    expect(script.requests.map((request) => request.text)).toEqual(['Line one\nLine two']);
    expect(composer).toHaveValue('');
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('never sends on the Enter that confirms an IME composition', async () => {
    const { script, user, view } = setup();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    await user.type(composer, 'にほんご');
    fireEvent.keyDown(composer, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(composer, { key: 'Enter', keyCode: 229 });
    expect(script.requests).toHaveLength(0);
    expect(composer).toHaveValue('にほんご');
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(script.requests.map((request) => request.text)).toEqual(['にほんご']);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('calls the consumer handler first and respects preventDefault', async () => {
    const onKeyDown = vi.fn((event: React.KeyboardEvent<HTMLTextAreaElement>) => event.preventDefault());
    const { script, user, view } = setup({ onKeyDown });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    expect(onKeyDown).toHaveBeenCalledTimes(3);
    expect(script.requests).toHaveLength(0);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('marks Send aria-disabled (still focusable) while the draft is blank or a turn is in flight', async () => {
    const { script, user, view } = setup();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toHaveAttribute('aria-disabled', 'true');
    expect(send).not.toBeDisabled();
    await user.click(send);
    expect(script.requests).toHaveLength(0);

    const composer = screen.getByRole('textbox', { name: 'Message' });
    await user.type(composer, 'How do I reset my password?');
    expect(send).toHaveAttribute('aria-disabled', 'false');
    await user.click(send);
    expect(script.requests).toHaveLength(1);
    expect(composer).toHaveFocus();
    await waitFor(() => expect(view.container.firstElementChild).toHaveAttribute('data-status', 'submitted'));

    await user.type(composer, 'Another');
    expect(send).toHaveAttribute('aria-disabled', 'true');
    await user.click(send);
    expect(script.requests).toHaveLength(1);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('stops a reply in flight; Stop is aria-disabled when idle', async () => {
    const { script, user, chat, view } = setup();
    const stop = screen.getByRole('button', { name: 'Stop' });
    expect(stop).toHaveAttribute('aria-disabled', 'true');
    expect(stop).toHaveAttribute('data-state', 'idle');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    act(() => script.push({ type: 'turn-start' }, { type: 'text-delta', text: 'Hel' }));
    await waitFor(() => expect(stop).toHaveAttribute('data-state', 'busy'));
    expect(stop).toHaveAttribute('aria-disabled', 'false');
    await user.click(stop);
    await waitFor(() => expect(stop).toHaveAttribute('data-state', 'idle'));
    expect(chat.state.getState().messages.map((message) => [message.text, message.status])).toEqual([
      ['Hi', 'done'],
      ['Hel', 'stopped'],
    ]);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('renders its child with asChild, merging handlers (the child first)', async () => {
    const script = scriptedTransport();
    const chat = createChatBinding({ transport: script.transport, scheduleFrame: immediateFrames });
    const order: string[] = [];
    const view = render(
      <Chat.Root chat={chat} asChild>
        <section aria-label="Support chat">
          <ChatComposer />
          <ChatSend asChild onClick={() => order.push('part consumer')}>
            <a href="#send" className="link" onClick={() => order.push('child')}>
              Send now
            </a>
          </ChatSend>
        </section>
      </Chat.Root>,
    );
    const user = userEvent.setup();
    expect(screen.getByRole('region', { name: 'Support chat' })).toHaveAttribute('data-status', 'idle');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi');
    const link = screen.getByRole('link', { name: 'Send now' });
    expect(link).toHaveAttribute('aria-disabled', 'false');
    expect(link).toHaveClass('link');
    await user.click(link);
    expect(order).toEqual(['child', 'part consumer']);
    expect(script.requests).toHaveLength(1);
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('offers Regenerate only after a finished reply, and asks the question again', async () => {
    const script = scriptedTransport();
    const chat = createChatBinding({
      transport: script.transport,
      scheduleFrame: immediateFrames,
      greeting: 'Hi!',
    });
    const view = render(
      <Chat.Root chat={chat}>
        <Chat.Composer />
        <Chat.Regenerate>Regenerate</Chat.Regenerate>
      </Chat.Root>,
    );
    // A greeting is not a reply to regenerate.
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    act(() => script.push({ type: 'turn-start' }, { type: 'turn-end', text: 'First reply' }));
    const regenerate = await screen.findByRole('button', { name: 'Regenerate' });
    expect(await axeViolations(view.container)).toEqual([]);
    await user.click(regenerate);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull());
    act(() => script.push({ type: 'turn-start' }, { type: 'turn-end', text: 'Second reply' }));
    await screen.findByRole('button', { name: 'Regenerate' });
    expect(script.requests.map((request) => request.text)).toEqual(['Hello', 'Hello']);
    expect(chat.state.getState().messages.map((message) => message.text)).toEqual([
      'Hi!',
      'Hello',
      'Second reply',
    ]);
  });

  it('throws outside Chat.Root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<ChatComposer />)).toThrow('<Chat.Composer> must be inside <Chat.Root>.');
    expect(() => render(<ChatSend />)).toThrow('<Chat.Send> must be inside <Chat.Root>.');
    vi.restoreAllMocks();
  });
});
