import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whenTurnsFinished } from './create-proxy';
import type { ConversationStore } from './store/conversation-store';
import { createMemoryStore } from './store/memory-store';
import { createRedisStore } from './store/redis-store';
import { eventually } from './test-support/eventually';
import { createHarness, historyHeaders, turnInit } from './test-support/proxy-harness';
import { startRedisServer, type RedisServer } from './test-support/redis-server';
import { SseReader } from './test-support/sse-events';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

const key = (value: string) => ({ 'idempotency-key': value });
const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

/** Counts the store's calls by method, to show what a turn costs it. */
function counted(store: ConversationStore) {
  const calls = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, calls };
}

/** A store whose process "dies": after `crash()`, nothing it is asked ever answers. */
function crashable(store: ConversationStore) {
  let crashed = false;
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        crashed
          ? new Promise(() => undefined)
          : (value as (...args: unknown[]) => unknown).apply(target, args);
    },
  });
  return { store: wrapped, crash: () => (crashed = true) };
}

async function history(harness: ReturnType<typeof createHarness>, conversationId: string) {
  const query = new URLSearchParams({ sessionId: 's1', conversationId });
  const response = await harness.app.request(`/v1/chat/history?${query.toString()}`, {
    headers: historyHeaders,
  });
  return ((await response.json()) as { messages: { role: string; text: string; status: string }[] }).messages;
}

describe('a turn in flight', () => {
  it('stores its reply as it streams: a store write per heartbeat, never one per delta', async () => {
    const { store, calls } = counted(createMemoryStore());
    const harness = createHarness({ store, limits: { heartbeatMs: 1000 } });
    harness.fault = 'stall-after=40';
    const stream = new SseReader(
      (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'Tell me everything' }),
        )
      ).body!,
    );
    const start = (await stream.nextEvent())!;
    const conversationId = start.data['conversationId'] as string;
    let text = '';
    for (let deltas = 0; deltas < 40; deltas++) text += (await stream.nextEvent())!.data['text'] as string;

    const [user] = await store.listMessages(conversationId, 10);
    expect(user?.role).toBe('user');
    for (let beat = 1; beat <= 3; beat++) {
      harness.scheduler.advance(1000);
      await eventually(() => expect(calls.get('renewTurn')).toBe(beat));
    }
    expect((await store.listMessages(conversationId, 10))[1]).toMatchObject({
      role: 'assistant',
      text,
      status: 'streaming',
    });
    // The history does not show a reply still being written.
    expect((await history(harness, conversationId)).map((message) => message.role)).toEqual(['user']);

    await stream.cancel();
    await eventually(() => expect(calls.get('updateMessage')).toBe(1));
    expect((await history(harness, conversationId))[1]).toMatchObject({ text, status: 'stopped' });
    // 40 deltas, three heartbeats: the question and empty reply once, the text on each heartbeat (written
    // only the first time: it did not grow after), the outcome once.
    expect(Object.fromEntries(calls)).toMatchObject({ appendMessages: 1, renewTurn: 3, updateMessage: 1 });
  });

  it('stops when its heartbeat finds the conversation taken over, and writes nothing more', async () => {
    let clock = Date.parse('2026-06-01T09:00:00Z');
    const memory = createMemoryStore({ now: () => clock });
    const harness = createHarness({ store: memory, limits: { heartbeatMs: 1000, turnLeaseMs: 5000 } });
    harness.fault = 'stall-after=2';
    const stream = new SseReader(
      (await harness.app.request('/v1/chat/stream', turnInit({ sessionId: 's1', message: 'Hi there' })))
        .body!,
    );
    const conversationId = (await stream.nextEvent())!.data['conversationId'] as string;
    const partial = (await stream.nextEvent())!.data['text'] as string;
    // This instance froze past its lease, and another took the conversation over.
    clock += 6000;
    expect(await memory.tryLock(`turn:${conversationId}`, 5000)).toEqual(expect.any(String));
    harness.scheduler.advance(1000);
    let event = await stream.nextEvent();
    while (event?.event === 'delta') event = await stream.nextEvent();
    expect(event).toEqual({
      event: 'error',
      data: { error: 'Internal server error', code: 'internal_error' },
    });
    await eventually(() => expect(harness.logs.map((entry) => entry['event'])).toContain('turn-lease-lost'));
    // The reply stays as the other holder will find it: not finished by this one.
    expect((await memory.listMessages(conversationId, 10))[1]).toMatchObject({
      status: 'streaming',
      text: '',
    });
    expect(partial.length).toBeGreaterThan(0);
  });
});

