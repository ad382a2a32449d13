import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import {
  fetchProxyHistory,
  proxyTransport,
  type ChatTranscript,
  type ChatTransport,
} from '@vapi-chat-kit/core';
import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { createMemoryStore, createProxy, silentLogger, whenTurnsFinished } from '@vapi-chat-kit/proxy';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatBinding, type ChatBinding } from './create-chat-binding';
import { Chat } from './primitives/chat';
import { abortableFetch } from './test-support/abortable-fetch';
import { immediateFrames } from './test-support/manual-frames';
import { chatQueryKeys } from './server/query-keys';
import { useChatHistory } from './use-chat-history';
import { useVapiChat } from './use-vapi-chat';

afterEach(cleanup);

const widgetKey = 'wk_test_site';
const proxyBase = 'http://proxy.test';

/** Our proxy (createProxy) over the emulator, in-process: no port, no network. */
function proxyOverEmulator(upstreamFault?: string) {
  const emulator = createEmulator({ testMode: true });
  const upstreamFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (upstreamFault === undefined) return emulator.fetch(request);
    const headers = new Headers(request.headers);
    headers.set('x-emulator-fault', upstreamFault);
    return emulator.fetch(new Request(request, { headers }));
  };
  const app = createProxy({
    upstream: {
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: 'http://vapi.test',
      fetch: upstreamFetch,
    },
    widgetKeys: [{ key: widgetKey, allowedOrigins: ['*'] }],
    store: createMemoryStore(),
    logger: silentLogger,
  });
  const paths: string[] = [];
  const fetch = abortableFetch(async (request) => {
    paths.push(`${request.method} ${new URL(request.url).pathname}`);
    return app.request(request);
  });
  const transport: ChatTransport = proxyTransport({ baseUrl: proxyBase, widgetKey, fetch });
  return { app, emulator, fetch, transport, paths };
}

function History({ fetch, children }: { fetch: typeof globalThis.fetch; children?: ReactNode }) {
  const history = useChatHistory({ baseUrl: proxyBase, widgetKey, fetch });
  return (
    <>
      <p>history: {history.status}</p>
      {children}
    </>
  );
}

