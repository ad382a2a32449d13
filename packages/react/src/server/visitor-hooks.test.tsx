import { act, cleanup, render, screen, waitFor, fireEvent } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { proxyTransport, type ChatTranscript, type ProxyRequestOptions } from '@vapi-chat-kit/core';
import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import {
  createMemoryStore,
  createProxy,
  signVisitorToken,
  silentLogger,
  whenTurnsFinished,
} from '@vapi-chat-kit/proxy';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatBinding, type ChatBinding } from '../create-chat-binding';
import { Chat } from '../primitives/chat';
import { abortableFetch } from '../test-support/abortable-fetch';
import { immediateFrames } from '../test-support/manual-frames';
import { useChatMessage } from '../use-chat-message';
import { chatQueryKeys } from './query-keys';
import { useMessageRating } from './use-message-rating';
import { useOpenConversation } from './use-open-conversation';
import { useVisitorConversations } from './use-visitor-conversations';

afterEach(cleanup);

const widgetKey = 'wk_test_site';
const baseUrl = 'http://proxy.test';
const secret = 'a-test-visitor-secret-of-32-characters';

/** The real proxy over the emulator, in-process, with visitor tokens on; every request's method and path. */
function proxyWithVisitors() {
  const emulator = createEmulator({ testMode: true });
  const app = createProxy({
    upstream: {
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: 'http://vapi.test',
      fetch: (input, init) => emulator.fetch(new Request(input, init)),
    },
    widgetKeys: [{ key: widgetKey, id: 'site', allowedOrigins: ['*'], visitors: { secret } }],
    store: createMemoryStore(),
    logger: silentLogger,
  });
  const paths: string[] = [];
  // While set, requests hang until `drop()` fails them as a lost connection does.
  let outage: Promise<never> | undefined;
  let drop = () => undefined as void;
  const fetch = abortableFetch(async (request) => {
    paths.push(`${request.method} ${new URL(request.url).pathname}`);
    if (outage) await outage;
    return app.request(request);
  });
  const goDown = () => {
    outage = new Promise<never>((_resolve, reject) => {
      drop = () => reject(new TypeError('Failed to fetch'));
    });
    outage.catch(() => undefined);
  };
  return { app, fetch, paths, goDown, drop: () => drop() };
}

/** One device of a signed-in visitor: its own chat, with a token asked for before each request. */
function device(proxy: ReturnType<typeof proxyWithVisitors>, visitorId: string) {
  const server: ProxyRequestOptions = {
    baseUrl,
    widgetKey,
    fetch: proxy.fetch,
    visitorToken: () => signVisitorToken({ secret, widgetKeyId: 'site', visitorId }),
  };
  const chat = createChatBinding({ transport: proxyTransport(server), scheduleFrame: immediateFrames });
  return { server, chat };
}

