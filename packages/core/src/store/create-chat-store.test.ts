import { describe, expect, it, vi } from 'vitest';
import { AbortedError } from '../errors/aborted-error';
import { NetworkError } from '../errors/network-error';
import { ProtocolError } from '../errors/protocol-error';
import { RateLimitedError } from '../errors/rate-limited-error';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatEvent } from '../protocol/chat-event';
import type { ChatMessage } from '../state/chat-state';
import type { ChatTransport, ChatTurnRequest } from '../transport/chat-transport';
import { createChatStore, type CreateChatStoreOptions } from './create-chat-store';

/** A step of a scripted turn: an event to yield, or a promise to wait on before the next step. */
type Step = ChatEvent | { readonly wait: Promise<void> };

/**
 * A transport that plays one script per call and records every request. Like a real transport, it
 * answers an abort with an `aborted` error event, unless `ignoreSignal` (a slow or careless one).
 */
function scriptedTransport(scripts: readonly (readonly Step[])[], options: { ignoreSignal?: boolean } = {}) {
  const calls: ChatTurnRequest[] = [];
  const transport: ChatTransport = {
    async *sendTurn(request) {
      calls.push(request);
      const script = scripts[calls.length - 1] ?? [];
      for (const step of script) {
        if ('wait' in step) {
          await (options.ignoreSignal === true
            ? step.wait
            : Promise.race([step.wait, whenAborted(request.signal)]));
          if (options.ignoreSignal !== true && request.signal?.aborted === true) {
            yield { type: 'error', error: new AbortedError() };
            return;
          }
          continue;
        }
        yield step;
      }
    },
  };
  return { transport, calls };
}

function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
}

