import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../protocol/chat-event';
import { createChatStore } from '../store/create-chat-store';
import { fetchProxyHistory, proxyTransport } from './proxy-transport';
import { fetchVisitorConversations, rateProxyMessage } from './proxy-visitor';

// Core may not import the proxy (STYLE.md matrix); the proxy's own tests and the hook's run this
// transport against the real proxy. Here a recording handler answers in the proxy's wire format.
const fixture = (name: string) => readFileSync(new URL(`../protocol/__fixtures__/${name}`, import.meta.url));

function proxyDouble(answer: (request: Request) => Response) {
  const requests: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.text();
    requests.push({
      url: request.url,
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    });
    return answer(request);
  };
  return { requests, fetch };
}

const sse = (name: string) =>
  new Response(fixture(name), { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });

async function collect(events: AsyncIterable<ChatEvent>) {
  const all: ChatEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('proxyTransport', () => {
  it('posts {sessionId, message} with the widget key and the turn id as Idempotency-Key', async () => {
    const double = proxyDouble(() => sse('proxy-basic.sse'));
    const transport = proxyTransport({
      baseUrl: 'https://chat.example/api/',
      widgetKey: 'wk_site',
      fetch: double.fetch,
      createSessionId: () => 'session-1',
    });
    const events = await collect(
      transport.sendTurn({ text: 'My name is Alice', chain: {}, turnId: 'turn-1' }),
    );
    expect(events).toEqual([
      {
        type: 'turn-start',
        conversationId: 'c0a8f1e2-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
        sessionId: 'session-1',
      },
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: ' Alice' },
      { type: 'text-delta', text: '!' },
      {
        type: 'turn-end',
        conversationId: 'c0a8f1e2-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
        text: 'Hi Alice!',
        messageId: 'm_2',
        sessionId: 'session-1',
      },
    ]);
    const [request] = double.requests;
    expect(request?.url).toBe('https://chat.example/api/v1/chat/stream');
    expect(request?.body).toEqual({ sessionId: 'session-1', message: 'My name is Alice' });
    expect(request?.headers.get('x-api-key')).toBe('wk_site');
    expect(request?.headers.get('idempotency-key')).toBe('turn-1');
    expect(request?.headers.get('accept')).toBe('text/event-stream');
  });

  it("sends a signed-in visitor's token, asked for before each turn (a fresh one each time)", async () => {
    const double = proxyDouble(() => sse('proxy-basic.sse'));
    let issued = 0;
    const transport = proxyTransport({
      baseUrl: 'https://chat.example',
      fetch: double.fetch,
      visitorToken: () => Promise.resolve(`token-${(issued += 1)}`),
    });
    await collect(transport.sendTurn({ text: 'Hi', chain: {}, turnId: 't1' }));
    await collect(transport.sendTurn({ text: 'Again', chain: { sessionId: 's' }, turnId: 't2' }));
    expect(double.requests.map((request) => request.headers.get('x-visitor-token'))).toEqual([
      'token-1',
      'token-2',
    ]);
    // An anonymous visitor (no token) sends no header.
    const anonymous = proxyTransport({
      baseUrl: 'https://chat.example',
      fetch: double.fetch,
      visitorToken: () => undefined,
    });
    await collect(anonymous.sendTurn({ text: 'Hi', chain: {}, turnId: 't3' }));
    expect(double.requests[2]?.headers.has('x-visitor-token')).toBe(false);
  });

  it('makes its session key on a plain http page too, where crypto.randomUUID does not exist', async () => {
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    try {
      const double = proxyDouble(() => sse('proxy-basic.sse'));
      const transport = proxyTransport({ baseUrl: 'https://chat.example', fetch: double.fetch });
      await collect(transport.sendTurn({ text: 'Hi', chain: {}, turnId: 't1' }));
      expect((double.requests[0]?.body as { sessionId: string }).sessionId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps the session key of the chain on later turns, and never makes a new one then', async () => {
    let made = 0;
    const double = proxyDouble(() => sse('proxy-basic.sse'));
    const transport = proxyTransport({
      baseUrl: 'https://chat.example/api',
      fetch: double.fetch,
      createSessionId: () => `made-${(made += 1)}`,
    });
    await collect(transport.sendTurn({ text: 'a', chain: { sessionId: 'kept' }, turnId: 't1' }));
    await collect(transport.sendTurn({ text: 'b', chain: { sessionId: 'kept' }, turnId: 't2' }));
    expect(made).toBe(0);
    expect(double.requests.map((request) => request.body)).toEqual([
      { sessionId: 'kept', message: 'a' },
      { sessionId: 'kept', message: 'b' },
    ]);
  });

  it('names the greeting the visitor answers on the first turn only (the proxy decides whether to use it)', async () => {
    const double = proxyDouble(() => sse('proxy-basic.sse'));
    const transport = proxyTransport({ baseUrl: 'https://chat.example', fetch: double.fetch });
    const store = createChatStore({ transport, greeting: 'Want help with pricing?' });
    await store.getState().send('Yes please');
    await store.getState().send('And the Pro plan?');
    expect(double.requests.map((request) => request.body)).toEqual([
      {
        sessionId: expect.any(String) as unknown,
        message: 'Yes please',
        greeting: 'Want help with pricing?',
      },
      { sessionId: expect.any(String) as unknown, message: 'And the Pro plan?' },
    ]);
  });

  it('reads the JSON reply of /v1/chat when stream is false', async () => {
    const double = proxyDouble(() => Response.json({ conversationId: 'conv-1', message: 'Hello!' }));
    const transport = proxyTransport({
      baseUrl: 'https://chat.example',
      stream: false,
      fetch: double.fetch,
      createSessionId: () => 's',
    });
    expect(await collect(transport.sendTurn({ text: 'Hi', chain: {}, turnId: 't' }))).toEqual([
      { type: 'turn-start', conversationId: 'conv-1', sessionId: 's' },
      { type: 'text-delta', text: 'Hello!' },
      { type: 'turn-end', conversationId: 'conv-1', text: 'Hello!', sessionId: 's' },
    ]);
    expect(double.requests[0]?.url).toBe('https://chat.example/v1/chat');
  });

  it("maps the proxy's documented error bodies", async () => {
    const cases = [
      [400, { error: 'Invalid request payload' }, {}, 'invalid-request'],
      [401, { error: 'Unauthorized' }, {}, 'unauthorized'],
      [429, { error: 'Too many requests' }, { 'retry-after': '4' }, 'rate-limited'],
      [500, { error: 'Internal server error' }, {}, 'upstream'],
    ] as const;
    for (const [status, body, headers, code] of cases) {
      const double = proxyDouble(() => Response.json(body, { status, headers }));
      const transport = proxyTransport({ baseUrl: 'https://chat.example', fetch: double.fetch });
      const events = await collect(transport.sendTurn({ text: 'Hi', chain: {}, turnId: 't' }));
      expect(events.map((event) => event.type)).toEqual(['error']);
      const error = events[0]?.type === 'error' ? events[0].error : undefined;
      expect([error?.code, error?.message]).toEqual([code, body.error]);
      if (status === 429) expect(error).toMatchObject({ retryAfterMs: 4000 });
    }
  });

  it('reports a stream that ends before done as a dropped stream, after the partial text', async () => {
    const double = proxyDouble(() => sse('proxy-cut.sse'));
    const transport = proxyTransport({ baseUrl: 'https://chat.example', fetch: double.fetch });
    const events = await collect(transport.sendTurn({ text: 'Hi', chain: {}, turnId: 't' }));
    expect(events.map((event) => (event.type === 'error' ? event.error.code : event.type))).toEqual([
      'turn-start',
      'text-delta',
      'network',
    ]);
  });

  it('reports an unreachable proxy as a network error, and an abort as aborted', async () => {
    const unreachable = proxyTransport({
      baseUrl: 'https://chat.example',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const [failure] = await collect(unreachable.sendTurn({ text: 'Hi', chain: {}, turnId: 't' }));
    expect(failure?.type === 'error' && failure.error.code).toBe('network');

    const controller = new AbortController();
    controller.abort();
    const aborted = proxyTransport({
      baseUrl: 'https://chat.example',
      fetch: (request) => Promise.reject(request.signal.reason as Error),
    });
    const [stop] = await collect(
      aborted.sendTurn({ text: 'Hi', chain: {}, turnId: 't', signal: controller.signal }),
    );
    expect(stop?.type === 'error' && stop.error.code).toBe('aborted');
  });
});

describe('fetchProxyHistory', () => {
  it('asks for both ids and returns the transcript', async () => {
    const history = {
      conversationId: 'conv-1',
      messages: [
        { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-01T00:00:00.000Z' },
      ],
    };
    const double = proxyDouble(() => Response.json(history));
    const result = await fetchProxyHistory({
      baseUrl: 'https://chat.example',
      widgetKey: 'wk',
      sessionId: 's 1',
      conversationId: 'conv-1',
      fetch: double.fetch,
    });
    expect(result).toEqual(history);
    expect(double.requests[0]?.url).toBe(
      'https://chat.example/v1/chat/history?sessionId=s+1&conversationId=conv-1',
    );
    expect(double.requests[0]?.headers.get('x-api-key')).toBe('wk');
  });

  it('rejects with a typed error', async () => {
    const double = proxyDouble(() => Response.json({ error: 'Unauthorized' }, { status: 401 }));
    await expect(
      fetchProxyHistory({
        baseUrl: 'https://chat.example',
        sessionId: 's',
        conversationId: 'c',
        fetch: double.fetch,
      }),
    ).rejects.toMatchObject({ code: 'unauthorized', message: 'Unauthorized' });
  });
});

describe('fetchVisitorConversations and rateProxyMessage', () => {
  it("lists a visitor's conversations with the visitor's token", async () => {
    const conversations = [
      {
        conversationId: 'conv-1',
        sessionId: 's-1',
        title: 'My invoice',
        preview: { role: 'assistant', text: 'Here it is.' },
        status: 'done',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:01:00.000Z',
      },
    ];
    const double = proxyDouble(() => Response.json({ conversations }));
    const listed = await fetchVisitorConversations({
      baseUrl: 'https://chat.example/',
      widgetKey: 'wk',
      visitorToken: () => 'token-a',
      limit: 20,
      fetch: double.fetch,
    });
    expect(listed).toEqual(conversations);
    expect(double.requests[0]?.url).toBe('https://chat.example/v1/conversations?limit=20');
    expect(double.requests[0]?.headers.get('x-visitor-token')).toBe('token-a');
    const refused = proxyDouble(() =>
      Response.json({ error: 'Unauthorized', code: 'visitor_required' }, { status: 401 }),
    );
    await expect(
      fetchVisitorConversations({ baseUrl: 'https://chat.example/api', fetch: refused.fetch }),
    ).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const broken = proxyDouble(() => Response.json({ items: [] }));
    await expect(
      fetchVisitorConversations({ baseUrl: 'https://chat.example/api', fetch: broken.fetch }),
    ).rejects.toMatchObject({
      code: 'protocol',
    });
  });

  it('posts a rating and resolves with the stored one', async () => {
    const rating = { value: 'down', comment: 'Too vague', ratedAt: '2026-01-01T00:00:00.000Z' };
    const double = proxyDouble(() => Response.json({ messageId: 'm2', rating }));
    const stored = await rateProxyMessage({
      baseUrl: 'https://chat.example/api',
      widgetKey: 'wk',
      sessionId: 's-1',
      conversationId: 'conv-1',
      messageId: 'm2',
      value: 'down',
      comment: 'Too vague',
      fetch: double.fetch,
    });
    expect(stored).toEqual(rating);
    expect(double.requests[0]).toMatchObject({
      url: expect.stringMatching(/\/api\/v1\/chat\/rating$/) as string,
      body: {
        sessionId: 's-1',
        conversationId: 'conv-1',
        messageId: 'm2',
        value: 'down',
        comment: 'Too vague',
      },
    });
    expect(double.requests[0]?.headers.get('content-type')).toBe('application/json');
    const removed = proxyDouble(() => Response.json({ messageId: 'm2', rating: null }));
    expect(
      await rateProxyMessage({
        baseUrl: 'https://chat.example/api',
        sessionId: 's-1',
        conversationId: 'conv-1',
        messageId: 'm2',
        value: null,
        fetch: removed.fetch,
      }),
    ).toBeNull();
  });
});