describe('a turn whose process died', () => {
  it('frees its conversation a lease later; its reply is failed with its text; a retry runs it once', async () => {
    const shared = createMemoryStore();
    const { store, crash } = crashable(shared);
    const limits = { heartbeatMs: 50, turnLeaseMs: 300 };
    const dying = createHarness({ store, limits });
    const survivor = createHarness({ store: shared, limits, sharedEmulator: dying.emulator });

    const first = await survivor.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'My name is Alice' }),
    );
    const { conversationId } = (await first.json()) as { conversationId: string };
    dying.fault = 'stall-after=6';
    const cut = new SseReader(
      (
        await dying.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'How do I reset my password?' }, key('turn-2')),
        )
      ).body!,
    );
    await cut.nextEvent();
    let shown = '';
    for (let delta = 0; delta < 6; delta++) shown += (await cut.nextEvent())!.data['text'] as string;
    dying.scheduler.advance(50); // one heartbeat stores the text so far
    await eventually(async () =>
      expect((await shared.listMessages(conversationId, 10))[3]?.text).toBe(shown),
    );
    crash();

    // A lease later, the other instance finds the reply failed with its text, and the conversation free.
    await eventually(async () =>
      expect((await history(survivor, conversationId)).at(-1)).toMatchObject({
        role: 'assistant',
        text: shown,
        status: 'failed',
      }),
    );
    // Retries of the cut turn, racing: it runs once, and its reply replaces the failed one.
    const retries = await Promise.all(
      [1, 2, 3].map(async () =>
        survivor.app.request(
          '/v1/chat',
          turnInit({ sessionId: 's1', message: 'How do I reset my password?' }, key('turn-2')),
          fromAddress('198.51.100.9'),
        ),
      ),
    );
    expect(retries.map((response) => response.status)).toEqual([200, 200, 200]);
    const chatCalls = survivor.calls.filter((call) => call.path === '/chat');
    expect(chatCalls).toHaveLength(2);
    const next = await survivor.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: "What's my name?" }),
    );
    expect(((await next.json()) as { message: string }).message).toContain('Your name is Alice');
    expect(
      (await history(survivor, conversationId)).map((message) => `${message.role}:${message.status}`),
    ).toEqual(['user:done', 'assistant:done', 'user:done', 'assistant:done', 'user:done', 'assistant:done']);
    await cut.cancel().catch(() => undefined);
  });
});

describe('open streams', () => {
  it.each(['memory', 'redis'])(
    'are capped by a true count: the cap holds at the edge of what used to be a window (%s)',
    async (kind) => {
      let offset = 0;
      const now = () => Date.now() + offset;
      const store =
        kind === 'memory'
          ? createMemoryStore({ now })
          : await createRedisStore({ url: redis.url, keyPrefix: `cap${Date.now()}:`, now });
      const harness = createHarness({ store, limits: { concurrentStreams: 4 } });
      const open = async (session: string) =>
        harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: session, message: 'Hi' }),
          fromAddress('198.51.100.2'),
        );

      // One stream, opened and closed, started what a fixed window would have counted from.
      await (await open('early')).text();
      // Late in that window, four streams open and stay open.
      offset += 170_000;
      harness.fault = 'stall-after=1';
      const streams = await Promise.all(['a', 'b', 'c', 'd'].map(open));
      expect(streams.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      // The window would have reset now; the four are still open, so a fifth is refused.
      offset += 20_000;
      const fifth = await open('e');
      expect(fifth.status).toBe(429);
      expect(((await fifth.json()) as { code: string }).code).toBe('too_many_streams');
      // Each close gives its slot back exactly once.
      await new SseReader(streams[0]!.body!).cancel();
      harness.fault = '';
      await eventually(async () => expect((await open('f')).status).toBe(200));
      await Promise.all(streams.slice(1).map((response) => new SseReader(response.body!).cancel()));
      await whenTurnsFinished(harness.app);
      await store.close();
    },
  );
});

describe('slow clients and a store that does not answer', () => {
  it('answers a body that does not arrive in time with 408 in the JSON error shape', async () => {
    const harness = createHarness({ limits: { bodyTimeoutMs: 10_000 } });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"sessionId":"s1",'));
      },
    });
    const answer = harness.app.request('/v1/chat', {
      ...turnInit({}),
      body,
      duplex: 'half',
    } as RequestInit);
    await eventually(() => expect(harness.scheduler.pending).toBeGreaterThan(0));
    harness.scheduler.advance(10_000);
    const response = await answer;
    expect(response.status).toBe(408);
    expect(await response.json()).toEqual({
      error: 'Request timeout',
      details: 'The body must arrive within 10000 ms',
    });
  });

  it('/healthz fails while the store does not answer and recovers after; /livez does not look', async () => {
    const { store, crash } = crashable(createMemoryStore());
    let failing = false;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'ping') return () => (failing ? Promise.reject(new Error('down')) : target.ping());
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const harness = createHarness({ store: flaky });
    expect((await harness.app.request('/healthz')).status).toBe(200);
    failing = true;
    const down = await harness.app.request('/healthz');
    expect([down.status, await down.json()]).toEqual([
      503,
      { error: 'Service unavailable', code: 'store_unavailable' },
    ]);
    expect((await harness.app.request('/livez')).status).toBe(200);
    failing = false;
    expect((await harness.app.request('/healthz')).status).toBe(200);
    // A store that hangs is not ready either (readiness waits a second at most).
    crash();
    expect((await harness.app.request('/healthz')).status).toBe(503);
  });
});
