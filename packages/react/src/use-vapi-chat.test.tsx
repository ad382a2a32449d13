import { act, render, renderHook, waitFor, cleanup } from '@testing-library/react';
import {
  NetworkError,
  responsesTransport,
  UnauthorizedError,
  vapiTransport,
  vapiWebTransport,
  type ChatEvent,
  type VapiChatError,
  persistChat,
} from '@vapi-chat-kit/core';
import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  defaultPublicKey,
  type Emulator,
} from '@vapi-chat-kit/emulator';
import { StrictMode, type ReactNode } from 'react';
import { Chat } from './primitives/chat';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatProvider } from './chat-provider';
import { countingFetch } from './test-support/counting-fetch';
import { immediateFrames, manualFrames } from './test-support/manual-frames';
import { scriptedTransport } from './test-support/scripted-transport';
import { useChatSelector } from './use-chat-selector';
import { useChatStore } from './use-chat-store';
import { useVapiChat } from './use-vapi-chat';

// Unmount what each test rendered (no vitest globals, so no automatic cleanup).
afterEach(cleanup);

const baseUrl = 'http://vapi.test';
const privateBase = {
  apiKey: defaultPrivateKey,
  assistantId: defaultAssistantId,
  baseUrl,
  dangerouslyAllowBrowser: true,
};

let emulator: Emulator = createEmulator({ testMode: true });
afterEach(() => {
  expect(emulator.activeGenerations()).toBe(0);
  emulator = createEmulator({ testMode: true });
});

