import type { ProxyConversationSummary, ProxyHistoryMessage, ProxyMessageRating } from '@vapi-chat-kit/core';

/** How the stories' stand-in proxy answers. */
export interface StoryProxyOptions {
  /** The visitor's conversations; `'hang'` never answers, `'fail'` answers 500. */
  readonly conversations?: readonly ProxyConversationSummary[] | 'hang' | 'fail';
  /** Each conversation's stored transcript, by id. */
  readonly transcripts?: Readonly<Record<string, readonly ProxyHistoryMessage[]>>;
  /** `'fail'`: ratings are refused (the connection drops). */
  readonly ratings?: 'ok' | 'fail';
  /** Milliseconds before each answer. @default 150 */
  readonly delayMs?: number;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A stand-in for the proxy's server-state routes, for stories (no network, no emulator in the browser):
 * `GET /v1/conversations`, `GET /v1/chat/history`, `POST /v1/chat/rating`, answered from `options`.
 *
 * @example
 * const proxy = { baseUrl: 'https://proxy.story', fetch: storyProxyFetch({ conversations: [] }), visitorId: 'alice' };
 */
export function storyProxyFetch(options: StoryProxyOptions): (request: Request) => Promise<Response> {
  const ratings = new Map<string, ProxyMessageRating>();
  return async (request) => {
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 150));
    const url = new URL(request.url);
    if (url.pathname === '/v1/conversations') {
      if (options.conversations === 'hang') return new Promise<Response>(() => undefined);
      if (options.conversations === 'fail') return json({ error: 'Internal server error' }, 500);
      return json({ conversations: options.conversations ?? [] });
    }
    if (url.pathname === '/v1/chat/history') {
      const conversationId = url.searchParams.get('conversationId') ?? '';
      const messages = (options.transcripts?.[conversationId] ?? []).map((message) => {
        const rating = ratings.get(message.id);
        return rating ? { ...message, rating } : message;
      });
      return json({ conversationId, messages });
    }
    if (url.pathname === '/v1/chat/rating') {
      if (options.ratings === 'fail') throw new TypeError('Failed to fetch');
      const body = (await request.json()) as {
        messageId: string;
        value: 'up' | 'down' | null;
        comment?: string;
      };
      if (body.value === null) ratings.delete(body.messageId);
      else
        ratings.set(body.messageId, {
          value: body.value,
          ...(body.comment ? { comment: body.comment } : {}),
          ratedAt: new Date().toISOString(),
        });
      return json({ messageId: body.messageId, rating: ratings.get(body.messageId) ?? null });
    }
    return json({ error: 'Not found' }, 404);
  };
}

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/** A signed-in visitor's stored conversations and their transcripts, for the stories. */
export const storyConversations: readonly ProxyConversationSummary[] = [
  {
    conversationId: 'conv_invoice',
    sessionId: 'laptop-1',
    title: 'Why was I charged twice this month?',
    preview: { role: 'assistant', text: 'The second charge is the seat you added on the 12th.' },
    status: 'done',
    createdAt: at(60),
    updatedAt: at(50),
  },
  {
    conversationId: 'conv_sso',
    sessionId: 'phone-1',
    title: 'How do I turn on SSO?',
    preview: { role: 'user', text: 'Thanks!' },
    status: 'done',
    createdAt: at(3000),
    updatedAt: at(2990),
  },
];

export const storyTranscripts: Readonly<Record<string, readonly ProxyHistoryMessage[]>> = {
  conv_invoice: [
    {
      id: 'msg_u1',
      role: 'user',
      text: 'Why was I charged twice this month?',
      status: 'done',
      createdAt: at(60),
    },
    {
      id: 'msg_a1',
      role: 'assistant',
      text: 'The second charge is the seat you added on the 12th, billed **pro rata**.',
      status: 'done',
      createdAt: at(50),
    },
  ],
  conv_sso: [
    { id: 'msg_u2', role: 'user', text: 'How do I turn on SSO?', status: 'done', createdAt: at(3000) },
    {
      id: 'msg_a2',
      role: 'assistant',
      text: 'Open **Settings → Security → SSO**.',
      status: 'done',
      createdAt: at(2995),
    },
    { id: 'msg_u3', role: 'user', text: 'Thanks!', status: 'done', createdAt: at(2990) },
  ],
};
