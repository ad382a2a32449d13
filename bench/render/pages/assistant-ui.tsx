/**
 * A tuned peer: assistant-ui's own thread, built as its shadcn kit builds `thread.tsx` (`npx assistant-ui
 * add thread`: ThreadPrimitive Root → Viewport with `turnAnchor="top"` → Messages, the composer in the
 * viewport's footer), each assistant text part rendered by the kit's `markdown-text.tsx`:
 * `MarkdownTextPrimitive` from `@assistant-ui/react-markdown` with `remark-gfm`, its element components
 * memoised with `unstable_memoizeMarkdownComponents`, `defer` on, and smooth streaming at its default
 * (on); its `dot.css` shows the streaming dot (assistant-ui.com/docs/ui/markdown).
 * The runtime is `useLocalRuntime` with a `ChatModelAdapter` whose `async *run` reads the bench's streaming
 * fetch and yields the text so far on every read, as the LocalRuntime guide's streaming example does
 * (assistant-ui.com/docs/runtimes/custom/local-runtime); the restored thread is its `initialMessages`.
 * LocalRuntime has no wire format of its own, so the reply comes as plain UTF-8 text, the cheapest to
 * read: no SSE framing, no JSON.
 * The kit's Tailwind classes, icons, action bars and branch picker are left out: the page draws with the
 * peers' shared stylesheet, as the others do.
 */
import {
  AssistantRuntimeProvider,
  ComposerPrimitive,
  MessagePrimitive,
  ThreadPrimitive,
  useAuiState,
  useLocalRuntime,
  type ChatModelAdapter,
  type EnrichedPartState,
  type ThreadMessageLike,
} from '@assistant-ui/react';
import {
  MarkdownTextPrimitive,
  unstable_memoizeMarkdownComponents as memoizeMarkdownComponents,
  type CodeHeaderProps,
} from '@assistant-ui/react-markdown';
import '@assistant-ui/react-markdown/styles/dot.css';
import { memo, Profiler, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import remarkGfm from 'remark-gfm';
import { connect, countCommit, streamingFetch } from '../harness/page-harness.ts';
import '../harness/page.css';
import './assistant-ui.css';
import './chat.css';

const config = window.__benchConfig;
/** Characters of the streaming reply's markdown rendered so far (see `recordRevealedLength`). */
let revealedLength = 0;
const replyFetch = streamingFetch({
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  start: '',
  token: (text) => text,
  end: () => '',
});

const modelAdapter: ChatModelAdapter = {
  async *run({ abortSignal }) {
    revealedLength = 0;
    const response = await replyFetch('/api/chat', { method: 'POST', signal: abortSignal });
    if (!response.body) throw new Error('no body');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      yield { content: [{ type: 'text', text }] };
    }
  },
};

const initialMessages: ThreadMessageLike[] = config.thread.map((message, index) => ({
  id: `m${index}`,
  role: message.role,
  content: message.text,
}));

/**
 * Not part of assistant-ui's setup: a remark plugin that records how much markdown the renderer was
 * given, so the harness counts a token as shown only once smooth streaming has revealed it.
 */
function recordRevealedLength() {
  return (_tree: unknown, file: { readonly value: unknown }) => {
    revealedLength = String(file.value).length;
  };
}
const remarkPlugins = [remarkGfm, recordRevealedLength];

function CodeHeader({ language }: CodeHeaderProps) {
  return (
    <div className="code-header">
      <span>{language}</span>
      <button type="button">Copy</button>
    </div>
  );
}

const markdownComponents = memoizeMarkdownComponents({
  h1: (props) => <h1 {...props} />,
  h2: (props) => <h2 {...props} />,
  h3: (props) => <h3 {...props} />,
  h4: (props) => <h4 {...props} />,
  h5: (props) => <h5 {...props} />,
  h6: (props) => <h6 {...props} />,
  p: (props) => <p {...props} />,
  a: (props) => <a {...props} />,
  blockquote: (props) => <blockquote {...props} />,
  ul: (props) => <ul {...props} />,
  ol: (props) => <ol {...props} />,
  hr: (props) => <hr {...props} />,
  table: (props) => <table {...props} />,
  th: (props) => <th {...props} />,
  td: (props) => <td {...props} />,
  tr: (props) => <tr {...props} />,
  li: (props) => <li {...props} />,
  strong: (props) => <strong {...props} />,
  sup: (props) => <sup {...props} />,
  pre: (props) => <pre {...props} />,
  code: (props) => <code {...props} />,
  CodeHeader,
});

const MarkdownText = memo(function MarkdownText() {
  return (
    <MarkdownTextPrimitive
      remarkPlugins={remarkPlugins}
      className="aui-md"
      components={markdownComponents}
      defer
    />
  );
});

const renderPart = ({ part }: { readonly part: EnrichedPartState }): ReactNode =>
  part.type === 'text' ? <MarkdownText /> : null;

function AssistantMessage() {
  return (
    <MessagePrimitive.Root className="message" data-role="assistant">
      <MessagePrimitive.Parts>{renderPart}</MessagePrimitive.Parts>
    </MessagePrimitive.Root>
  );
}

function UserMessage() {
  return (
    <MessagePrimitive.Root className="message" data-role="user">
      <MessagePrimitive.Parts />
    </MessagePrimitive.Root>
  );
}

function ThreadMessage() {
  const role = useAuiState((state) => state.message.role);
  return role === 'user' ? <UserMessage /> : <AssistantMessage />;
}

const renderMessage = () => <ThreadMessage />;

function Thread() {
  return (
    <ThreadPrimitive.Root className="bench-frame chat">
      <ThreadPrimitive.Viewport className="thread" turnAnchor="top" role="log">
        <ThreadPrimitive.Messages>{renderMessage}</ThreadPrimitive.Messages>
        <ThreadPrimitive.ViewportFooter className="thread-footer">
          <ComposerPrimitive.Root className="composer">
            <ComposerPrimitive.Input placeholder="Send a message..." rows={1} />
            <ComposerPrimitive.Send>Send</ComposerPrimitive.Send>
          </ComposerPrimitive.Root>
        </ThreadPrimitive.ViewportFooter>
      </ThreadPrimitive.Viewport>
    </ThreadPrimitive.Root>
  );
}

function App() {
  const runtime = useLocalRuntime(modelAdapter, { initialMessages });
  useEffect(() => {
    const thread = document.querySelector('.thread');
    if (!thread) throw new Error('no .thread');
    connect({
      send: (text) => runtime.thread.append(text),
      thread: () => thread,
      lastReply: () => {
        const replies = thread.querySelectorAll<HTMLElement>('.message[data-role="assistant"]');
        return replies[replies.length - 1] ?? null;
      },
      composer: () => document.querySelector('textarea'),
      isIdle: () => !runtime.thread.getState().isRunning,
      revealed: () => revealedLength,
    });
  }, [runtime]);
  return (
    <AssistantRuntimeProvider runtime={runtime}>
      <Thread />
    </AssistantRuntimeProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <Profiler id="bench" onRender={countCommit}>
    <App />
  </Profiler>,
);