describe('useVapiChat through vapiTransport and the emulator', () => {
  it('streams a reply, chains the next turn with previousChatId, and sends one request per turn', async () => {
    const { fetch, requests } = countingFetch(emulator);
    const transport = vapiTransport({ ...privateBase, fetch });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    expect(result.current.status).toBe('idle');
    expect(result.current.messages).toEqual([]);

    await act(() => result.current.send('My name is Alice'));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(result.current.messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    expect(result.current.messages[0]?.text).toBe('My name is Alice');

    await act(() => result.current.send("What's my name?"));
    await waitFor(() => expect(result.current.messages).toHaveLength(4));
    expect(result.current.messages[3]?.text).toContain('Alice');
    expect(result.current.messages[3]?.status).toBe('done');
    expect(requests.map((request) => request.path)).toEqual(['/chat', '/chat']);
    expect(JSON.parse(requests[1]?.body ?? '{}')).toMatchObject({
      previousChatId:
        result.current.binding.state.getState().chainsBeforeTurn[result.current.messages[2]?.turnId ?? '']
          ?.chatId,
    });
  });

  it('keeps the actions identical across renders', async () => {
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    const first = result.current;
    expect(first.messages).toEqual([]); // reading `messages` subscribes this component to it
    await act(() => result.current.send('Hi'));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(result.current).not.toBe(first);
    expect(result.current.send).toBe(first.send);
    expect(result.current.stop).toBe(first.stop);
    expect(result.current.retry).toBe(first.retry);
    expect(result.current.regenerate).toBe(first.regenerate);
    expect(result.current.reset).toBe(first.reset);
  });

  it('stops a reply mid-way, keeps the partial text as stopped, and ends idle', async () => {
    const { fetch } = countingFetch(emulator, () => 'stall-after=3');
    const transport = vapiTransport({ ...privateBase, fetch });
    const onFinish = vi.fn();
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames, onFinish }));
    let sent: Promise<boolean> = Promise.resolve(false);
    act(() => {
      sent = result.current.send('How do I reset my password?');
    });
    await waitFor(() => expect(result.current.status).toBe('streaming'));
    await waitFor(() => expect(result.current.messages[1]?.text.length).toBeGreaterThan(0));
    act(() => result.current.stop());
    await act(() => sent);
    await waitFor(() => expect(result.current.messages[1]?.status).toBe('stopped'));
    expect(result.current.status).toBe('idle');
    expect(result.current.error).toBeUndefined();
    expect(result.current.messages[1]?.text.startsWith('To reset')).toBe(true);
    expect(onFinish).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(emulator.activeGenerations()).toBe(0));
  });

  it('keeps a reply cut mid-way as failed, offers retry, and retry sends the turn once more', async () => {
    const { fetch, requests } = countingFetch(emulator, (index) =>
      index === 0 ? 'cut-after=3, cut-mode=reset' : undefined,
    );
    const transport = vapiTransport({ ...privateBase, fetch });
    const onError = vi.fn();
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames, onError }));

    await act(() => result.current.send('How do I reset my password?'));
    await waitFor(() => expect(result.current.status).toBe('error'));
    const [user, partial] = result.current.messages;
    expect(user?.status).toBe('done');
    expect(partial?.status).toBe('failed');
    expect(partial?.text.length).toBeGreaterThan(0);
    expect(NetworkError.isInstance(partial?.error)).toBe(true);
    expect(result.current.error?.code).toBe('network');
    expect(onError).toHaveBeenCalledTimes(1);

    await act(() => result.current.retry(partial?.id ?? ''));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(result.current.messages.map((message) => message.status)).toEqual(['done', 'done']);
    expect(result.current.messages[1]?.text).toContain('Forgot password');
    expect(requests).toHaveLength(2);
  });

  it('shows a 429 back-off (rateLimitedUntil) and then succeeds with the same turn', async () => {
    const { fetch, requests } = countingFetch(emulator, (index) =>
      index === 0 ? 'rate-limit, retry-after=3' : undefined,
    );
    const transport = vapiTransport({ ...privateBase, fetch });
    let wake: (() => void) | undefined;
    const waits: number[] = [];
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        waits.push(ms);
        wake = resolve;
      });
    const { result } = renderHook(() =>
      useVapiChat({ transport, scheduleFrame: immediateFrames, sleep, now: () => 1_000_000 }),
    );
    let sent: Promise<boolean> = Promise.resolve(false);
    act(() => {
      sent = result.current.send('Hello');
    });
    await waitFor(() => expect(result.current.rateLimitedUntil).toBe(1_003_000));
    expect(result.current.status).toBe('submitted');
    expect(result.current.messages.map((message) => message.status)).toEqual(['sending']);
    expect(waits).toEqual([3000]);
    expect(requests).toHaveLength(1);

    act(() => wake?.());
    await act(() => sent);
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(result.current.rateLimitedUntil).toBeUndefined();
    expect(result.current.messages.map((message) => message.status)).toEqual(['done', 'done']);
    expect(requests).toHaveLength(2);
  });

  it('reports a 401 clearly and keeps the user text in the thread, failed and retryable', async () => {
    const transport = vapiTransport({ ...privateBase, apiKey: 'wrong-key', fetch: emulator.fetch });
    const errors: VapiChatError[] = [];
    const { result } = renderHook(() =>
      useVapiChat({ transport, scheduleFrame: immediateFrames, onError: (error) => errors.push(error) }),
    );
    await act(() => result.current.send('Where is my invoice?'));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.messages).toHaveLength(1);
    expect(result.current.messages[0]?.text).toBe('Where is my invoice?');
    expect(result.current.messages[0]?.status).toBe('failed');
    expect(UnauthorizedError.isInstance(result.current.messages[0]?.error)).toBe(true);
    expect(result.current.error?.code).toBe('unauthorized');
    expect(result.current.error?.status).toBe(401);
    expect(errors.map((error) => error.code)).toEqual(['unauthorized']);
  });

  it('regenerates the last reply and resets to a new conversation', async () => {
    const { fetch, requests } = countingFetch(emulator);
    const transport = vapiTransport({ ...privateBase, fetch });
    const { result } = renderHook(() =>
      useVapiChat({ transport, scheduleFrame: immediateFrames, greeting: 'Hi! How can I help?' }),
    );
    expect(result.current.messages.map((message) => message.text)).toEqual(['Hi! How can I help?']);
    await act(() => result.current.send('billing'));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    const firstReply = result.current.messages[2];
    await act(() => result.current.regenerate());
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(result.current.messages).toHaveLength(3);
    expect(result.current.messages[2]?.id).not.toBe(firstReply?.id);
    expect(result.current.messages[2]?.text).toBe(firstReply?.text);
    expect(requests).toHaveLength(2);
    // The greeting went as prior context on the first turn only.
    expect((JSON.parse(requests[0]?.body ?? '{}') as { input: unknown }).input).toEqual([
      { role: 'assistant', content: 'Hi! How can I help?' },
      { role: 'user', content: 'billing' },
    ]);

    act(() => result.current.reset());
    await waitFor(() => expect(result.current.messages).toHaveLength(1));
    expect(result.current.binding.state.getState().chain).toEqual({});
  });
});