function ConversationList({ server, visitorId }: { server: ProxyRequestOptions; visitorId: string }) {
  const { data = [], status } = useVisitorConversations({ ...server, visitorId });
  const { open, startNew } = useOpenConversation(server);
  return (
    <div>
      <p>list: {status}</p>
      <ul aria-label="Conversations">
        {data.map((conversation) => (
          <li key={conversation.conversationId}>
            <button type="button" onClick={() => void open(conversation)}>
              {conversation.title}
            </button>
            <span>{conversation.preview?.text}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={startNew}>
        New conversation
      </button>
    </div>
  );
}

function Rating({ server }: { server: ProxyRequestOptions }) {
  const message = useChatMessage();
  const { rating, rate, canRate, error } = useMessageRating(message!, server);
  if (!canRate) return null;
  return (
    <span>
      <button
        type="button"
        aria-pressed={rating?.value === 'up'}
        onClick={() => rate(rating?.value === 'up' ? null : 'up')}
      >
        Helpful
      </button>
      {error ? <span role="alert">{error.code}</span> : null}
    </span>
  );
}

function Device({
  chat,
  server,
  visitorId,
}: {
  chat: ChatBinding;
  server: ProxyRequestOptions;
  visitorId: string;
}) {
  return (
    <Chat.Root chat={chat}>
      <ConversationList server={server} visitorId={visitorId} />
      <Chat.Messages>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.MessageText />
            <Rating server={server} />
          </Chat.Message>
        )}
      </Chat.Messages>
    </Chat.Root>
  );
}

describe("a signed-in visitor's server state (TanStack Query), through the real proxy", () => {
  it('lists a conversation from another device, reopens and continues it with its context, and rates a reply', async () => {
    const proxy = proxyWithVisitors();
    const laptop = device(proxy, 'alice');
    await laptop.chat.actions.send('My name is Alice');
    await whenTurnsFinished(proxy.app);

    const phone = device(proxy, 'alice');
    const queryClient = new QueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <Device chat={phone.chat} server={phone.server} visitorId="alice" />
      </QueryClientProvider>,
    );
    const listed = await screen.findByRole('button', { name: 'My name is Alice' });
    fireEvent.click(listed);
    await waitFor(() => expect(phone.chat.state.getState().messages).toHaveLength(2));
    expect(phone.chat.state.getState().chain).toEqual(laptop.chat.state.getState().chain);
    // The reopened transcript is held once: the chat's store has the query cache's own messages.
    const { sessionId: openedSession, conversationId: opened } = phone.chat.state.getState().chain;
    const cached = queryClient.getQueryData<ChatTranscript>(
      chatQueryKeys.history(baseUrl, openedSession, opened),
    );
    expect(cached?.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(phone.chat.state.getState().messages).toBe(cached?.messages);

    await act(() => phone.chat.actions.send("What's my name?"));
    await whenTurnsFinished(proxy.app);
    expect(phone.chat.state.getState().messages.at(-1)?.text).toBe('Your name is Alice.');
    // The turn's end marked the list stale: it was fetched again, and shows the new last message.
    await waitFor(() => expect(screen.getByText('Your name is Alice.', { selector: 'span' })).toBeTruthy());
    expect(proxy.paths.filter((path) => path === 'GET /v1/conversations')).toHaveLength(2);

    // Both replies can be rated: the reopened one (read from the proxy) and the new one (its stored id).
    const helpful = screen.getAllByRole('button', { name: 'Helpful' });
    expect(helpful).toHaveLength(2);
    fireEvent.click(helpful[1]!);
    // Optimistic: pressed before the proxy answers.
    await waitFor(() => expect(helpful[1]!.getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(proxy.paths).toContain('POST /v1/chat/rating'));
    await whenTurnsFinished(proxy.app);

    // The laptop reads the rating from the proxy.
    const { sessionId, conversationId } = phone.chat.state.getState().chain;
    const query = new URLSearchParams({ sessionId: sessionId!, conversationId: conversationId! }).toString();
    const stored = await proxy.app.request(`/v1/chat/history?${query}`, {
      headers: {
        'x-api-key': widgetKey,
        'x-visitor-token': await signVisitorToken({ secret, widgetKeyId: 'site', visitorId: 'alice' }),
      },
    });
    const { messages } = (await stored.json()) as { messages: { rating?: { value: string } }[] };
    expect(messages.map((message) => message.rating?.value)).toEqual([undefined, undefined, undefined, 'up']);
  });

  it('puts the previous rating back, with a typed error, when the proxy cannot be reached', async () => {
    const proxy = proxyWithVisitors();
    const phone = device(proxy, 'bob');
    await phone.chat.actions.send('Hello');
    await whenTurnsFinished(proxy.app);
    render(<Device chat={phone.chat} server={phone.server} visitorId="bob" />);
    const helpful = await screen.findByRole('button', { name: 'Helpful' });
    proxy.goDown();
    fireEvent.click(helpful);
    // Pressed while the request hangs; the connection then drops.
    await waitFor(() => expect(helpful.getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(proxy.paths.at(-1)).toBe('POST /v1/chat/rating'));
    proxy.drop();
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'network');
    expect(helpful.getAttribute('aria-pressed')).toBe('false');
  });

  it('starts a new conversation, and shows nothing of another visitor', async () => {
    const proxy = proxyWithVisitors();
    const alice = device(proxy, 'alice');
    await alice.chat.actions.send('Where is my invoice?');
    await whenTurnsFinished(proxy.app);
    const bob = device(proxy, 'bob');
    render(<Device chat={bob.chat} server={bob.server} visitorId="bob" />);
    await screen.findByText('list: success');
    expect(screen.queryByRole('button', { name: 'Where is my invoice?' })).toBeNull();

    cleanup();
    render(<Device chat={alice.chat} server={alice.server} visitorId="alice" />);
    await screen.findByRole('button', { name: 'Where is my invoice?' });
    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(alice.chat.state.getState().messages).toEqual([]);
    expect(alice.chat.state.getState().chain.conversationId).toBeUndefined();
  });
});
