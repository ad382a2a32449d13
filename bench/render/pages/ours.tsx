/** Our page: `useVapiChat` + `ChatWindow`, the thread restored from storage, replies from an in-page fetch. */
import { persistChat, proxyTransport, type ChatStorage } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow } from '@vapi-chat-kit/ui';
import '@vapi-chat-kit/ui/styles.css';
import { Profiler, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { connect, countCommit, streamingFetch } from '../harness/page-harness.ts';
import '../harness/page.css';

const config = window.__benchConfig;

const transport = proxyTransport({
  baseUrl: '/api',
  widgetKey: 'bench-widget-key',
  createSessionId: () => 'bench-session',
  fetch: streamingFetch({
    headers: { 'content-type': 'text/event-stream' },
    start: `event: start\ndata: ${JSON.stringify({ conversationId: 'bench-conversation', messageId: 'bench-reply' })}\n\n`,
    token: (text) => `event: delta\ndata: ${JSON.stringify({ text })}\n\n`,
    end: (message) =>
      `event: done\ndata: ${JSON.stringify({ conversationId: 'bench-conversation', message })}\n\n`,
  }),
});

// The thread as a saved chat: a synchronous storage is read before the first render.
const saved = JSON.stringify({
  version: 1,
  messages: config.thread.map((message, index) => ({
    id: `m${index}`,
    role: message.role,
    text: message.text,
    status: 'done',
    createdAt: 1_700_000_000_000 + index * 1000,
    turnId: `t${Math.floor(index / 2)}`,
  })),
  chain: { sessionId: 'bench-session', conversationId: 'bench-conversation' },
  chainsBeforeTurn: {},
});
const storage: ChatStorage = {
  getItem: () => saved,
  setItem: () => undefined,
  removeItem: () => undefined,
};
const persist = persistChat(storage);

function App() {
  const chat = useVapiChat({ transport, chatId: 'bench', persist });
  const { send, binding } = chat;
  useEffect(() => {
    const root = document.querySelector('.vck-messages');
    if (!root) throw new Error('no .vck-messages');
    connect({
      send: (text) => void send(text),
      thread: () => root,
      lastReply: () => {
        const replies = root.querySelectorAll<HTMLElement>('.vck-message[data-role="assistant"]');
        return replies[replies.length - 1] ?? null;
      },
      composer: () => document.querySelector<HTMLTextAreaElement>('textarea.vck-composer-input'),
      isIdle: () => binding.state.getState().status === 'idle',
    });
  }, [send, binding]);
  return (
    <div className="bench-frame">
      <ChatWindow chat={chat} title="Support" />
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <Profiler id="bench" onRender={countCommit}>
    <App />
  </Profiler>,
);
