/**
 * The naive peer, kept as a labelled extra: `useChat` from `@ai-sdk/react` with `DefaultChatTransport`,
 * rendered the straightforward way, the AI SDK chatbot guide's messages → parts loop with each text part
 * through `react-markdown` + `remark-gfm`; no `throttle`, no memoisation, a controlled textarea composer in
 * the same component as the list. The tuned setups are `ai-sdk-memo.tsx`, `assistant-ui.tsx` and
 * `streamdown.tsx`.
 */
import { useChat } from '@ai-sdk/react';
import { Profiler, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { connect, countCommit } from '../harness/page-harness.ts';
import '../harness/page.css';
import { restoredMessages, transport } from './ai-sdk-transport.ts';
import './chat.css';

function App() {
  const { messages, sendMessage, status } = useChat({ transport, messages: restoredMessages });
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
