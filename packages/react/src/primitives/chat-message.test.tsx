import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vapiTransport } from '@vapi-chat-kit/core';
import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatBinding, type ChatBinding } from '../create-chat-binding';
import { axeViolations } from '../test-support/axe-violations';
import { countingFetch } from '../test-support/counting-fetch';
import { immediateFrames } from '../test-support/manual-frames';
import { scriptedTransport } from '../test-support/scripted-transport';
import { Chat } from './chat';
import { ChatMessageText, ChatRetry } from './chat-message';

afterEach(cleanup);

const base = {
  apiKey: defaultPrivateKey,
  assistantId: defaultAssistantId,
  baseUrl: 'http://vapi.test',
  dangerouslyAllowBrowser: true,
};

function Thread({ chat }: { chat: ChatBinding }) {
  return (
    <Chat.Root chat={chat}>
      <Chat.Messages aria-label="Support conversation">
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.SessionMarker />
            <Chat.MessageText />
            <Chat.ErrorMessage />
            <Chat.Retry>Retry</Chat.Retry>
          </Chat.Message>
        )}
      </Chat.Messages>
      <Chat.StatusBanner />
      <Chat.Composer />
      <Chat.Send>Send</Chat.Send>
    </Chat.Root>
  );
}

describe('Chat.Messages and Chat.Message', () => {
  it('is a labelled polite log, aria-busy while a reply is written, with data-role and data-status', async () => {
    const script = scriptedTransport();
    const chat = createChatBinding({
      transport: script.transport,
      scheduleFrame: immediateFrames,
      greeting: 'Hi!',
    });
    const view = render(<Thread chat={chat} />);
    const log = screen.getByRole('log', { name: 'Support conversation' });
    expect(log).toHaveAttribute('aria-live', 'polite');
    expect(log).toHaveAttribute('aria-busy', 'false');
    expect(await axeViolations(view.container)).toEqual([]);

    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'true'));
    act(() =>
      script.push(
        { type: 'turn-start' },
        { type: 'text-delta', text: 'Hi ' },
        { type: 'text-delta', text: 'there' },
      ),
    );
    await waitFor(() =>
      expect(log.querySelector('[data-role="assistant"][data-status="streaming"]')).not.toBeNull(),
    );
    expect(log).toHaveAttribute('aria-busy', 'true');
    expect(await axeViolations(view.container)).toEqual([]);
    act(() => script.push({ type: 'turn-end', text: 'Hi there' }));
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'false'));
    expect(
      [...log.querySelectorAll('[data-role]')].map((element) => [
        element.getAttribute('data-role'),
        element.getAttribute('data-status'),
        element.textContent,
      ]),
    ).toEqual([
      ['assistant', 'done', 'Hi!'],
      ['user', 'done', 'Hello'],
      ['assistant', 'done', 'Hi there'],
    ]);
  });

  it('shows a 401 on the failed message (role="alert"), keeps its text, and retries it through the emulator', async () => {
    const emulator = createEmulator({ testMode: true });
    const { fetch, requests } = countingFetch(emulator, (index) => (index === 0 ? 'status=401' : undefined));
    const chat = createChatBinding({
      transport: vapiTransport({ ...base, fetch }),
      scheduleFrame: immediateFrames,
    });
    const view = render(<Thread chat={chat} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Where is my invoice?{Enter}');

    const alerts = await screen.findAllByRole('alert');
    const failed = view.container.querySelector('[data-role="user"]');
    expect(failed).toHaveAttribute('data-status', 'failed');
    expect(failed?.querySelector('[role="alert"]')).toHaveAttribute('data-code', 'unauthorized');
    expect(failed?.firstElementChild).toHaveTextContent('Where is my invoice?');
    // one on the message, one in the banner
    expect(alerts).toHaveLength(2);
    expect(await axeViolations(view.container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(view.container.querySelector('[data-role="assistant"]')).toHaveAttribute('data-status', 'done'),
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(requests).toHaveLength(2);
  });

  it('offers Retry on a reply cut mid-way and keeps the partial text', async () => {
    const emulator = createEmulator({ testMode: true });
    const { fetch } = countingFetch(emulator, (index) =>
      index === 0 ? 'cut-after=3, cut-mode=reset' : undefined,
    );
    const chat = createChatBinding({
      transport: vapiTransport({ ...base, fetch }),
      scheduleFrame: immediateFrames,
    });
    const view = render(<Thread chat={chat} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'How do I reset my password?{Enter}');
    await screen.findByRole('button', { name: 'Retry' });
    const reply = view.container.querySelector('[data-role="assistant"]');
    expect(reply).toHaveAttribute('data-status', 'failed');
    expect(reply?.firstElementChild?.textContent?.startsWith('To reset')).toBe(true);
    expect(reply?.querySelector('[role="alert"]')).toHaveAttribute('data-code', 'network');
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('forwards refs, renders nothing for an unknown id, and throws outside Chat.Root or Chat.Message', async () => {
    const script = scriptedTransport();
    const chat = createChatBinding({ transport: script.transport, greeting: 'Hi!' });
    const id = chat.state.getState().messages[0]?.id ?? '';
    const ref = createRef<HTMLDivElement>();
    const textRef = createRef<HTMLDivElement>();
    const view = render(
      <Chat.Root chat={chat}>
        <Chat.Message messageId={id} ref={ref}>
          <ChatMessageText ref={textRef} />
        </Chat.Message>
        <Chat.Message messageId="unknown" />
      </Chat.Root>,
    );
    expect(ref.current).toHaveAttribute('data-role', 'assistant');
    expect(textRef.current).toHaveTextContent('Hi!');
    expect(await axeViolations(view.container)).toEqual([]);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<Chat.Message messageId={id} />)).toThrow(
      '<Chat.Message> must be inside <Chat.Root>.',
    );
    expect(() =>
      render(
        <Chat.Root chat={chat}>
          <ChatRetry />
        </Chat.Root>,
      ),
    ).toThrow('<Chat.Retry> must be inside <Chat.Message>.');
    vi.restoreAllMocks();
  });
});

describe('Chat.StatusBanner', () => {
  it('shows a visible 429 back-off, then offline, as role="status"', async () => {
    const emulator = createEmulator({ testMode: true });
    const { fetch } = countingFetch(emulator, (index) =>
      index === 0 ? 'rate-limit, retry-after=2' : undefined,
    );
    let wake: (() => void) | undefined;
    const chat = createChatBinding({
      transport: vapiTransport({ ...base, fetch }),
      scheduleFrame: immediateFrames,
      sleep: () =>
        new Promise<void>((resolve) => {
          wake = resolve;
        }),
    });
    const view = render(<Thread chat={chat} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    const banner = await screen.findByRole('status');
    expect(banner).toHaveAttribute('data-state', 'rate-limited');
    expect(banner).toHaveTextContent('Too many requests. Trying again shortly…');
    expect(await axeViolations(view.container)).toEqual([]);
    act(() => wake?.());
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(await axeViolations(view.container)).toEqual([]);

    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(screen.getByRole('status')).toHaveAttribute('data-state', 'offline');
    expect(await axeViolations(view.container)).toEqual([]);
    online.mockRestore();
    act(() => void window.dispatchEvent(new Event('online')));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