function gate(): { readonly promise: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Lets every pending promise and async generator step run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Deterministic ids (`id1`, `id2`…), a fixed clock, and a sleep that records and never waits. */
function testOptions(
  transport: ChatTransport,
  extra: Partial<CreateChatStoreOptions> = {},
): CreateChatStoreOptions {
  let next = 0;
  return {
    transport,
    generateId: () => `id${(next += 1)}`,
    now: () => 1_000,
    sleep: () => Promise.resolve(),
    ...extra,
  };
}

// `expect.any` is typed `any`; as `unknown` it matches without spreading `any` through the test.
const anySignal: unknown = expect.any(AbortSignal);

const reply: readonly Step[] = [
  { type: 'turn-start', chatId: 'c1' },
  { type: 'text-delta', text: 'Hi' },
  { type: 'text-delta', text: ' there' },
  { type: 'turn-end', chatId: 'c1', text: 'Hi there.' },
];

describe('createChatStore', () => {
  it('starts idle and imports no React (the test setup mocks react to throw)', () => {
    const { transport } = scriptedTransport([]);
    const store = createChatStore(testOptions(transport));
    expect(store.getState()).toMatchObject({ messages: [], status: 'idle', chain: {}, chainsBeforeTurn: {} });
  });

  it('happy path: streams a reply and settles idle', async () => {
    const { transport, calls } = scriptedTransport([reply]);
    const onFinish = vi.fn<(message: ChatMessage) => void>();
    const onError = vi.fn<(error: VapiChatError) => void>();
    const store = createChatStore(testOptions(transport, { onFinish, onError }));
    const statuses: string[] = [];
    store.subscribe((state) => statuses.push(state.status));

    await store.getState().send('  Hello  ');

    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({ text: 'Hello', chain: {}, history: [], turnId: 'id1', signal: anySignal });
    expect(store.getState()).toMatchObject({
      messages: [
        { id: 'id2', role: 'user', text: 'Hello', status: 'done', createdAt: 1_000, turnId: 'id1' },
        { id: 'id3', role: 'assistant', text: 'Hi there.', status: 'done', createdAt: 1_000, turnId: 'id1' },
      ],
      status: 'idle',
      chain: { chatId: 'c1' },
      error: undefined,
      activeTurn: undefined,
    });
    expect(statuses).toEqual(['submitted', 'submitted', 'streaming', 'streaming', 'idle']);
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish).toHaveBeenCalledWith(store.getState().messages[1]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('threads the chain across turns: a session from its turn start, a chat id from each completed turn', async () => {
    const { transport, calls } = scriptedTransport([
      [
        { type: 'turn-start', chatId: 'c1' },
        { type: 'turn-end', chatId: 'c1', text: 'One.' },
      ],
      [
        { type: 'turn-start', sessionId: 's1' },
        { type: 'turn-end', chatId: 'c2', sessionId: 's1', text: 'Two.' },
      ],
      [{ type: 'turn-end', text: 'Three.' }],
    ]);
    const store = createChatStore(testOptions(transport));

    await store.getState().send('1');
    expect(store.getState().chain).toEqual({ chatId: 'c1' });
    await store.getState().send('2');
    expect(store.getState().chain).toEqual({ chatId: 'c2', sessionId: 's1' });
    await store.getState().send('3');

    expect(calls.map((call) => call.chain)).toEqual([
      {},
      { chatId: 'c1' },
      { chatId: 'c2', sessionId: 's1' },
    ]);
    expect(calls.map((call) => call.turnId)).toEqual(['id1', 'id4', 'id7']);
    // The third turn ended without a chat id: nothing is left to chain from but the session.
    expect(store.getState().chain).toEqual({ sessionId: 's1' });
    expect(calls[2]?.history).toEqual([
      { role: 'user', content: '1' },
      { role: 'assistant', content: 'One.' },
      { role: 'user', content: '2' },
      { role: 'assistant', content: 'Two.' },
    ]);
  });

  it('works on a plain http page, where crypto.randomUUID does not exist', async () => {
    // What a browser offers outside a secure context: getRandomValues, and no randomUUID.
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    vi.stubGlobal('crypto', insecure);
    try {
      const { transport, calls } = scriptedTransport([reply]);
      const store = createChatStore({ transport, greeting: 'Hi! How can I help?' });
      await store.getState().send('Hello');
      const ids = [...store.getState().messages.map((message) => message.id), calls[0]?.turnId];
      expect(ids).toHaveLength(4);
      for (const id of ids)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(ids).size).toBe(4);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a reply with no text is a failure the user can retry, never a silent, empty turn', async () => {
    const { transport } = scriptedTransport([
      [
        { type: 'turn-start', chatId: 'c1' },
        { type: 'turn-end', chatId: 'c1', text: '' },
      ],
      reply,
    ]);
    const onError = vi.fn<(error: VapiChatError) => void>();
    const store = createChatStore(testOptions(transport, { onError }));
    await store.getState().send('Hello');
    expect(store.getState()).toMatchObject({
      status: 'error',
      chain: {},
      messages: [{ id: 'id2', role: 'user', text: 'Hello', status: 'failed' }],
    });
    expect(ProtocolError.isInstance(store.getState().error)).toBe(true);
    expect(onError).toHaveBeenCalledTimes(1);
    await store.getState().retry('id2');
    expect(store.getState().messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
  });

  it('gives each turn the conversation the user saw, without what failed, for a lost chain', async () => {
    const { transport, calls } = scriptedTransport([
      reply,
      [{ type: 'error', error: new UpstreamError('down') }],
      reply,
    ]);
    const store = createChatStore(testOptions(transport, { greeting: 'Hi! How can I help?' }));
    await store.getState().send('First');
    await store.getState().send('Lost');
    await store.getState().send('Third');
    expect(calls[2]?.history).toEqual([
      { role: 'assistant', content: 'Hi! How can I help?' },
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Hi there.' },
    ]);
  });

  it('shows the greeting and sends it as context on the first turn only (again after reset)', async () => {
    const { transport, calls } = scriptedTransport([reply, reply, reply]);
    const store = createChatStore(testOptions(transport, { greeting: 'Hi! How can I help?' }));
    expect(store.getState().messages).toEqual([
      { id: 'id1', role: 'assistant', text: 'Hi! How can I help?', status: 'done', createdAt: 1_000 },
    ]);

    await store.getState().send('First');
    await store.getState().send('Second');
    store.getState().reset();
    expect(store.getState().messages).toEqual([
      { id: 'id1', role: 'assistant', text: 'Hi! How can I help?', status: 'done', createdAt: 1_000 },
    ]);
    await store.getState().send('After reset');

    expect(calls[0]?.context).toEqual([{ role: 'assistant', content: 'Hi! How can I help?' }]);
    expect(calls[1]).not.toHaveProperty('context');
    expect(calls[1]?.chain).toEqual({ chatId: 'c1' });
    expect(calls[2]?.context).toEqual([{ role: 'assistant', content: 'Hi! How can I help?' }]);
    expect(calls[2]?.chain).toEqual({});
  });

  it('starts from restored messages and chain, without the greeting', async () => {
    const { transport, calls } = scriptedTransport([reply]);
    const restored: ChatMessage = {
      id: 'old',
      role: 'user',
      text: 'Hi',
      status: 'done',
      createdAt: 1,
      turnId: 't0',
    };
    const store = createChatStore(
      testOptions(transport, { greeting: 'Hello!', messages: [restored], chain: { sessionId: 's0' } }),
    );
    expect(store.getState().messages).toEqual([restored]);
    await store.getState().send('Again');
    expect(calls[0]).toEqual({
      text: 'Again',
      chain: { sessionId: 's0' },
      history: [{ role: 'user', content: 'Hi' }],
      turnId: 'id2',
      signal: anySignal,
    });
  });

  it('stop mid-stream keeps the partial reply as stopped, ends idle, and aborts the request', async () => {
    const hold = gate();
    const { transport, calls } = scriptedTransport([
      [{ type: 'turn-start', chatId: 'c1' }, { type: 'text-delta', text: 'Par' }, { wait: hold.promise }],
    ]);
    const onFinish = vi.fn<(message: ChatMessage) => void>();
    const onError = vi.fn<(error: VapiChatError) => void>();
    const store = createChatStore(testOptions(transport, { onFinish, onError }));

    const sent = store.getState().send('Tell me a story');
    await flush();
    expect(store.getState().status).toBe('streaming');
    store.getState().stop();

    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(store.getState()).toMatchObject({
      messages: [
        { id: 'id2', role: 'user', status: 'done' },
        { id: 'id3', role: 'assistant', text: 'Par', status: 'stopped' },
      ],
      status: 'idle',
      error: undefined,
    });
    await expect(sent).resolves.toBe(true);
    expect(store.getState().status).toBe('idle');
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ id: 'id3', status: 'stopped' });
    expect(onError).not.toHaveBeenCalled();
  });

  it('stop before the first token marks the user message stopped', async () => {
    const { transport, calls } = scriptedTransport([[{ wait: gate().promise }]]);
    const store = createChatStore(testOptions(transport));

    const sent = store.getState().send('Hello');
    await flush();
    expect(store.getState().status).toBe('submitted');
    store.getState().stop();
    await sent;

    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(store.getState()).toMatchObject({
      messages: [{ id: 'id2', role: 'user', text: 'Hello', status: 'stopped' }],
      status: 'idle',
    });
  });

  it('settles at once on stop even when the transport ignores its signal', async () => {
    const { transport } = scriptedTransport([[{ type: 'turn-start' }, { wait: gate().promise }]], {
      ignoreSignal: true,
    });
    const store = createChatStore(testOptions(transport));
    const sent = store.getState().send('Hello');
    await flush();
    store.getState().stop();
    await expect(sent).resolves.toBe(true);
    expect(store.getState().status).toBe('idle');
  });

  it('a failure before any token keeps the user text as failed; retry re-sends the same turn', async () => {
    const error = new NetworkError('The connection dropped');
    const { transport, calls } = scriptedTransport([[{ type: 'error', error }], reply]);
    const onError = vi.fn<(error: VapiChatError) => void>();
    const store = createChatStore(testOptions(transport, { onError }));

    await store.getState().send('Where is my order?');
    expect(store.getState()).toMatchObject({
      messages: [{ id: 'id2', role: 'user', text: 'Where is my order?', status: 'failed', error }],
      status: 'error',
      error,
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error);

    await store.getState().retry('id2');

    expect(calls).toHaveLength(2);
    expect(calls[1]?.turnId).toBe(calls[0]?.turnId);
    expect(calls[1]?.text).toBe('Where is my order?');
    expect(calls[1]?.chain).toEqual(calls[0]?.chain);
    expect(store.getState()).toMatchObject({
      messages: [
        { id: 'id2', role: 'user', text: 'Where is my order?', status: 'done', error: undefined },
        { id: 'id4', role: 'assistant', text: 'Hi there.', status: 'done' },
      ],
      status: 'idle',
      error: undefined,
    });
  });

  it('a failure mid-stream keeps the partial reply as failed; retry drops it and re-sends the turn', async () => {
    const error = new UpstreamError('Internal server error', { status: 500 });
    const { transport, calls } = scriptedTransport([
      [
        { type: 'turn-start', chatId: 'c9' },
        { type: 'text-delta', text: 'Part' },
        { type: 'error', error },
      ],
      reply,
    ]);
    const store = createChatStore(testOptions(transport));

    await store.getState().send('Hello');
    expect(store.getState()).toMatchObject({
      messages: [
        { id: 'id2', role: 'user', status: 'done' },
        { id: 'id3', role: 'assistant', text: 'Part', status: 'failed', error },
      ],
      status: 'error',
      error,
    });
    expect(calls).toHaveLength(1);

    await store.getState().retry('id3');
    // The same turn, from the chain it was first sent with (not the failed turn's `c9`).
    expect(calls[1]).toEqual({ text: 'Hello', chain: {}, history: [], turnId: 'id1', signal: anySignal });
    expect(store.getState().messages).toMatchObject([
      { id: 'id2', role: 'user', status: 'done' },
      { id: 'id4', role: 'assistant', text: 'Hi there.', status: 'done' },
    ]);
  });

  it('a 429 before any token waits Retry-After with a visible back-off, then re-sends the same turn', async () => {
    const { transport, calls } = scriptedTransport([
      [{ type: 'error', error: new RateLimitedError('Too many requests', { retryAfterMs: 1_500 }) }],
      reply,
    ]);
    const wait = gate();
    const sleeps: number[] = [];
    const onError = vi.fn<(error: VapiChatError) => void>();
    const store = createChatStore(
      testOptions(transport, {
        onError,
        sleep: (ms) => {
          sleeps.push(ms);
          return wait.promise;
        },
      }),
    );

    const sent = store.getState().send('Hello');
    await flush();
    expect(sleeps).toEqual([1_500]);
    expect(calls).toHaveLength(1);
    expect(store.getState()).toMatchObject({
      messages: [{ id: 'id2', role: 'user', status: 'sending' }],
      status: 'submitted',
      rateLimitedUntil: 2_500,
      error: undefined,
    });

    wait.open();
    await sent;
    expect(calls).toHaveLength(2);
    expect(calls[1]?.turnId).toBe('id1');
    expect(store.getState()).toMatchObject({ status: 'idle', rateLimitedUntil: undefined });
    expect(store.getState().messages[1]).toMatchObject({
      role: 'assistant',
      text: 'Hi there.',
      status: 'done',
    });
    expect(onError).not.toHaveBeenCalled();
  });

  it('a 429 that persists fails the user message after maxRetries (default 2, 1 s without Retry-After)', async () => {
    const error = new RateLimitedError('Too many requests');
    const { transport, calls } = scriptedTransport([
      [{ type: 'error', error }],
      [{ type: 'error', error }],
      [{ type: 'error', error }],
      reply,
    ]);
    const sleeps: number[] = [];
    const onError = vi.fn<(error: VapiChatError) => void>();
    const store = createChatStore(
      testOptions(transport, {
        onError,
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
      }),
    );

    await store.getState().send('Hello');

    expect(calls).toHaveLength(3);
    expect(calls.map((call) => call.turnId)).toEqual(['id1', 'id1', 'id1']);
    expect(sleeps).toEqual([1_000, 1_000]);
    expect(store.getState()).toMatchObject({
      messages: [{ id: 'id2', role: 'user', text: 'Hello', status: 'failed', error }],
      status: 'error',
      error,
      rateLimitedUntil: undefined,
    });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('clamps the wait to maxWaitMs and honours maxRetries', async () => {
    const error = new RateLimitedError('Too many requests', { retryAfterMs: 120_000 });
    const { transport, calls } = scriptedTransport([[{ type: 'error', error }], [{ type: 'error', error }]]);
    const sleeps: number[] = [];
    const store = createChatStore(
      testOptions(transport, {
        rateLimit: { maxRetries: 1, maxWaitMs: 5_000 },
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
      }),
    );
    await store.getState().send('Hello');
    expect(sleeps).toEqual([5_000]);
    expect(calls).toHaveLength(2);
    expect(store.getState().status).toBe('error');
  });

  it('stop during a rate-limit wait ends it without another request', async () => {
    const { transport, calls } = scriptedTransport([
      [{ type: 'error', error: new RateLimitedError('Too many requests', { retryAfterMs: 10_000 }) }],
      reply,
    ]);
    let sleepSignal: AbortSignal | undefined;
    const store = createChatStore(
      testOptions(transport, {
        sleep: (_ms, signal) => {
          sleepSignal = signal;
          return whenAborted(signal);
        },
      }),
    );

    const sent = store.getState().send('Hello');
    await flush();
    expect(store.getState().rateLimitedUntil).toBe(11_000);
    store.getState().stop();
    await sent;

    expect(sleepSignal?.aborted).toBe(true);
    expect(calls).toHaveLength(1);
    expect(store.getState()).toMatchObject({
      messages: [{ id: 'id2', role: 'user', status: 'stopped' }],
      status: 'idle',
      rateLimitedUntil: undefined,
    });
  });

  it.each([
    ['a network error', new NetworkError('offline')],
    ['a 5xx', new UpstreamError('Service unavailable', { status: 503 })],
    ['a protocol error', new ProtocolError('Malformed JSON')],
    ['a 429 after the first token', new RateLimitedError('Too many requests', { retryAfterMs: 1 })],
  ])('%s is never re-sent automatically: exactly one transport call', async (_name, error) => {
    const { transport, calls } = scriptedTransport([
      [
        { type: 'text-delta', text: 'a' },
        { type: 'error', error },
      ],
      reply,
    ]);
    const sleep = vi.fn(() => Promise.resolve());
    const store = createChatStore(testOptions(transport, { sleep }));
    await store.getState().send('Hello');
    await flush();
    expect(calls).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(store.getState().status).toBe('error');
  });

  it('a network error before any token: exactly one transport call', async () => {
    const { transport, calls } = scriptedTransport([
      [{ type: 'error', error: new NetworkError('offline') }],
      reply,
    ]);
    const store = createChatStore(testOptions(transport));
    await store.getState().send('Hello');
    await flush();
    expect(calls).toHaveLength(1);
    expect(store.getState().messages).toMatchObject([{ text: 'Hello', status: 'failed' }]);
  });

  it('regenerate drops the last reply and re-asks as a new turn from the chain before it', async () => {
    const { transport, calls } = scriptedTransport([
      [{ type: 'turn-end', chatId: 'c1', text: 'One.' }],
      [{ type: 'turn-end', chatId: 'c2', text: 'Two.' }],
      [
        { type: 'turn-start', chatId: 'c3' },
        { type: 'text-delta', text: 'Two, again.' },
        { type: 'turn-end', chatId: 'c3', text: 'Two, again.' },
      ],
    ]);
    const store = createChatStore(testOptions(transport));
    await store.getState().send('First');
    await store.getState().send('Second');
    const [firstUser, firstReply] = store.getState().messages;

    await store.getState().regenerate();

    expect(calls).toHaveLength(3);
    expect(calls[2]).toEqual({
      text: 'Second',
      chain: { chatId: 'c1' },
      history: [
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'One.' },
      ],
      turnId: 'id7',
      signal: anySignal,
    });
    expect(calls[2]?.turnId).not.toBe(calls[1]?.turnId);
    expect(store.getState().messages).toEqual([
      { id: 'id2', role: 'user', text: 'First', status: 'done', createdAt: 1_000, turnId: 'id1' },
      { id: 'id3', role: 'assistant', text: 'One.', status: 'done', createdAt: 1_000, turnId: 'id1' },
      { id: 'id5', role: 'user', text: 'Second', status: 'done', createdAt: 1_000, turnId: 'id7' },
      { id: 'id8', role: 'assistant', text: 'Two, again.', status: 'done', createdAt: 1_000, turnId: 'id7' },
    ]);
    expect(store.getState().messages[0]).toBe(firstUser);
    expect(store.getState().messages[1]).toBe(firstReply);
    expect(store.getState().chain).toEqual({ chatId: 'c3' });
  });

  it('reset aborts the turn in flight and starts a new conversation', async () => {
    const { transport, calls } = scriptedTransport([
      [
        { type: 'turn-start', sessionId: 's1' },
        { type: 'text-delta', text: 'Par' },
        { wait: gate().promise },
      ],
    ]);
    const store = createChatStore(testOptions(transport, { greeting: 'Hi!' }));
    const sent = store.getState().send('Hello');
    await flush();
    expect(store.getState().chain).toEqual({ sessionId: 's1' });

    store.getState().reset();

    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(store.getState()).toMatchObject({
      messages: [{ id: 'id1', role: 'assistant', text: 'Hi!', status: 'done' }],
      status: 'idle',
      chain: {},
      chainsBeforeTurn: {},
      activeTurn: undefined,
    });
    await expect(sent).resolves.toBe(true);
  });

  it('ignores late events after reset, even from a transport that ignores its signal', async () => {
    const hold = gate();
    const { transport } = scriptedTransport(
      [
        [
          { type: 'turn-start', chatId: 'c1' },
          { type: 'text-delta', text: 'Par' },
          { wait: hold.promise },
          { type: 'text-delta', text: 'late' },
          { type: 'turn-end', chatId: 'c9', text: 'late' },
        ],
      ],
      { ignoreSignal: true },
    );
    const store = createChatStore(testOptions(transport));
    const sent = store.getState().send('Hello');
    await flush();
    store.getState().reset();
    const afterReset = store.getState();
    const listener = vi.fn();
    store.subscribe(listener);

    hold.open();
    await sent;
    await flush();

    expect(store.getState()).toBe(afterReset);
    expect(listener).not.toHaveBeenCalled();
  });

  it('ignores send while a turn is in flight (no queue) and blank text', async () => {
    const hold = gate();
    const { transport, calls } = scriptedTransport([[{ wait: hold.promise }, ...reply], reply]);
    const store = createChatStore(testOptions(transport));
    const listener = vi.fn();
    store.subscribe(listener);

    await store.getState().send('   \n ');
    expect(listener).not.toHaveBeenCalled();

    const first = store.getState().send('First');
    await flush();
    const busy = store.getState();
    await expect(store.getState().send('Second')).resolves.toBe(false);
    expect(store.getState()).toBe(busy);

    hold.open();
    await first;
    expect(calls).toHaveLength(1);
    expect(store.getState().messages.map((message) => message.text)).toEqual(['First', 'Hi there.']);
  });

  it('notifies once per event during a 2,000-delta stream, keeping earlier messages', async () => {
    const deltas: Step[] = Array.from({ length: 2_000 }, () => ({ type: 'text-delta', text: 'x' }));
    const { transport } = scriptedTransport([
      [{ type: 'turn-end', chatId: 'c1', text: 'First.' }],
      [
        { type: 'turn-start', chatId: 'c2' },
        ...deltas,
        { type: 'turn-end', chatId: 'c2', text: 'x'.repeat(2_000) },
      ],
    ]);
    const store = createChatStore(testOptions(transport));
    await store.getState().send('First');
    const [firstUser, firstReply] = store.getState().messages;
    let notifications = 0;
    let earlierChanged = 0;
    store.subscribe((state) => {
      notifications += 1;
      if (state.messages[0] !== firstUser || state.messages[1] !== firstReply) earlierChanged += 1;
    });

    await store.getState().send('Second');

    // submit + turn-start + 2,000 deltas + turn-end
    expect(notifications).toBe(2_003);
    expect(earlierChanged).toBe(0);
    expect(store.getState().messages[3]).toMatchObject({ text: 'x'.repeat(2_000), status: 'done' });
  });

  it('does not notify for events that change nothing', async () => {
    const { transport } = scriptedTransport([
      [
        { type: 'turn-start', chatId: 'c1' },
        { type: 'turn-start', chatId: 'c1' },
        { type: 'text-delta', text: '' },
        { type: 'text-delta', text: 'a' },
        { type: 'turn-end', chatId: 'c1', text: 'a' },
      ],
    ]);
    const store = createChatStore(testOptions(transport));
    const listener = vi.fn();
    store.subscribe(listener);
    await store.getState().send('Hello');
    // submit, the first turn-start, the delta 'a', turn-end
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('keeps its actions stable across state changes', async () => {
    const { transport } = scriptedTransport([reply]);
    const store = createChatStore(testOptions(transport));
    const { send, stop, retry, regenerate, reset, restore, endConversation } = store.getState();
    await send('Hello');
    expect(store.getState()).toMatchObject({
      send,
      stop,
      retry,
      regenerate,
      reset,
      restore,
      endConversation,
    });
  });

  it('fails the turn when the stream ends without turn-end', async () => {
    const { transport } = scriptedTransport([[{ type: 'turn-start' }, { type: 'text-delta', text: 'Cut' }]]);
    const store = createChatStore(testOptions(transport));
    await store.getState().send('Hello');
    expect(store.getState().status).toBe('error');
    expect(store.getState().error?.code).toBe('protocol');
    expect(store.getState().messages[1]).toMatchObject({ text: 'Cut', status: 'failed' });
  });

  it('fails the turn, without rejecting, when a transport throws against its contract', async () => {
    const transport: ChatTransport = {
      // eslint-disable-next-line require-yield
      async *sendTurn() {
        await Promise.resolve();
        throw new TypeError('boom');
      },
    };
    const store = createChatStore(testOptions(transport));
    await expect(store.getState().send('Hello')).resolves.toBe(true);
    expect(store.getState().error?.code).toBe('network');
    expect(store.getState().messages[0]).toMatchObject({ text: 'Hello', status: 'failed' });
  });

  it('restore aborts the turn in flight and replaces transcript and chain', async () => {
    const { transport, calls } = scriptedTransport([[{ wait: gate().promise }]]);
    const store = createChatStore(testOptions(transport));
    const sent = store.getState().send('Hello');
    await flush();
    const message: ChatMessage = {
      id: 'm1',
      role: 'user',
      text: 'Saved',
      status: 'done',
      createdAt: 5,
      turnId: 't1',
    };

    store.getState().restore({ messages: [message], chain: { sessionId: 's1' } });
    await sent;

    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(store.getState()).toMatchObject({
      messages: [message],
      chain: { sessionId: 's1' },
      status: 'idle',
    });
  });

  it('endConversation resets, then ends the old conversation on the server', async () => {
    const { transport: scripted } = scriptedTransport([[{ type: 'turn-end', sessionId: 's1', text: 'Hi.' }]]);
    const endConversation = vi.fn(() => Promise.resolve());
    const transport: ChatTransport = { sendTurn: (request) => scripted.sendTurn(request), endConversation };
    const store = createChatStore(testOptions(transport, { greeting: 'Hello!' }));
    await store.getState().send('Hello');

    await store.getState().endConversation();

    expect(endConversation).toHaveBeenCalledTimes(1);
    expect(endConversation).toHaveBeenCalledWith({ sessionId: 's1' });
    expect(store.getState()).toMatchObject({ messages: [{ text: 'Hello!' }], chain: {}, status: 'idle' });
  });

  it('endConversation without transport support is a reset', async () => {
    const { transport } = scriptedTransport([[{ type: 'turn-end', sessionId: 's1', text: 'Hi.' }]]);
    const store = createChatStore(testOptions(transport));
    await store.getState().send('Hello');
    await store.getState().endConversation();
    expect(store.getState()).toMatchObject({ messages: [], chain: {}, status: 'idle' });
  });
});