function Transcript({ chat, fetch }: { chat: ChatBinding; fetch: typeof globalThis.fetch }) {
  return (
    <Chat.Root chat={chat}>
      <History fetch={fetch} />
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

describe('through the proxy (createProxy + emulator)', () => {
  it('streams, remembers context across turns, and sends one request per turn', async () => {
    const proxy = proxyOverEmulator();
    const { result } = renderHook(() =>
      useVapiChat({ transport: proxy.transport, scheduleFrame: immediateFrames }),
    );
    await act(() => result.current.send('My name is Alice'));
    await act(() => result.current.send("What's my name?"));
    await waitFor(() => expect(result.current.messages).toHaveLength(4));
    expect(result.current.messages.map((message) => message.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(result.current.messages[3]?.text).toContain('Alice');
    const chain = result.current.binding.state.getState().chain;
    expect(chain.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(chain.conversationId).toEqual(expect.any(String));
    expect(proxy.paths).toEqual(['POST /v1/chat/stream', 'POST /v1/chat/stream']);
    await whenTurnsFinished(proxy.app);
  });

  it('stops a reply through the proxy, which stops the upstream too and stores the partial reply', async () => {
    const proxy = proxyOverEmulator('stall-after=3');
    const { result } = renderHook(() =>
      useVapiChat({ transport: proxy.transport, scheduleFrame: immediateFrames }),
    );
    let sent: Promise<boolean> = Promise.resolve(false);
    act(() => {
      sent = result.current.send('How do I reset my password?');
    });
    await waitFor(() => expect(result.current.messages[1]?.text.length).toBeGreaterThan(0));
    expect(proxy.emulator.activeGenerations()).toBe(1);
    act(() => result.current.stop());
    await act(() => sent);
    await waitFor(() => expect(result.current.messages[1]?.status).toBe('stopped'));
    expect(result.current.status).toBe('idle');
    await whenTurnsFinished(proxy.app);
    await waitFor(() => expect(proxy.emulator.activeGenerations()).toBe(0));
    const { sessionId, conversationId } = result.current.binding.state.getState().chain;
    const history = await fetchProxyHistory({
      baseUrl: proxyBase,
      widgetKey,
      fetch: proxy.fetch,
      sessionId: sessionId ?? '',
      conversationId: conversationId ?? '',
    });
    expect(history.messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'stopped'],
    ]);
    expect(history.messages[1]?.text).toBe(result.current.messages[1]?.text);
  });

  it("asks the proxy for nothing during a conversation's first turn (this device has the user's messages)", async () => {
    const proxy = proxyOverEmulator();
    const chat = createChatBinding({ transport: proxy.transport, scheduleFrame: immediateFrames });
    render(<Transcript chat={chat} fetch={proxy.fetch} />);
    await act(() => chat.actions.send('My name is Alice'));
    await act(() => chat.actions.send("What's my name?"));
    await whenTurnsFinished(proxy.app);
    // The query never ran: still pending, with no data and no error.
    expect(screen.getByText(/^history: /).textContent).toBe('history: pending');
    expect(proxy.paths).toEqual(['POST /v1/chat/stream', 'POST /v1/chat/stream']);
  });

  it('restores a conversation from the proxy history on a device that kept only the chain, with no QueryClientProvider', async () => {
    const proxy = proxyOverEmulator();
    const first = createChatBinding({ transport: proxy.transport });
    await first.actions.send('My name is Alice');
    await first.actions.send('How do I reset my password?');
    await whenTurnsFinished(proxy.app);
    const expected = first.state.getState().messages.map((message) => [message.role, message.text]);

    const device = createChatBinding({ transport: proxy.transport, scheduleFrame: immediateFrames });
    device.actions.restore({ messages: [], chain: first.state.getState().chain });
    const view = render(<Transcript chat={device} fetch={proxy.fetch} />);
    await screen.findByText('history: success');
    await waitFor(() => expect(view.container.querySelectorAll('[data-role]')).toHaveLength(4));
    expect(device.state.getState().messages.map((message) => [message.role, message.text])).toEqual(expected);
    expect(proxy.paths.at(-1)).toBe('GET /v1/chat/history');

    // The chain is intact: the next turn continues the same conversation.
    await device.actions.send("What's my name?");
    expect(device.state.getState().messages[5]?.text).toContain('Alice');
    await whenTurnsFinished(proxy.app);
  });

  it("uses the app's QueryClient when there is one, and shares the cached transcript with the chat (no copy)", async () => {
    const proxy = proxyOverEmulator();
    const first = createChatBinding({ transport: proxy.transport });
    await first.actions.send('My name is Alice');
    await whenTurnsFinished(proxy.app);
    const device = createChatBinding({ transport: proxy.transport, scheduleFrame: immediateFrames });
    device.actions.restore({ messages: [], chain: first.state.getState().chain });
    const queryClient = new QueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <Transcript chat={device} fetch={proxy.fetch} />
      </QueryClientProvider>,
    );
    await screen.findByText('history: success');
    const { sessionId, conversationId } = device.state.getState().chain;
    const cached = queryClient.getQueryData<ChatTranscript>(
      chatQueryKeys.history(proxyBase, sessionId, conversationId),
    );
    expect(cached).toMatchObject({
      conversationId,
      messages: [
        { role: 'user', text: 'My name is Alice' },
        { role: 'assistant', status: 'done' },
      ],
    });
    // One copy of the transcript: the chat's store holds the query's own messages array.
    await waitFor(() => expect(device.state.getState().messages).toBe(cached?.messages));

    // A turn then adds the live messages after the cached ones, which keep their identity.
    await act(() => device.actions.send("What's my name?"));
    const messages = device.state.getState().messages;
    expect(messages).toHaveLength(4);
    expect(messages.slice(0, 2).every((message, index) => message === cached?.messages[index])).toBe(true);
    expect(messages[3]?.text).toContain('Alice');
    await whenTurnsFinished(proxy.app);
  });
});
