/**
 * The peer: `useChat` from `@ai-sdk/react` with `DefaultChatTransport`, rendered as the AI SDK docs show
 * (messages → parts → `react-markdown` + `remark-gfm` per text part), a controlled textarea composer.
 */
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, type UIMessage } from 'ai';
import { Profiler, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { connect, countCommit, streamingFetch } from '../harness/page-harness.ts';
import '../harness/page.css';
import './peer.css';

const config = window.__benchConfig;
const sse = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;

const transport = new DefaultChatTransport({
  api: '/api/chat',
  fetch: streamingFetch({
    headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
    start: sse({ type: 'start', messageId: 'bench-reply' }) + sse({ type: 'text-start', id: 'text-1' }),
    token: (delta) => sse({ type: 'text-delta', id: 'text-1', delta }),
    end: () => sse({ type: 'text-end', id: 'text-1' }) + sse({ type: 'finish' }) + 'data: [DONE]\n\n',
  }),
});

const initialMessages: UIMessage[] = config.thread.map((message, index) => ({
  id: `m${index}`,
  role: message.role,
  parts: [{ type: 'text', text: message.text }],
}));

function App() {
  const { messages, sendMessage, status } = useChat({ transport, messages: initialMessages });
  const [input, setInput] = useState('');
  const threadRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  // Follow the reply, as the docs' examples do with a scroll-to-end effect.
  useEffect(() => {
    const thread = threadRef.current;
    if (thread) thread.scrollTop = thread.scrollHeight;
  }, [messages]);

  useEffect(() => {
    const thread = threadRef.current;
    if (!thread) throw new Error('no thread');
    connect({
      send: (text) => void sendMessage({ text }),
      thread: () => thread,
      lastReply: () => {
        const replies = thread.querySelectorAll<HTMLElement>('.message[data-role="assistant"]');
        return replies[replies.length - 1] ?? null;
      },
      composer: () => document.querySelector('textarea'),
      isIdle: () => statusRef.current === 'ready',
    });
  }, [sendMessage]);

  return (
    <div className="bench-frame chat">
      <div className="thread" ref={threadRef} role="log">
        {messages.map((message) => (
          <div key={message.id} className="message" data-role={message.role}>
            {message.parts.map((part, index) =>
              part.type === 'text' ? (
                <Markdown key={`${message.id}-${index}`} remarkPlugins={[remarkGfm]}>
                  {part.text}
                </Markdown>
              ) : null,
            )}
          </div>
        ))}
      </div>
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          if (input.trim()) {
            void sendMessage({ text: input });
            setInput('');
          }
        }}
      >
        <textarea
          value={input}
          placeholder="Say something..."
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" disabled={status !== 'ready'}>
          Send
        </button>
      </form>
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
