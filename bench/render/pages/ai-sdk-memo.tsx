/**
 * A tuned peer: `useChat` from `@ai-sdk/react` set up as the AI SDK's "Markdown Chatbot with Memoization"
 * recipe does (ai-sdk.dev/v5/cookbook/next/markdown-chatbot-with-memoization, `content/cookbook/01-next/
 * 25-markdown-chatbot-with-memoization.mdx` in vercel/ai): one `Chat` instance shared by the list and the
 * composer, `throttle: 50` (the recipe's `experimental_throttle`, renamed in @ai-sdk/react 4.0.18 and kept
 * as a deprecated alias), each text part split into blocks with `marked`'s lexer, each block rendered by
 * `react-markdown` inside `React.memo` and keyed by its index, the markdown component memoised, and the
 * composer in its own component so a keystroke re-renders no message.
 * Beyond the recipe: `remark-gfm` (the fixture has tables), the message component memoised, and
 * `throttle: 50` on the composer's `useChat` too, so it does not re-render on every chunk.
 */
import { Chat, useChat } from '@ai-sdk/react';
import type { UIMessage } from 'ai';
import { marked } from 'marked';
import { memo, Profiler, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { connect, countCommit } from '../harness/page-harness.ts';
import '../harness/page.css';
import { restoredMessages, transport } from './ai-sdk-transport.ts';
import './chat.css';

const throttle = 50;
const chat = new Chat({ transport, messages: restoredMessages });
const remarkPlugins = [remarkGfm];

function parseMarkdownIntoBlocks(markdown: string): string[] {
  return marked.lexer(markdown).map((token) => token.raw);
}

const MarkdownBlock = memo(function MarkdownBlock({ content }: { readonly content: string }) {
  return <Markdown remarkPlugins={remarkPlugins}>{content}</Markdown>;
});

const MemoizedMarkdown = memo(function MemoizedMarkdown({
  id,
  content,
}: {
  readonly id: string;
  readonly content: string;
}) {
  const blocks = useMemo(() => parseMarkdownIntoBlocks(content), [content]);
  return blocks.map((block, index) => <MarkdownBlock key={`${id}-block_${index}`} content={block} />);
});

const Message = memo(function Message({ message }: { readonly message: UIMessage }) {
  return (
    <div className="message" data-role={message.role}>
      {message.parts.map((part) =>
        part.type === 'text' ? (
          <MemoizedMarkdown key={`${message.id}-text`} id={message.id} content={part.text} />
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
