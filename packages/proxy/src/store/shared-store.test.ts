import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulator } from '@vapi-chat-kit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  historyHeaders,
  siteOrigin,
  turnInit,
  widgetKey,
} from '../test-support/proxy-harness';
import { signVisitorToken } from '../visitor/visitor-token';
import { startRedisServer, type RedisServer } from '../test-support/redis-server';
import { SseReader } from '../test-support/sse-events';
import type { ConversationStore } from './conversation-store';
import { createRedisStore } from './redis-store';
import { createSqliteStore } from './sqlite-store';
import { eventually } from '../test-support/eventually';

let redis: RedisServer;
let directory: string;

beforeAll(async () => {
  redis = await startRedisServer();
  directory = await mkdtemp(path.join(tmpdir(), 'proxy-shared-'));
});

afterAll(async () => {
  await redis.stop();
  await rm(directory, { recursive: true, force: true });
});

const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

async function say(harness: ReturnType<typeof createHarness>, message: string, address = '198.51.100.1') {
  const response = await harness.app.request(
    '/v1/chat',
    turnInit({ sessionId: 'visitor-1', message }),
    fromAddress(address),
  );
  return {
    status: response.status,
    body: (await response.json()) as { conversationId?: string; message?: string; error?: string },
  };
}

describe('two proxy instances sharing one Redis', () => {
  it("list, read, continue and rate a signed-in visitor's conversation started on the other", async () => {
    const vapi = createEmulator({ testMode: true });
    const secret = 'a-shared-visitor-secret-of-32-characters';
    const widgetKeys = [{ key: widgetKey, id: 'site', allowedOrigins: [siteOrigin], visitors: { secret } }];
    const open = async () =>
      createHarness({
        store: await createRedisStore({ url: redis.url, keyPrefix: 'two-visitors:' }),
        sharedEmulator: vapi,
        proxy: { widgetKeys },
      });
    const [a, b] = [await open(), await open()];
    const headers = {
      'x-visitor-token': await signVisitorToken({ secret, widgetKeyId: 'site', visitorId: 'dana' }),
    };
    const started = await a.app.request(
      '/v1/chat',
      turnInit({ sessionId: 'dana-laptop', message: 'My name is Dana' }, headers),
    );
    const { conversationId } = (await started.json()) as { conversationId: string };

    const listed = await b.app.request('/v1/conversations', { headers: { ...historyHeaders, ...headers } });
    const { conversations } = (await listed.json()) as {
      conversations: { conversationId: string; sessionId: string }[];
    };
    expect(conversations).toEqual([expect.objectContaining({ conversationId, sessionId: 'dana-laptop' })]);
    const continued = await b.app.request(
      '/v1/chat',
      turnInit({ sessionId: 'dana-laptop', message: "What's my name?" }, headers),
    );
    expect(await continued.json()).toMatchObject({
      conversationId,
      message: expect.stringMatching(/Dana/) as string,
    });

    const query = new URLSearchParams({ sessionId: 'dana-laptop', conversationId }).toString();
    const read = await a.app.request(`/v1/chat/history?${query}`, {
      headers: { ...historyHeaders, ...headers },
    });
    const { messages } = (await read.json()) as { messages: { id: string; role: string }[] };
    expect(messages).toHaveLength(4);
    const reply = messages.at(-1)!;
    const rated = await a.app.request(
      '/v1/chat/rating',
      turnInit({ sessionId: 'dana-laptop', conversationId, messageId: reply.id, value: 'up' }, headers),
    );
    expect(rated.status).toBe(200);
    const reread = await b.app.request(`/v1/chat/history?${query}`, {
      headers: { ...historyHeaders, ...headers },
    });
    expect(
      ((await reread.json()) as { messages: { rating?: { value: string } }[] }).messages.at(-1)?.rating
        ?.value,
    ).toBe('up');
    await a.store.close();
    await b.store.close();
  });

  it('continue a conversation started on the other, in both chain modes', async () => {
    for (const chain of ['previous-chat', 'session'] as const) {
      // One Vapi behind both instances, as in production; the chain lives in Redis, not in either process.
      const vapi = createEmulator({ testMode: true });
      const prefix = `two-${chain}:`;
      const a = createHarness({
        store: await createRedisStore({ url: redis.url, keyPrefix: prefix }),
        sharedEmulator: vapi,
        chain,
      });
      const b = createHarness({
        store: await createRedisStore({ url: redis.url, keyPrefix: prefix }),
        sharedEmulator: vapi,
        chain,
      });
      const first = await say(a, 'My name is Carol');
      const second = await say(b, "What's my name?");
      expect(second.status).toBe(200);
      expect(second.body.conversationId).toBe(first.body.conversationId);
      expect(second.body.message).toContain('Your name is Carol.');
      expect(a.calls.filter((call) => call.path === '/session')).toHaveLength(chain === 'session' ? 1 : 0);
      expect(b.calls.map((call) => call.path)).toEqual(['/chat']);
      await a.store.close();
      await b.store.close();
    }
  });

  it('hold one rate limit across both instances', async () => {
    const vapi = createEmulator({ testMode: true });
    const limits = { requests: 3, windowSeconds: 60 };
    const a = createHarness({
      store: await createRedisStore({ url: redis.url, keyPrefix: 'limit:' }),
      sharedEmulator: vapi,
      limits,
    });
    const b = createHarness({
      store: await createRedisStore({ url: redis.url, keyPrefix: 'limit:' }),
      sharedEmulator: vapi,
      limits,
    });
    const statuses = [
      (await say(a, 'one')).status,
      (await say(b, 'two')).status,
      (await say(a, 'three')).status,
      (await say(b, 'four')).status,
      (await say(a, 'five')).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await say(b, 'from elsewhere', '198.51.100.2')).status).toBe(200);
    await a.store.close();
    await b.store.close();
  });

  it('hold one cap on open streams across both instances', async () => {
    const vapi = createEmulator({ testMode: true });
    const limits = { concurrentStreams: 1 };
    const a = createHarness({
      store: await createRedisStore({ url: redis.url, keyPrefix: 'streams:' }),
      sharedEmulator: vapi,
      limits,
    });
    const b = createHarness({
      store: await createRedisStore({ url: redis.url, keyPrefix: 'streams:' }),
      sharedEmulator: vapi,
      limits,
    });
    a.fault = 'stall-after=1';
    const open = await a.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 'visitor-1', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    const reader = new SseReader(open.body!);
    await reader.nextEvent();
    const refused = await b.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 'visitor-2', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { code: string }).code).toBe('too_many_streams');
    await reader.cancel();
    await eventually(async () => {
      const again = await b.app.request(
        '/v1/chat',
        turnInit({ sessionId: 'visitor-2', message: 'Hi' }),
        fromAddress('198.51.100.1'),
      );
      expect(again.status).toBe(200);
    });
    await a.store.close();
    await b.store.close();
  });

  it('answer a retried Idempotency-Key on the other instance from Redis', async () => {
    const vapi = createEmulator({ testMode: true });
    const a = createHarness({
      store: await createRedisStore({ url: redis.url, keyPrefix: 'idem:' }),
      sharedEmulator: vapi,
    });
    const b = createHarness({
      store: await createRedisStore({ url: redis.url, keyPrefix: 'idem:' }),
      sharedEmulator: vapi,
    });
    const init = () =>
      turnInit({ sessionId: 'visitor-1', message: 'Hi there' }, { 'idempotency-key': 'turn-1' });
    const first = await a.app.request('/v1/chat', init());
    const retry = await b.app.request('/v1/chat', init());
    expect(await retry.json()).toEqual(await first.json());
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
    await a.store.close();
    await b.store.close();
  });
});

describe('a proxy restarted on the same SQLite file', () => {
  it('continues the conversation', async () => {
    const vapi = createEmulator({ testMode: true });
    const url = `file:${path.join(directory, 'chat.db')}`;
    const before: ConversationStore = await createSqliteStore({ url });
    const first = await say(createHarness({ store: before, sharedEmulator: vapi }), 'My name is Dave');
    await before.close();

    const after = await createSqliteStore({ url });
    const restarted = createHarness({ store: after, sharedEmulator: vapi });
    const second = await say(restarted, "What's my name?");
    expect(second.body).toEqual({
      conversationId: first.body.conversationId,
      message: expect.stringContaining('Your name is Dave.') as unknown,
    });
    const query = new URLSearchParams({ sessionId: 'visitor-1', conversationId: first.body.conversationId! });
    const history = await restarted.app.request(`/v1/chat/history?${query.toString()}`, {
      headers: { 'x-api-key': 'wk_test_public_key' },
    });
    const body = (await history.json()) as { messages: { role: string; status: string }[] };
    expect(body.messages.map((message) => `${message.role}:${message.status}`)).toEqual([
      'user:done',
      'assistant:done',
      'user:done',
      'assistant:done',
    ]);
    await after.close();
  });
});
