/**
 * What every `useChat` page shares, so they differ only in how they render: `DefaultChatTransport` over
 * the bench's streaming fetch, speaking the AI SDK's UI message stream (SSE, one `text-delta` per token),
 * and the restored thread as `UIMessage`s.
 */
import { DefaultChatTransport, type UIMessage } from 'ai';
import { streamingFetch } from '../harness/page-harness.ts';

const sse = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;

export const transport = new DefaultChatTransport({
  api: '/api/chat',
  fetch: streamingFetch({
    headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
    start: sse({ type: 'start', messageId: 'bench-reply' }) + sse({ type: 'text-start', id: 'text-1' }),
    token: (delta) => sse({ type: 'text-delta', id: 'text-1', delta }),
    end: () => sse({ type: 'text-end', id: 'text-1' }) + sse({ type: 'finish' }) + 'data: [DONE]\n\n',
  }),
});

export const restoredMessages: UIMessage[] = window.__benchConfig.thread.map((message, index) => ({
  id: `m${index}`,
  role: message.role,
  parts: [{ type: 'text', text: message.text }],
}));