describe('useVapiChat through vapiWebTransport and responsesTransport', () => {
  it('streams through /chat/web and marks the turn that ran in a replacement for an expired session', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    emulator = createEmulator({ testMode: true, now: () => new Date(now) });
    const transport = vapiWebTransport({
      publicKey: defaultPublicKey,
      assistantId: defaultAssistantId,
      baseUrl,
      fetch: emulator.fetch,
    });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    await act(() => result.current.send('My name is Alice'));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    await act(() => result.current.send("What's my name?"));
    await waitFor(() => expect(result.current.messages).toHaveLength(4));
    expect(result.current.messages[3]?.text).toContain('Alice');
    const firstSession = result.current.binding.state.getState().chain.sessionId;
    expect(firstSession).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.current.messages.filter((message) => message.newSession)).toEqual([]);

    now += 25 * 60 * 60 * 1000; // past Vapi's 24 h session expiry
    await act(() => result.current.send('Hello again'));
    await waitFor(() => expect(result.current.messages).toHaveLength(6));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(result.current.messages[5]?.status).toBe('done');
    expect(result.current.binding.state.getState().chain.sessionId).not.toBe(firstSession);
    expect(result.current.messages.filter((message) => message.newSession)).toEqual([
      result.current.messages[4],
    ]);
  });

  it('with vapiTransport session chaining, replaces an expired session quietly and marks it', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    emulator = createEmulator({ testMode: true, now: () => new Date(now) });
    const { fetch, requests } = countingFetch(emulator);
    const transport = vapiTransport({ ...privateBase, chaining: 'session', fetch });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    expect(result.current.messages.filter((message) => message.newSession)).toEqual([]);
    await act(() => result.current.send('My name is Alice'));
    await act(() => result.current.send("What's my name?"));
    await waitFor(() => expect(result.current.messages[3]?.status).toBe('done'));
    expect(result.current.messages[3]?.text).toContain('Alice');
    now += 25 * 60 * 60 * 1000;
    await act(() => result.current.send('Hello again'));
    await waitFor(() => expect(result.current.messages[5]?.status).toBe('done'));
    expect(result.current.status).toBe('idle');
    expect(result.current.messages.filter((message) => message.newSession)).toEqual([
      result.current.messages[4],
    ]);
    expect(requests.map((request) => request.path)).toEqual([
      '/session',
      '/chat',
      '/chat',
      '/chat',
      '/session',
      '/chat',
    ]);
  });

  it('streams through /chat/responses and chains with the response id', async () => {
    const { fetch, requests } = countingFetch(emulator);
    const transport = responsesTransport({ ...privateBase, fetch });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    await act(() => result.current.send('My name is Alice'));
    await waitFor(() => expect(result.current.status).toBe('idle'));
    await act(() => result.current.send("What's my name?"));
    await waitFor(() => expect(result.current.messages[3]?.status).toBe('done'));
    expect(result.current.messages[3]?.text).toContain('Alice');
    expect(requests.map((request) => request.path)).toEqual(['/chat/responses', '/chat/responses']);
  });
});

describe('nothing re-sends a turn on its own', () => {
  it('sends one request per turn across hidden→visible and offline→online, and shows offline', async () => {
    const { fetch, requests } = countingFetch(emulator, (index) =>
      index === 1 ? 'cut-after=2, cut-mode=reset' : undefined,
    );
    const transport = vapiTransport({ ...privateBase, fetch });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    await act(() => result.current.send('Hi'));
    await act(() => result.current.send('How do I reset my password?'));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(requests).toHaveLength(2);

    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    visibility.mockReturnValue('hidden');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    visibility.mockReturnValue('visible');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    act(() => void window.dispatchEvent(new Event('focus')));

    const online = vi.spyOn(navigator, 'onLine', 'get');
    online.mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(result.current.isOffline).toBe(true);
    online.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('online')));
    expect(result.current.isOffline).toBe(false);
    visibility.mockRestore();
    online.mockRestore();

    // Give anything that might re-send a chance to run.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(requests).toHaveLength(2);
    expect(result.current.status).toBe('error');
    expect(result.current.messages.map((message) => message.status)).toEqual([
      'done',
      'done',
      'done',
      'failed',
    ]);
  });
});

/** Pushes scripted events and lets the store read them (microtasks only, no timers). */
async function pushed(script: ReturnType<typeof scriptedTransport>, ...events: ChatEvent[]): Promise<void> {
  script.push(...events);
  for (let index = 0; index < 10; index += 1) await Promise.resolve();
}

