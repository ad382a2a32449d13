import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error';
import type { ChatEvent } from '../protocol/chat-event';
import type { ChatChain, ChatTransport, ChatTurnRequest } from './chat-transport';
import { vapiTransport } from './vapi-transport';

/** Runs one turn and returns its events, with errors as `code` strings for explicit comparison. */
async function turn(transport: ChatTransport, request: Partial<ChatTurnRequest> & { text: string }) {
  const events: ChatEvent[] = [];
  for await (const event of transport.sendTurn({ chain: {}, turnId: crypto.randomUUID(), ...request })) {
    events.push(event);
  }
  const end = events.at(-1);
  return {
    events,
    types: events.map((event) => event.type),
    text: events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join(''),
    end: end?.type === 'turn-end' ? end : undefined,
    error: end?.type === 'error' ? end.error : undefined,
    chain: (end?.type === 'turn-end' ? { chatId: end.chatId, sessionId: end.sessionId } : {}) as ChatChain,
  };
}

/** Wraps an emulator's fetch to record every request (method, path, JSON body, headers). */
function recording(emulator: ReturnType<typeof createEmulator>) {
  const requests: { method: string; path: string; body: Record<string, unknown>; headers: Headers }[] = [];
  const fetch = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      headers: request.headers,
    });
    return emulator.fetch(request);
  };
  return { requests, fetch };
}

const base = { apiKey: defaultPrivateKey, assistantId: defaultAssistantId, baseUrl: 'http://vapi.test' };

