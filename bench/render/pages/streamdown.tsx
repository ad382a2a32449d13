/**
 * A tuned peer: `useChat` from `@ai-sdk/react` with `throttle: 50`, each text part rendered by Streamdown,
 * the streaming markdown renderer the AI SDK's cookbook now points to for memoised markdown
 * (ai-sdk.dev/cookbook/next/markdown-chatbot-with-memoization) and Streamdown's own docs show with `useChat`
 * (streamdown.ai/docs/usage, /docs/memoization): `isAnimating` while the part streams, the default
 * `streaming` mode, which splits the text into blocks and memoises each; `remark-gfm` is in its defaults.
 * No plugins: without `@streamdown/code` a code block is plain text, as it is on every other page.
 * Streamdown styles itself with Tailwind classes; the bench compiles no Tailwind, so the page draws with
 * the peers' shared stylesheet, as the others do, plus `streamdown.css`, stand-ins for the few utilities
 * that change what is drawn. As in the AI SDK recipe, one `Chat` instance is shared
 * with a composer in its own component, and the message component is memoised.
 */
import { Chat, useChat } from '@ai-sdk/react';
import type { UIMessage } from 'ai';
import { memo, Profiler, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Streamdown } from 'streamdown';
import { connect, countCommit } from '../harness/page-harness.ts';
import '../harness/page.css';
import { restoredMessages, transport } from './ai-sdk-transport.ts';
import './chat.css';
import './streamdown.css';

const throttle = 50;
const chat = new Chat({ transport, messages: restoredMessages });

const Message = memo(function Message({ message }: { readonly message: UIMessage }) {
  return (
    <div className="message" data-role={message.role}>
      {message.parts.map((part, index) =>
        part.type === 'text' ? (
          <Streamdown key={index} isAnimating={part.state === 'streaming'}>
            {part.text}
          </Streamdown>
        ) : null,
      )}
    </div>
  );
});

function MessageInput() {
  const [input, setInput] = useState('');
  const { sendMessage, status } = useChat({ chat, throttle });
  return (
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
  );
}

function App() {
  const { messages } = useChat({ chat, throttle });
  const threadRef = useRef<HTMLDivElement>(null);

  // Follow the reply, as the naive page does.
  useEffect(() => {
    const thread = threadRef.current;
    if (thread) thread.scrollTop = thread.scrollHeight;
  }, [messages]);

  useEffect(() => {
    const thread = threadRef.current;
    if (!thread) throw new Error('no thread');
    connect({
      send: (text) => void chat.sendMessage({ text }),
      thread: () => thread,
      lastReply: () => {
        const replies = thread.querySelectorAll<HTMLElement>('.message[data-role="assistant"]');
        return replies[replies.length - 1] ?? null;
      },
      composer: () => document.querySelector('textarea'),
      isIdle: () => chat.status === 'ready',
    });
  }, []);

  return (
    <div className="bench-frame chat">
      <div className="thread" ref={threadRef} role="log">
        {messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
      </div>
      <MessageInput />
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