describe('sharing and providers', () => {
  it('shares one store between hooks bound to the same chatId under one ChatProvider', () => {
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ChatProvider transport={transport} scheduleFrame={immediateFrames}>
        {children}
      </ChatProvider>
    );
    const { result } = renderHook(
      () => ({
        a: useVapiChat({ chatId: 'support' }),
        b: useVapiChat({ chatId: 'support' }),
        other: useVapiChat({ chatId: 'sales' }),
        current: useChatStore(),
        defaultChat: useVapiChat(),
      }),
      { wrapper },
    );
    expect(result.current.a.binding).toBe(result.current.b.binding);
    expect(result.current.a.send).toBe(result.current.b.send);
    expect(result.current.other.binding).not.toBe(result.current.a.binding);
    expect(result.current.current).toBe(result.current.defaultChat.binding.state);
    expect(result.current.defaultChat.chatId).toBe('default');
  });

  it('makes a new chat of its own when chatId changes, without a provider', () => {
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const { result, rerender } = renderHook(({ chatId }) => useVapiChat({ transport, chatId }), {
      initialProps: { chatId: 'first' },
    });
    const first = result.current.binding.state;
    rerender({ chatId: 'first' });
    expect(result.current.binding.state).toBe(first);
    rerender({ chatId: 'second' });
    expect(result.current.binding.state).not.toBe(first);
    expect(result.current.chatId).toBe('second');
  });

  it('gives two providers two separate chats with the same chatId', () => {
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ChatProvider transport={transport}>{children}</ChatProvider>
    );
    const first = renderHook(() => useChatStore(), { wrapper });
    const second = renderHook(() => useChatStore(), { wrapper });
    expect(first.result.current).not.toBe(second.result.current);
  });

  it('throws a clear error outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useChatSelector((state) => state.status))).toThrow(
      'useChatSelector must be used inside <ChatProvider> or <Chat.Root>',
    );
    expect(() => renderHook(() => useChatStore())).toThrow('useChatStore must be used inside');
    expect(() => renderHook(() => useVapiChat())).toThrow('useVapiChat needs a `transport` option');
    vi.restoreAllMocks();
  });

  it('re-renders a component only for the fields it reads, once per frame', async () => {
    const script = scriptedTransport();
    const frames = manualFrames();
    const renders = { sendOnly: 0, statusOnly: 0 };
    let send: ((text: string) => Promise<boolean>) | undefined;
    function SendOnly() {
      renders.sendOnly += 1;
      send = useVapiChat().send;
      return null;
    }
    function StatusOnly() {
      renders.statusOnly += 1;
      return <p>{useVapiChat().status}</p>;
    }
    const view = render(
      <ChatProvider transport={script.transport} scheduleFrame={frames.schedule}>
        <SendOnly />
        <StatusOnly />
      </ChatProvider>,
    );
    expect(renders).toEqual({ sendOnly: 1, statusOnly: 1 });
    act(() => void send?.('Hi'));
    act(() => void frames.flush());
    expect(view.container.textContent).toBe('submitted');
    await act(() => pushed(script, { type: 'turn-start' }, { type: 'text-delta', text: 'Hel' }));
    act(() => void frames.flush());
    expect(view.container.textContent).toBe('streaming');
    for (let index = 0; index < 10; index += 1) {
      await act(() => pushed(script, { type: 'text-delta', text: 'lo' }));
      act(() => void frames.flush());
    }
    await act(() => pushed(script, { type: 'turn-end', text: 'Hello' }));
    act(() => void frames.flush());
    expect(view.container.textContent).toBe('idle');
    // submitted, streaming, idle: one render each after the first, none for the 10 frames of tokens.
    expect(renders).toEqual({ sendOnly: 1, statusOnly: 4 });
    expect(frames.flushed()).toBe(13);
  });
});

describe('in StrictMode', () => {
  it('sends one request per turn and opens one tab channel, closed on unmount', async () => {
    const { fetch, requests } = countingFetch(emulator);
    const transport = vapiTransport({ ...privateBase, fetch });
    const channels: { closed: boolean }[] = [];
    const createChannel = () => {
      const entry = { closed: false };
      channels.push(entry);
      return {
        postMessage: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        close: () => {
          entry.closed = true;
        },
      };
    };
    let chat: ReturnType<typeof useVapiChat> | undefined;
    function Support() {
      chat = useVapiChat({
        transport,
        scheduleFrame: immediateFrames,
        persist: persistChat('memory', { syncTabs: true, createChannel }),
      });
      return (
        <Chat.Root chat={chat}>
          <Chat.Messages>
            {(id) => (
              <Chat.Message messageId={id}>
                <Chat.MessageText />
              </Chat.Message>
            )}
          </Chat.Messages>
        </Chat.Root>
      );
    }
    const view = render(
      <StrictMode>
        <Support />
      </StrictMode>,
    );
    await act(() => chat?.send('My name is Alice') ?? Promise.resolve(false));
    await waitFor(() => expect(view.container.querySelectorAll('[data-status="done"]')).toHaveLength(2));
    expect(requests).toHaveLength(1);
    expect(channels.filter((channel) => !channel.closed)).toHaveLength(1);
    view.unmount();
    expect(channels.filter((channel) => !channel.closed)).toHaveLength(0);
  });
});

describe('with the default frame scheduler (requestAnimationFrame)', () => {
  it('reaches React without any injected scheduler', async () => {
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const { result } = renderHook(() => useVapiChat({ transport }));
    await act(() => result.current.send('Hi'));
    await waitFor(() =>
      expect(result.current.messages.map((message) => message.status)).toEqual(['done', 'done']),
    );
  });
});