describe('vapiTransport against the emulator', () => {
  let emulator = createEmulator({ testMode: true });
  afterEach(() => {
    expect(emulator.activeGenerations()).toBe(0);
    emulator = createEmulator({ testMode: true });
  });

  it('streams a reply whose deltas add up to the stored chat, and chains it with previousChatId', async () => {
    const { requests, fetch } = recording(emulator);
    const transport = vapiTransport({ ...base, fetch });

    const first = await turn(transport, { text: 'My name is Alice' });
    expect(first.types[0]).toBe('turn-start');
    expect(first.types.at(-1)).toBe('turn-end');
    expect(first.types.filter((type) => type === 'text-delta').length).toBeGreaterThan(1);
    expect(first.end?.text).toBe(first.text);
    expect(first.chain.chatId).toMatch(/^[0-9a-f-]{36}$/);

    // The stream id is the chat id: GET /chat/{id} has the same reply.
    const stored = await emulator.app.request(`/chat/${first.chain.chatId}`, {
      headers: { authorization: `Bearer ${defaultPrivateKey}` },
    });
    const chat = (await stored.json()) as { output: { content: string }[] };
    expect(chat.output[0]?.content).toBe(first.text);

    const second = await turn(transport, { text: "What's my name?", chain: first.chain });
    expect(second.text).toContain('Alice');
    expect(requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', '/chat'],
      ['POST', '/chat'],
    ]);
    expect(requests[0]?.body).toEqual({
      assistantId: defaultAssistantId,
      input: 'My name is Alice',
      stream: true,
    });
    expect(requests[1]?.body).toEqual({
      assistantId: defaultAssistantId,
      previousChatId: first.chain.chatId,
      input: "What's my name?",
      stream: true,
    });
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${defaultPrivateKey}`);
    expect(requests[0]?.headers.get('accept')).toBe('text/event-stream');
  });

  it('reads the JSON Chat when stream is false, with the same events', async () => {
    const transport = vapiTransport({ ...base, stream: false, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'My name is Alice' });
    expect(first.types).toEqual(['turn-start', 'text-delta', 'turn-end']);
    const second = await turn(transport, { text: "What's my name?", chain: first.chain });
    expect(second.text).toContain('Alice');
  });

  it('sends a greeting as prior context, as a message list', async () => {
    const { requests, fetch } = recording(emulator);
    const transport = vapiTransport({ ...base, fetch });
    const result = await turn(transport, {
      text: 'Hi',
      context: [{ role: 'assistant', content: 'Hello! I am the TechFlow assistant.' }],
    });
    expect(result.end).toBeDefined();
    expect(requests[0]?.body['input']).toEqual([
      { role: 'assistant', content: 'Hello! I am the TechFlow assistant.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('with session chaining, creates one session, reuses it, and replaces an expired one quietly', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    emulator = createEmulator({ testMode: true, now: () => new Date(now) });
    const { requests, fetch } = recording(emulator);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const transport = vapiTransport({ ...base, chaining: 'session', fetch });

    const first = await turn(transport, { text: 'My name is Alice' });
    const sessionId = first.chain.sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await turn(transport, { text: "What's my name?", chain: first.chain });
    expect(second.text).toContain('Alice');
    expect(second.chain.sessionId).toBe(sessionId);
    expect(requests.map((request) => request.path)).toEqual(['/session', '/chat', '/chat']);
    expect(requests[2]?.body).toEqual({ sessionId, input: "What's my name?", stream: true });

    now += 25 * 60 * 60 * 1000; // past the 24 h default expiry
    const third = await turn(transport, { text: 'How do I reset my password?', chain: second.chain });
    expect(third.error).toBeUndefined();
    expect(third.chain.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(third.chain.sessionId).not.toBe(sessionId);
    expect(requests.map((request) => request.path).slice(3)).toEqual(['/chat', '/session', '/chat']);
    // Said once, by default on the console; the turns themselves carried no history here.
    expect(warn.mock.calls).toEqual([
      [
        "vapi-chat-kit: Vapi refused the conversation's session (400); it continues in a new session, with no earlier messages to give it",
      ],
    ]);
    warn.mockRestore();
  });

  it("maps Vapi's 401 body to an UnauthorizedError", async () => {
    const transport = vapiTransport({ ...base, apiKey: 'not-a-key', fetch: emulator.fetch });
    const result = await turn(transport, { text: 'Hi' });
    expect(result.types).toEqual(['error']);
    expect([result.error?.name, result.error?.status, result.error?.message]).toEqual([
      'UnauthorizedError',
      401,
      'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.',
    ]);
  });

  it('maps 429 with Retry-After, 402 and 500 to typed errors', async () => {
    const cases = [
      ['status=429, retry-after=3', 'RateLimitedError', 3000],
      ['status=402', 'PaymentRequiredError', undefined],
      ['status=500', 'UpstreamError', undefined],
    ] as const;
    for (const [fault, name, retryAfterMs] of cases) {
      const transport = vapiTransport({
        ...base,
        fetch: emulator.fetch,
        headers: { 'x-emulator-fault': fault },
      });
      const result = await turn(transport, { text: 'Hi' });
      expect(result.types, fault).toEqual(['error']);
      expect(result.error?.name, fault).toBe(name);
      if (retryAfterMs !== undefined) expect(result.error).toMatchObject({ retryAfterMs });
    }
  });

  it('keeps the invalid-request reasons of a 400', async () => {
    const transport = vapiTransport({
      apiKey: defaultPrivateKey,
      baseUrl: base.baseUrl,
      fetch: emulator.fetch,
    });
    const result = await turn(transport, { text: 'No assistant at all' });
    expect(result.error?.code).toBe('invalid-request');
    expect(result.error?.status).toBe(400);
    expect(InvalidRequestError.isInstance(result.error) && result.error.messages).toEqual([
      'one of assistantId, assistant, squadId, squad, sessionId or previousChatId is required',
    ]);
  });

  it('reads the same reply whatever the wire variant: split writes, CRLF, [DONE], a final output, event and id lines', async () => {
    const plain = await turn(vapiTransport({ ...base, fetch: emulator.fetch }), {
      text: 'How do I reset my password?',
    });
    const faults = [
      'split=1',
      'crlf, split=3',
      'done-marker',
      'output-event',
      'event-lines, id-lines, retry=500, ping=1',
    ];
    for (const fault of faults) {
      const transport = vapiTransport({
        ...base,
        fetch: emulator.fetch,
        headers: { 'x-emulator-fault': fault },
      });
      const result = await turn(transport, { text: 'How do I reset my password?' });
      expect(result.end?.text, fault).toBe(plain.end?.text);
      expect(result.text, fault).toBe(plain.text);
    }
  });

  it('reports a connection reset mid-stream as a network error after the partial reply', async () => {
    const transport = vapiTransport({
      ...base,
      fetch: emulator.fetch,
      headers: { 'x-emulator-fault': 'cut-after=3, cut-mode=reset' },
    });
    const result = await turn(transport, { text: 'How do I reset my password?' });
    expect(result.types).toEqual(['turn-start', 'text-delta', 'text-delta', 'text-delta', 'error']);
    expect(result.error?.code).toBe('network');
  });

  it('stops at once when aborted mid-stream, and the emulator stops generating', async () => {
    const controller = new AbortController();
    const transport = vapiTransport({
      ...base,
      fetch: emulator.fetch,
      headers: { 'x-emulator-fault': 'delay=5' },
    });
    const events: ChatEvent[] = [];
    for await (const event of transport.sendTurn({
      text: 'Tell me about enterprise features',
      chain: {},
      turnId: 't',
      signal: controller.signal,
    })) {
      events.push(event);
      if (event.type === 'text-delta' && events.length === 3) controller.abort();
    }
    expect(events.map((event) => event.type)).toEqual(['turn-start', 'text-delta', 'text-delta', 'error']);
    expect(events.at(-1)?.type === 'error' && events.at(-1)).toMatchObject({ error: { code: 'aborted' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(emulator.activeGenerations()).toBe(0);
  });

  it('is refused in a browser, where a private key must never be', () => {
    const globals = globalThis as { window?: unknown; document?: unknown };
    globals.window = {};
    globals.document = {};
    try {
      expect(() => vapiTransport(base)).toThrow(/must run on a server/);
      expect(() => vapiTransport({ ...base, dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      delete globals.window;
      delete globals.document;
    }
  });
});
