import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../test-support/redis-server';
import type { ConversationStore, ConversationRecord, IdempotencyRecord } from './conversation-store';
import { createMemoryStore } from './memory-store';
import { openStore } from './open-store';
import { createRedisStore } from './redis-store';
import { createSqliteStore, sqliteSchemaVersion } from './sqlite-store';

let redis: RedisServer;
let directory: string;
let counter = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  directory = await mkdtemp(path.join(tmpdir(), 'proxy-store-'));
});

afterAll(async () => {
  await redis.stop();
  await rm(directory, { recursive: true, force: true });
});

// Each test gets a fresh store: a new SQLite file, or a new key prefix in the shared redis-server.
const factories: Record<string, () => Promise<ConversationStore>> = {
  memory: () => Promise.resolve(createMemoryStore()),
  sqlite: async () => createSqliteStore({ url: `file:${path.join(directory, `store-${++counter}.db`)}` }),
  redis: async () => createRedisStore({ url: redis.url, keyPrefix: `test${++counter}:` }),
};

const conversation = (id: string, scope: string): ConversationRecord => ({
  id,
  scope,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const pending: IdempotencyRecord = {
  state: 'pending',
  fingerprint: 'f1',
  conversationId: 'conv_1',
  messageId: 'msg_1',
  leaseExpiresAt: 1_000,
};

describe.each(Object.keys(factories))('%s store', (kind) => {
  const open = factories[kind]!;

  it('creates a conversation once per scope and keeps the first on a race', async () => {
    const store = await open();
    expect(await store.findConversation('key␟s1')).toBeUndefined();
    const [first, second] = await Promise.all([
      store.createConversation(conversation('conv_a', 'key␟s1')),
      store.createConversation(conversation('conv_b', 'key␟s1')),
    ]);
    expect(first.id).toBe(second.id);
    expect(['conv_a', 'conv_b']).toContain(first.id);
    expect((await store.findConversation('key␟s1'))?.id).toBe(first.id);
    expect(await store.findConversation('key␟s2')).toBeUndefined();
    await store.close();
  });

  it('stores the chain handle', async () => {
    const store = await open();
    await store.createConversation(conversation('conv_a', 'key␟s1'));
    await store.setChain('conv_a', { kind: 'previous-chat', chatId: 'chat_1' }, '2026-01-01T00:00:01.000Z');
    expect(await store.findConversation('key␟s1')).toEqual({
      ...conversation('conv_a', 'key␟s1'),
      chain: { kind: 'previous-chat', chatId: 'chat_1' },
      updatedAt: '2026-01-01T00:00:01.000Z',
    });
    await store.setChain('conv_a', { kind: 'session', sessionId: 'sess_1' }, '2026-01-01T00:00:02.000Z');
    expect((await store.findConversation('key␟s1'))?.chain).toEqual({ kind: 'session', sessionId: 'sess_1' });
    // A chat that finished without an id leaves nothing to chain from.
    await store.setChain('conv_a', undefined, '2026-01-01T00:00:03.000Z');
    expect(await store.findConversation('key␟s1')).toEqual({
      ...conversation('conv_a', 'key␟s1'),
      chain: undefined,
      updatedAt: '2026-01-01T00:00:03.000Z',
    });
    await store.close();
  });

  it('appends messages in order and lists the newest ones', async () => {
    const store = await open();
    await store.createConversation(conversation('conv_a', 'key␟s1'));
    await store.appendMessages('conv_a', [
      { id: 'm1', role: 'user', text: 'Hi ✓', status: 'done', createdAt: '2026-01-01T00:00:01.000Z' },
      { id: 'm2', role: 'assistant', text: 'Hel', status: 'stopped', createdAt: '2026-01-01T00:00:02.000Z' },
    ]);
    await store.appendMessages('conv_a', [
      { id: 'm3', role: 'user', text: 'Again', status: 'done', createdAt: '2026-01-01T00:00:03.000Z' },
    ]);
    expect((await store.listMessages('conv_a', 10)).map((message) => message.id)).toEqual(['m1', 'm2', 'm3']);
    expect(await store.listMessages('conv_a', 2)).toEqual([
      { id: 'm2', role: 'assistant', text: 'Hel', status: 'stopped', createdAt: '2026-01-01T00:00:02.000Z' },
      { id: 'm3', role: 'user', text: 'Again', status: 'done', createdAt: '2026-01-01T00:00:03.000Z' },
    ]);
    expect(await store.listMessages('conv_other', 10)).toEqual([]);
    await store.removeMessage('conv_a', 'm2');
    expect((await store.listMessages('conv_a', 10)).map((message) => message.id)).toEqual(['m1', 'm3']);
    await store.close();
  });

  it('claims an idempotency key once, then returns the stored record', async () => {
    const store = await open();
    const claims = await Promise.all([
      store.claimIdempotency('k1', pending, 60_000),
      store.claimIdempotency('k1', { ...pending, fingerprint: 'f2' }, 60_000),
    ]);
    expect(claims.filter((claim) => claim === undefined)).toHaveLength(1);
    const winner = await store.readIdempotency('k1');
    expect(claims.find((claim) => claim !== undefined)).toEqual(winner);

    const finished: IdempotencyRecord = {
      state: 'finished',
      fingerprint: winner!.fingerprint,
      conversationId: 'conv_1',
      messageId: 'msg_1',
      status: 'done',
      text: 'Hello!',
    };
    await store.finishIdempotency('k1', finished, 60_000);
    expect(await store.claimIdempotency('k1', pending, 60_000)).toEqual(finished);
    await store.releaseIdempotency('k1');
    expect(await store.readIdempotency('k1')).toBeUndefined();
    expect(await store.claimIdempotency('k1', pending, 60_000)).toBeUndefined();
    await store.close();
  });

  it('replaces an idempotency record only while it still holds the expected value', async () => {
    const store = await open();
    const failed: IdempotencyRecord = {
      state: 'finished',
      fingerprint: 'f1',
      conversationId: 'conv_1',
      messageId: 'msg_1',
      status: 'failed',
      text: 'Hel',
      errorCode: 'upstream_error',
    };
    await store.finishIdempotency('k1', failed, 60_000);
    const results = await Promise.all([
      store.replaceIdempotency('k1', failed, { ...pending, leaseExpiresAt: 1 }, 60_000),
      store.replaceIdempotency('k1', failed, { ...pending, leaseExpiresAt: 2 }, 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.readIdempotency('k1'))?.state).toBe('pending');
    expect(await store.replaceIdempotency('absent', failed, pending, 60_000)).toBe(false);
    await store.close();
  });

  it('lets only one holder take a lock until it is freed', async () => {
    const store = await open();
    const tokens = await Promise.all([store.tryLock('conv_a', 60_000), store.tryLock('conv_a', 60_000)]);
    const token = tokens.find((value) => value !== undefined);
    expect(tokens.filter((value) => value === undefined)).toHaveLength(1);
    await store.unlock('conv_a', 'not-the-token');
    expect(await store.tryLock('conv_a', 60_000)).toBeUndefined();
    await store.unlock('conv_a', token!);
    expect(await store.tryLock('conv_a', 60_000)).toEqual(expect.any(String));
    await store.close();
  });

  it('replaces a stored message by id, and says whether there was one', async () => {
    const store = await open();
    await store.createConversation(conversation('conv_a', 'key␟s1'));
    const reply = { id: 'm2', role: 'assistant', text: '', status: 'streaming', createdAt: 'T' } as const;
    await store.appendMessages('conv_a', [
      { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: 'T' },
      reply,
    ]);
    expect(await store.updateMessage('conv_a', { ...reply, text: 'Hel', status: 'streaming' })).toBe(true);
    expect(await store.updateMessage('conv_a', { ...reply, text: 'Hello!', status: 'done' })).toBe(true);
    expect(await store.updateMessage('conv_a', { ...reply, id: 'nope' })).toBe(false);
    expect(await store.listMessages('conv_a', 10)).toEqual([
      { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: 'T' },
      { ...reply, text: 'Hello!', status: 'done' },
    ]);
    await store.close();
  });

  it("renews a turn's lock, reply and idempotency lease in one step, only while it holds the lock", async () => {
    const store = await open();
    await store.createConversation(conversation('conv_a', 'key␟s1'));
    const reply = { id: 'm2', role: 'assistant', text: '', status: 'streaming', createdAt: 'T' } as const;
    await store.appendMessages('conv_a', [reply]);
    await store.claimIdempotency('k1', pending, 60_000);
    const token = (await store.tryLock('turn:conv_a', 60_000))!;
    expect(await store.isLocked('turn:conv_a')).toBe(true);
    const renewed = { ...pending, leaseExpiresAt: 2_000 };
    const beat = (lockToken: string, text: string) =>
      store.renewTurn({
        lock: { name: 'turn:conv_a', token: lockToken, ttlMs: 60_000 },
        reply: { conversationId: 'conv_a', message: { ...reply, text } },
        idempotency: { key: 'k1', record: { ...renewed, fingerprint: text }, ttlMs: 60_000 },
      });
    expect(await beat(token, 'Hel')).toBe(true);
    expect(await store.listMessages('conv_a', 10)).toEqual([{ ...reply, text: 'Hel' }]);
    expect(await store.readIdempotency('k1')).toEqual({ ...renewed, fingerprint: 'Hel' });
    // Another holder's heartbeat (a turn that lost its lease) writes nothing.
    expect(await beat('someone-else', 'Hello')).toBe(false);
    expect(await store.listMessages('conv_a', 10)).toEqual([{ ...reply, text: 'Hel' }]);
    expect(await store.readIdempotency('k1')).toEqual({ ...renewed, fingerprint: 'Hel' });
    // A heartbeat without a reply (before the turn was accepted) renews the lock alone.
    expect(await store.renewTurn({ lock: { name: 'turn:conv_a', token, ttlMs: 60_000 } })).toBe(true);
    await store.unlock('turn:conv_a', token);
    expect(await store.isLocked('turn:conv_a')).toBe(false);
    expect(await beat(token, 'Hello')).toBe(false);
    await store.close();
  });

  it('counts open streams for real: a slot is held until released, once, whatever the time', async () => {
    const store = await open();
    const slots = store.createSlots({ name: `streams${++counter}`, limit: 2, ttlMs: 60_000 });
    const first = await slots.acquire('1.2.3.4');
    const second = await slots.acquire('1.2.3.4');
    expect([first, second]).toEqual([expect.any(String), expect.any(String)]);
    expect(await slots.acquire('1.2.3.4')).toBeUndefined();
    expect(await slots.acquire('5.6.7.8')).toEqual(expect.any(String));
    await slots.release('1.2.3.4', first!);
    await slots.release('1.2.3.4', first!);
    expect(await slots.acquire('1.2.3.4')).toEqual(expect.any(String));
    expect(await slots.acquire('1.2.3.4')).toBeUndefined();
    await slots.release('1.2.3.4', 'never-held');
    expect(await slots.acquire('1.2.3.4')).toBeUndefined();
    await store.close();
  });

  it('frees a slot whose holder never gave it back (a crash), once its lease ran out', async () => {
    const store = await open();
    const slots = store.createSlots({ name: `streams${++counter}`, limit: 1, ttlMs: 40 });
    expect(await slots.acquire('1.2.3.4')).toEqual(expect.any(String));
    expect(await slots.acquire('1.2.3.4')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await slots.acquire('1.2.3.4')).toEqual(expect.any(String));
    await store.close();
  });

  it("lists an owner's conversations, most recently updated first, with the first question and the last message", async () => {
    const store = await open();
    const owned = (id: string, sessionId: string, owner: string): ConversationRecord => ({
      ...conversation(id, `${owner}|${sessionId}`),
      owner,
      sessionId,
    });
    await store.createConversation(owned('conv_old', 's1', 'key|v:alice'));
    await store.createConversation(owned('conv_new', 's2', 'key|v:alice'));
    await store.createConversation(owned('conv_bob', 's3', 'key|v:bob'));
    await store.createConversation(conversation('conv_anon', 'key|s4'));
    await store.appendMessages('conv_old', [
      {
        id: 'g',
        role: 'assistant',
        text: 'Hi! How can I help?',
        status: 'done',
        createdAt: '2026-01-01T00:00:01.000Z',
      },
      { id: 'u1', role: 'user', text: 'My invoice', status: 'done', createdAt: '2026-01-01T00:00:02.000Z' },
      {
        id: 'a1',
        role: 'assistant',
        text: 'Here it is.',
        status: 'done',
        createdAt: '2026-01-01T00:00:03.000Z',
      },
    ]);
    await store.appendMessages('conv_new', [
      { id: 'u2', role: 'user', text: 'My plan', status: 'done', createdAt: '2026-01-02T00:00:00.000Z' },
    ]);
    const listed = await store.listConversations('key|v:alice', 10);
    expect(listed.map((listing) => listing.record.id)).toEqual(['conv_new', 'conv_old']);
    expect(listed[1]?.record).toMatchObject({ owner: 'key|v:alice', sessionId: 's1' });
    expect(listed[1]?.firstUserMessage?.text).toBe('My invoice');
    expect(listed[1]?.lastMessage?.text).toBe('Here it is.');
    expect(listed[0]?.lastMessage?.id).toBe('u2');
    // Newer activity moves a conversation up; the limit keeps the newest.
    await store.appendMessages('conv_old', [
      { id: 'u3', role: 'user', text: 'Thanks', status: 'done', createdAt: '2026-01-03T00:00:00.000Z' },
    ]);
    expect((await store.listConversations('key|v:alice', 1)).map((listing) => listing.record.id)).toEqual([
      'conv_old',
    ]);
    expect((await store.listConversations('key|v:bob', 10)).map((listing) => listing.record.id)).toEqual([
      'conv_bob',
    ]);
    expect(await store.listConversations('key|v:carol', 10)).toEqual([]);
    await store.close();
  });

  it('rates a finished assistant reply and removes the rating; never a question or a reply being written', async () => {
    const store = await open();
    await store.createConversation(conversation('conv_a', 'key|s1'));
    await store.appendMessages('conv_a', [
      { id: 'u1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-01T00:00:01.000Z' },
      { id: 'a1', role: 'assistant', text: 'Hello!', status: 'done', createdAt: '2026-01-01T00:00:02.000Z' },
      {
        id: 'a2',
        role: 'assistant',
        text: 'Wri',
        status: 'streaming',
        createdAt: '2026-01-01T00:00:03.000Z',
      },
    ]);
    const rating = {
      value: 'down',
      comment: 'Not what I asked',
      ratedAt: '2026-01-01T00:01:00.000Z',
    } as const;
    expect(await store.rateMessage('conv_a', 'a1', rating)).toMatchObject({
      id: 'a1',
      text: 'Hello!',
      rating,
    });
    expect((await store.listMessages('conv_a', 10))[1]).toEqual({
      id: 'a1',
      role: 'assistant',
      text: 'Hello!',
      status: 'done',
      createdAt: '2026-01-01T00:00:02.000Z',
      rating,
    });
    expect(await store.rateMessage('conv_a', 'u1', rating)).toBeUndefined();
    expect(await store.rateMessage('conv_a', 'a2', rating)).toBeUndefined();
    expect(await store.rateMessage('conv_a', 'nope', rating)).toBeUndefined();
    expect(await store.rateMessage('conv_b', 'a1', rating)).toBeUndefined();
    // A reply's later update (a dead turn's reply marked failed) keeps no stale state; removing works.
    const removed = await store.rateMessage('conv_a', 'a1', undefined);
    expect(removed).toBeDefined();
    expect(removed?.rating).toBeUndefined();
    expect((await store.listMessages('conv_a', 10))[1]?.rating).toBeUndefined();
    expect((await store.listMessages('conv_a', 10)).map((message) => message.rating)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await store.close();
  });

  it('finds the conversations last updated in a time range, oldest first', async () => {
    const store = await open();
    await store.createConversation(conversation('conv_a', 'key|s1'));
    await store.createConversation(conversation('conv_b', 'key|s2'));
    await store.createConversation({
      ...conversation('conv_c', 'key|v:alice|s3'),
      owner: 'key|v:alice',
      sessionId: 's3',
    });
    await store.appendMessages('conv_a', [
      { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-02-01T10:00:00.000Z' },
    ]);
    await store.appendMessages('conv_c', [
      { id: 'm2', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-02-01T09:00:00.000Z' },
    ]);
    const inRange = await store.conversationsUpdatedBetween(
      '2026-02-01T00:00:00.000Z',
      '2026-02-02T00:00:00.000Z',
    );
    expect(inRange.map((record) => record.id)).toEqual(['conv_c', 'conv_a']);
    expect(inRange[0]).toMatchObject({ owner: 'key|v:alice', sessionId: 's3' });
    // The upper bound is excluded.
    expect(
      (await store.conversationsUpdatedBetween('2026-01-01T00:00:00.000Z', '2026-02-01T10:00:00.000Z')).map(
        (record) => record.id,
      ),
    ).toEqual(['conv_b', 'conv_c']);
    await store.close();
  });

  it('answers a ping', async () => {
    const store = await open();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('counts rate-limit points per key and gives them back', async () => {
    const store = await open();
    const limiter = store.createLimiter({ name: `limit${++counter}`, points: 2, durationSeconds: 60 });
    expect(await limiter.consume('1.2.3.4')).toMatchObject({ allowed: true, limit: 2, remaining: 1 });
    expect(await limiter.consume('1.2.3.4')).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limiter.consume('1.2.3.4');
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.resetMs).toBeGreaterThan(0);
    expect(await limiter.consume('5.6.7.8')).toMatchObject({ allowed: true, remaining: 1 });
    await limiter.release('1.2.3.4', 2);
    expect(await limiter.consume('1.2.3.4')).toMatchObject({ allowed: true });
    // Giving back more than was taken (a window that reset meanwhile) leaves no credit.
    await limiter.release('9.9.9.9', 5);
    expect(await limiter.consume('9.9.9.9')).toMatchObject({ allowed: true, remaining: 1 });
    await store.close();
  });
});

// Redis has no sweep: the proxy finds a dead reply when it reads the conversation.
describe.each(['memory', 'sqlite'])('%s store sweep', (kind) => {
  const open = factories[kind]!;

  it("the sweep marks a dead turn's streaming reply failed, and leaves a live one alone", async () => {
    const store = await open();
    for (const id of ['conv_dead', 'conv_live']) {
      await store.createConversation(conversation(id, `key␟${id}`));
      await store.appendMessages(id, [
        { id: `${id}_reply`, role: 'assistant', text: 'Part', status: 'streaming', createdAt: 'T' },
      ]);
    }
    await store.tryLock('turn:conv_live', 60_000);
    await store.sweep();
    expect((await store.listMessages('conv_dead', 1))[0]?.status).toBe('failed');
    expect((await store.listMessages('conv_live', 1))[0]?.status).toBe('streaming');
    await store.close();
  });
});

describe('expiry', () => {
  it('treats an expired idempotency record or lock as free (memory, injected clock)', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    expect(await store.claimIdempotency('k', pending, 1_000)).toBeUndefined();
    expect(await store.tryLock('l', 1_000)).toEqual(expect.any(String));
    now = 1_000;
    expect(await store.readIdempotency('k')).toBeUndefined();
    expect(await store.claimIdempotency('k', pending, 1_000)).toBeUndefined();
    expect(await store.tryLock('l', 1_000)).toEqual(expect.any(String));
  });

  it('treats an expired idempotency record or lock as free (sqlite, injected clock)', async () => {
    let now = 0;
    const store = await createSqliteStore({
      url: `file:${path.join(directory, 'expiry.db')}`,
      now: () => now,
    });
    expect(await store.claimIdempotency('k', pending, 1_000)).toBeUndefined();
    expect(await store.tryLock('l', 1_000)).toEqual(expect.any(String));
    now = 999;
    expect(await store.claimIdempotency('k', pending, 1_000)).toEqual(pending);
    now = 1_000;
    expect(await store.claimIdempotency('k', pending, 1_000)).toBeUndefined();
    expect(await store.tryLock('l', 1_000)).toEqual(expect.any(String));
    await store.close();
  });
});

describe('retention', () => {
  const day = 24 * 60 * 60 * 1000;
  const sweepCases: [string, (now: () => number) => Promise<ConversationStore>][] = [
    ['memory', (now) => Promise.resolve(createMemoryStore({ now, retentionSeconds: 7 * 86_400 }))],
    [
      'sqlite',
      (now) =>
        createSqliteStore({
          url: `file:${path.join(directory, `retention-${++counter}.db`)}`,
          now,
          retentionSeconds: 7 * 86_400,
        }),
    ],
  ];

  it.each(sweepCases)(
    '%s: sweep deletes conversations idle past the retention, and expired records',
    async (_kind, open) => {
      let now = Date.parse('2026-01-10T00:00:00.000Z');
      const store = await open(() => now);
      await store.createConversation({
        ...conversation('conv_old', 'key␟old'),
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      await store.appendMessages('conv_old', [
        { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-02T00:00:00.000Z' },
      ]);
      await store.createConversation({
        ...conversation('conv_new', 'key␟new'),
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      // A message keeps a conversation alive: retention counts from the last write.
      await store.appendMessages('conv_new', [
        { id: 'm2', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-05T00:00:00.000Z' },
      ]);
      expect(await store.claimIdempotency('k', pending, 1_000)).toBeUndefined();
      now += 2 * 1000;
      expect(await store.sweep()).toBe(1);
      expect(await store.findConversation('key␟old')).toBeUndefined();
      expect(await store.listMessages('conv_old', 10)).toEqual([]);
      expect((await store.findConversation('key␟new'))?.id).toBe('conv_new');
      expect(await store.listMessages('conv_new', 10)).toHaveLength(1);
      expect(await store.readIdempotency('k')).toBeUndefined();
      now += 30 * day;
      expect(await store.sweep()).toBe(1);
      await store.close();
    },
  );

  it('redis: conversation keys expire after the retention, renewed by each write', async () => {
    const prefix = `retention${++counter}:`;
    const store = await createRedisStore({ url: redis.url, keyPrefix: prefix, retentionSeconds: 3600 });
    await store.createConversation(conversation('conv_a', 'key␟s1'));
    await store.appendMessages('conv_a', [
      { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-01T00:00:01.000Z' },
    ]);
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    for (const name of [
      `${prefix}scope:key␟s1`,
      `${prefix}conversation:conv_a`,
      `${prefix}messages:conv_a`,
    ]) {
      const ttl = await client.ttl(name);
      expect(ttl, name).toBeGreaterThan(3500);
      expect(ttl, name).toBeLessThanOrEqual(3600);
    }
    expect(await store.sweep()).toBe(0);
    await client.quit();
    await store.close();
  });

  it("redis: a visitor's list and the export skip conversations that expired, and drop them from their indexes", async () => {
    const prefix = `expired${++counter}:`;
    const store = await createRedisStore({ url: redis.url, keyPrefix: prefix, retentionSeconds: 3600 });
    for (const [id, at] of [
      ['conv_old', '2026-01-01T00:00:00.000Z'],
      ['conv_new', '2026-01-02T00:00:00.000Z'],
    ] as const) {
      await store.createConversation({
        ...conversation(id, `key|v:alice|${id}`),
        owner: 'key|v:alice',
        sessionId: id,
        updatedAt: at,
      });
    }
    // The retention ran out for one of them: its keys are gone, its id is left in the indexes.
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    await client.del(`${prefix}conversation:conv_new`, `${prefix}scope:key|v:alice|conv_new`);
    expect((await store.listConversations('key|v:alice', 10)).map((listing) => listing.record.id)).toEqual([
      'conv_old',
    ]);
    expect(await client.zrange(`${prefix}owner:key|v:alice`, 0, -1)).toEqual(['conv_old']);
    const range = await store.conversationsUpdatedBetween(
      '2025-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    );
    expect(range.map((record) => record.id)).toEqual(['conv_old']);
    expect(await client.zrange(`${prefix}updated`, 0, -1)).toEqual(['conv_old']);
    await client.quit();
    await store.close();
  });
});

describe('sqlite persistence and migrations', () => {
  it('keeps conversations across a reopen and migrates a file once', async () => {
    const url = `file:${path.join(directory, 'nested', 'dir', 'chat.db')}`;
    const first = await createSqliteStore({ url });
    await first.createConversation(conversation('conv_a', 'key␟s1'));
    await first.appendMessages('conv_a', [
      { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-01T00:00:01.000Z' },
    ]);
    await first.close();

    const [second, third] = await Promise.all([createSqliteStore({ url }), createSqliteStore({ url })]);
    expect((await second.findConversation('key␟s1'))?.id).toBe('conv_a');
    expect(await third.listMessages('conv_a', 10)).toHaveLength(1);
    await second.close();
    await third.close();

    const { createClient } = await import('@libsql/client');
    const client = createClient({ url });
    const versions = await client.execute('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.rows.map((row) => Number(row['version']))).toEqual(
      Array.from({ length: sqliteSchemaVersion }, (_, index) => index + 1),
    );
    client.close();
  });

  it('migrates a file of the first schema: its conversations stay, and gain owners and ratings', async () => {
    const url = `file:${path.join(directory, 'v1.db')}`;
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url });
    // The first schema, as a released proxy wrote it.
    await client.batch(
      [
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
        `CREATE TABLE conversations (id TEXT PRIMARY KEY, scope TEXT NOT NULL UNIQUE, chain TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
        `CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL REFERENCES conversations(id), id TEXT NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL)`,
        'CREATE INDEX messages_by_conversation ON messages (conversation_id, seq)',
        'CREATE TABLE idempotency (key TEXT PRIMARY KEY, record TEXT NOT NULL, expires_at INTEGER NOT NULL)',
        'CREATE TABLE locks (name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL)',
        "INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00.000Z')",
        "INSERT INTO conversations VALUES ('conv_old', 'key|s1', NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        "INSERT INTO messages (conversation_id, id, role, text, status, created_at) VALUES ('conv_old', 'a1', 'assistant', 'Hello', 'done', '2026-01-01T00:00:01.000Z')",
      ],
      'write',
    );
    client.close();
    const store = await createSqliteStore({ url });
    expect(await store.findConversation('key|s1')).toMatchObject({ id: 'conv_old', scope: 'key|s1' });
    expect((await store.findConversation('key|s1'))?.owner).toBeUndefined();
    const rating = { value: 'up', ratedAt: '2026-01-02T00:00:00.000Z' } as const;
    expect((await store.rateMessage('conv_old', 'a1', rating))?.rating).toEqual(rating);
    await store.close();
  });

  it('opens a file in WAL mode, so a commit does not wait for the disk while streams are open', async () => {
    const url = `file:${path.join(directory, 'wal.db')}`;
    const store = await createSqliteStore({ url });
    await store.createConversation(conversation('conv_w', 'key␟w'));
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url });
    const mode = await client.execute('PRAGMA journal_mode');
    expect(mode.rows[0]?.['journal_mode']).toBe('wal');
    client.close();
    await store.close();
  });
});

describe('openStore', () => {
  it('opens each kind from its URL and refuses other schemes', async () => {
    const memory = await openStore('memory:');
    expect(memory.kind).toBe('memory');
    const sqlite = await openStore(`file:${path.join(directory, 'open.db')}`);
    expect(sqlite.kind).toBe('sqlite');
    await sqlite.close();
    const viaRedis = await openStore(redis.url);
    expect(viaRedis.kind).toBe('redis');
    await viaRedis.close();
    await expect(openStore('postgres://localhost/db')).rejects.toThrow(
      'The store URL must start with memory:, file:, libsql:, redis:// or rediss://',
    );
    // An unset variable (`process.env.CHAT_STORE_URL!`) says so, not "cannot read properties of undefined".
    const unset = process.env['VAPI_CHAT_KIT_UNSET_STORE_URL'] as string;
    await expect(openStore(unset)).rejects.toThrow('openStore needs a store URL');
    await expect(openStore('')).rejects.toThrow('it got none. Is the variable set?');
  });

  it('fails to open a Redis that is not there', async () => {
    await expect(createRedisStore({ url: 'redis://127.0.0.1:1' })).rejects.toThrow(
      'Could not connect to Redis',
    );
  });
});
