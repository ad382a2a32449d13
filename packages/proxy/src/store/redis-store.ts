import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type {
  ChainHandle,
  ChatStore,
  ConversationRecord,
  IdempotencyRecord,
  StoredMessage,
} from './chat-store';
import { limiterFrom } from './limiter';

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** Put before every key, so several deployments (or tests) can share one Redis. @default 'vck:' */
  readonly keyPrefix?: string;
  /** A conversation idle for longer expires (Redis TTL, renewed on each write). @default undefined (kept) */
  readonly retentionSeconds?: number;
}

/** Sets KEYS[1] to ARGV[2] (expiring in ARGV[3] ms) only while it still holds ARGV[1]. */
const compareAndSetScript = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;

/** Deletes a lock only while `token` still holds it (no one else's lock is ever freed). */
const unlockScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A store in Redis (`ioredis`): several proxy instances behind a load balancer share conversations,
 * transcripts, idempotency records, locks and rate-limit counters. Connects before it resolves, so a
 * wrong URL fails at start-up, not on the first chat.
 *
 * @example
 * const store = await createRedisStore({ url: 'redis://127.0.0.1:6379' });
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<ChatStore> {
  const { Redis: RedisClient } = await import('ioredis');
  const redis = new RedisClient(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  // Without a listener, ioredis prints every reconnect error; the proxy reports failures per request.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (cause) {
    redis.disconnect();
    throw new Error('Could not connect to Redis', { cause });
  }
  return redisStore(redis, options.keyPrefix ?? 'vck:', options.retentionSeconds);
}

function redisStore(redis: Redis, prefix: string, retentionSeconds: number | undefined): ChatStore {
  const key = {
    scope: (scope: string) => `${prefix}scope:${scope}`,
    conversation: (id: string) => `${prefix}conversation:${id}`,
    messages: (id: string) => `${prefix}messages:${id}`,
    idempotency: (name: string) => `${prefix}idempotency:${name}`,
    lock: (name: string) => `${prefix}lock:${name}`,
  };

  const readConversation = async (id: string): Promise<ConversationRecord | undefined> => {
    const hash = await redis.hgetall(key.conversation(id));
    if (hash['id'] === undefined) return undefined;
    return {
      id: hash['id'],
      scope: hash['scope'] ?? '',
      chain: hash['chain'] ? (JSON.parse(hash['chain']) as ChainHandle) : undefined,
      createdAt: hash['createdAt'] ?? '',
      updatedAt: hash['updatedAt'] ?? '',
    };
  };

  /** Renews the conversation's keys' TTL: retention counts from the last write. */
  const touch = async (conversationId: string, scope?: string) => {
    if (retentionSeconds === undefined) return;
    const scopeName = scope ?? (await redis.hget(key.conversation(conversationId), 'scope'));
    const pipeline = redis
      .multi()
      .expire(key.conversation(conversationId), retentionSeconds)
      .expire(key.messages(conversationId), retentionSeconds);
    if (scopeName) pipeline.expire(key.scope(scopeName), retentionSeconds);
    await pipeline.exec();
  };

  const readIdempotency = async (name: string) => {
    const value = await redis.get(key.idempotency(name));
    return value === null ? undefined : (JSON.parse(value) as IdempotencyRecord);
  };

  return {
    kind: 'redis',
    async findConversation(scope) {
      const id = await redis.get(key.scope(scope));
      return id === null ? undefined : readConversation(id);
    },
    async createConversation(record) {
      // The record first, then the scope with NX: the scope only ever points at a complete record.
      await redis.hset(key.conversation(record.id), {
        id: record.id,
        scope: record.scope,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        ...(record.chain ? { chain: JSON.stringify(record.chain) } : {}),
      });
      const claimed = await redis.set(key.scope(record.scope), record.id, 'NX');
      if (claimed === 'OK') {
        await touch(record.id, record.scope);
        return record;
      }
      await redis.del(key.conversation(record.id));
      const winner = await redis.get(key.scope(record.scope));
      return (winner === null ? undefined : await readConversation(winner)) ?? record;
    },
    async setChain(conversationId, chain, updatedAt) {
      // An empty field reads back as no chain.
      await redis.hset(key.conversation(conversationId), {
        chain: chain === undefined ? '' : JSON.stringify(chain),
        updatedAt,
      });
      await touch(conversationId);
    },
    async appendMessages(conversationId, list) {
      const last = list.at(-1);
      if (!last) return;
      await redis.rpush(key.messages(conversationId), ...list.map((message) => JSON.stringify(message)));
      await redis.hset(key.conversation(conversationId), { updatedAt: last.createdAt });
      await touch(conversationId);
    },
    async removeMessage(conversationId, messageId) {
      const values = await redis.lrange(key.messages(conversationId), 0, -1);
      for (const value of values) {
        if ((JSON.parse(value) as StoredMessage).id === messageId)
          await redis.lrem(key.messages(conversationId), 0, value);
      }
    },
    async listMessages(conversationId, limit) {
      const values = await redis.lrange(key.messages(conversationId), -limit, -1);
      return values.map((value) => JSON.parse(value) as StoredMessage);
    },
    async claimIdempotency(name, record, ttlMs) {
      const claimed = await redis.set(key.idempotency(name), JSON.stringify(record), 'PX', ttlMs, 'NX');
      if (claimed === 'OK') return undefined;
      return (await readIdempotency(name)) ?? record;
    },
    readIdempotency,
    async finishIdempotency(name, record, ttlMs) {
      await redis.set(key.idempotency(name), JSON.stringify(record), 'PX', ttlMs);
    },
    async replaceIdempotency(name, expected, next, ttlMs) {
      const replaced = await redis.eval(
        compareAndSetScript,
        1,
        key.idempotency(name),
        JSON.stringify(expected),
        JSON.stringify(next),
        String(ttlMs),
      );
      return replaced === 1;
    },
    async releaseIdempotency(name) {
      await redis.del(key.idempotency(name));
    },
    async tryLock(name, ttlMs) {
      const token = crypto.randomUUID();
      const claimed = await redis.set(key.lock(name), token, 'PX', ttlMs, 'NX');
      return claimed === 'OK' ? token : undefined;
    },
    async unlock(name, token) {
      await redis.eval(unlockScript, 1, key.lock(name), token);
    },
    sweep() {
      // Keys carry their own TTLs (idempotency, locks, rate limits; conversations with a retention).
      return Promise.resolve(0);
    },
    createLimiter(options) {
      const limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}rate:${options.name}`,
        points: options.points,
        duration: options.durationSeconds,
      });
      return limiterFrom(limiter, options.points);
    },
    async close() {
      await redis.quit();
    },
  };
}
