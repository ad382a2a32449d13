import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type {
  ChainHandle,
  ConversationStore,
  ConversationRecord,
  IdempotencyRecord,
  StoredMessage,
} from './conversation-store';
import { limiterFrom } from './limiter';

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** Put before every key, so several deployments (or tests) can share one Redis. @default 'vck:' */
  readonly keyPrefix?: string;
  /** A conversation idle for longer expires (Redis TTL, renewed on each write). @default undefined (kept) */
  readonly retentionSeconds?: number;
  /** The clock of stream slots' leases (locks and records expire on Redis's own). @default Date.now */
  readonly now?: () => number;
}

/** Sets KEYS[1] to ARGV[2] (expiring in ARGV[3] ms) only while it still holds ARGV[1]. */
const compareAndSetScript = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;

/** Deletes a lock only while `token` still holds it (no one else's lock is ever freed). */
const unlockScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

// Replaces, in the message list KEYS[1], the message whose id is ARGV[1] with ARGV[2]. A reply being written
// is one of the newest, so the search starts from the end (and looks no further back than 500 messages).
const replaceMessageLua = `
local function replace(list, id, json)
  local last = redis.call('llen', list) - 1
  for index = last, math.max(0, last - 499), -1 do
    local item = redis.call('lindex', list, index)
    if item and cjson.decode(item).id == id then
      redis.call('lset', list, index, json)
      return 1
    end
  end
  return 0
end`;

const updateMessageScript = `${replaceMessageLua}
return replace(KEYS[1], ARGV[1], ARGV[2])`;

/**
 * Rates message ARGV[1] of the list KEYS[1]: sets its rating to the JSON ARGV[2], or removes it when ARGV[2]
 * is empty. Only a finished (`done`) assistant message; returns it as stored now, or false.
 */
const rateMessageScript = `
local list = KEYS[1]
for index = redis.call('llen', list) - 1, 0, -1 do
  local message = cjson.decode(redis.call('lindex', list, index))
  if message.id == ARGV[1] then
    if message.role ~= 'assistant' or message.status ~= 'done' then return false end
    if ARGV[2] == '' then message.rating = nil else message.rating = cjson.decode(ARGV[2]) end
    local json = cjson.encode(message)
    redis.call('lset', list, index, json)
    return json
  end
end
return false`;

/**
 * A turn's heartbeat: KEYS = lock, message list, idempotency key. Only while ARGV[1] holds the lock: extend
 * it by ARGV[2] ms, replace message ARGV[3] with ARGV[4] (when given), set the record ARGV[5] for ARGV[6] ms
 * (when given).
 */
const renewTurnScript = `${replaceMessageLua}
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('pexpire', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then replace(KEYS[2], ARGV[3], ARGV[4]) end
if ARGV[5] ~= '' then redis.call('set', KEYS[3], ARGV[5], 'PX', ARGV[6]) end
return 1`;

/**
 * Takes a slot: KEYS[1] is a sorted set of held slots scored by their expiry. Drops the expired ones, then
 * adds ARGV[3] (expiring at ARGV[2]) if fewer than ARGV[4] are held. ARGV[1] is now, in ms.
 */
const acquireSlotScript = `
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[1])
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('zadd', KEYS[1], ARGV[2], ARGV[3])
redis.call('pexpireat', KEYS[1], ARGV[2])
return 1`;

/**
 * A store in Redis (`ioredis`): several proxy instances behind a load balancer share conversations,
 * transcripts, idempotency records, locks and rate-limit counters. Connects before it resolves, so a
 * wrong URL fails at start-up, not on the first chat.
 *
 * @example
 * const store = await createRedisStore({ url: 'redis://127.0.0.1:6379' });
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<ConversationStore> {
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
  return redisStore(redis, options.keyPrefix ?? 'vck:', options.retentionSeconds, options.now ?? Date.now);
}

function redisStore(
  redis: Redis,
  prefix: string,
  retentionSeconds: number | undefined,
  now: () => number,
): ConversationStore {
  const key = {
    scope: (scope: string) => `${prefix}scope:${scope}`,
    conversation: (id: string) => `${prefix}conversation:${id}`,
    messages: (id: string) => `${prefix}messages:${id}`,
    idempotency: (name: string) => `${prefix}idempotency:${name}`,
    lock: (name: string) => `${prefix}lock:${name}`,
    /** A visitor's conversations, scored by their last update (ms). */
    owner: (owner: string) => `${prefix}owner:${owner}`,
    /** Every conversation, scored by its last update (ms): what `export` reads. */
    updated: `${prefix}updated`,
  };

  const readConversation = async (id: string): Promise<ConversationRecord | undefined> => {
    const hash = await redis.hgetall(key.conversation(id));
    if (hash['id'] === undefined) return undefined;
    return {
      id: hash['id'],
      scope: hash['scope'] ?? '',
      ...(hash['owner'] ? { owner: hash['owner'] } : {}),
      ...(hash['sessionId'] ? { sessionId: hash['sessionId'] } : {}),
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

  /** Moves the conversation to `updatedAt` in the indexes by update time (its owner's, and the global one). */
  const reindex = async (conversationId: string, updatedAt: string, owner?: string) => {
    const score = Date.parse(updatedAt);
    const ownerName = owner ?? (await redis.hget(key.conversation(conversationId), 'owner'));
    const pipeline = redis.multi().zadd(key.updated, score, conversationId);
    if (ownerName) {
      pipeline.zadd(key.owner(ownerName), score, conversationId);
      if (retentionSeconds !== undefined) pipeline.expire(key.owner(ownerName), retentionSeconds);
    }
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
        ...(record.owner ? { owner: record.owner } : {}),
        ...(record.sessionId ? { sessionId: record.sessionId } : {}),
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        ...(record.chain ? { chain: JSON.stringify(record.chain) } : {}),
      });
      const claimed = await redis.set(key.scope(record.scope), record.id, 'NX');
      if (claimed === 'OK') {
        await touch(record.id, record.scope);
        await reindex(record.id, record.updatedAt, record.owner);
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
      await reindex(conversationId, updatedAt);
    },
    async appendMessages(conversationId, list) {
      const last = list.at(-1);
      if (!last) return;
      await redis.rpush(key.messages(conversationId), ...list.map((message) => JSON.stringify(message)));
      await redis.hset(key.conversation(conversationId), { updatedAt: last.createdAt });
      await touch(conversationId);
      await reindex(conversationId, last.createdAt);
    },
    async updateMessage(conversationId, message) {
      const replaced = await redis.eval(
        updateMessageScript,
        1,
        key.messages(conversationId),
        message.id,
        JSON.stringify(message),
      );
      return replaced === 1;
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
    async rateMessage(conversationId, messageId, rating) {
      const stored = await redis.eval(
        rateMessageScript,
        1,
        key.messages(conversationId),
        messageId,
        rating === undefined ? '' : JSON.stringify(rating),
      );
      return typeof stored === 'string' ? (JSON.parse(stored) as StoredMessage) : undefined;
    },
    async listConversations(owner, limit) {
      const ids = await redis.zrevrange(key.owner(owner), 0, limit - 1);
      // A conversation that expired (its retention) leaves its id in the index: drop it there, and read on.
      const gone: string[] = [];
      const listings = await Promise.all(
        ids.map(async (id) => {
          const [record, head, tail] = await Promise.all([
            readConversation(id),
            // The first question is among the first few messages (a greeting may open the conversation).
            redis.lrange(key.messages(id), 0, 3),
            redis.lindex(key.messages(id), -1),
          ]);
          if (record === undefined) {
            gone.push(id);
            return undefined;
          }
          const firstUserMessage = head
            .map((value) => JSON.parse(value) as StoredMessage)
            .find((message) => message.role === 'user');
          return {
            record,
            firstUserMessage,
            lastMessage: tail === null ? undefined : (JSON.parse(tail) as StoredMessage),
          };
        }),
      );
      if (gone.length === 0) return listings.filter((listing) => listing !== undefined);
      await redis.zrem(key.owner(owner), ...gone);
      return this.listConversations(owner, limit);
    },
    async conversationsUpdatedBetween(from, to) {
      const ids = await redis.zrangebyscore(key.updated, Date.parse(from), `(${Date.parse(to)}`);
      const records = await Promise.all(ids.map((id) => readConversation(id)));
      // A conversation that expired (its retention) leaves its id in the index: drop it there too.
      const gone = ids.filter((_id, index) => records[index] === undefined);
      if (gone.length > 0) await redis.zrem(key.updated, ...gone);
      return records.filter((record) => record !== undefined);
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
    async isLocked(name) {
      return (await redis.exists(key.lock(name))) === 1;
    },
    async renewTurn({ lock, reply, idempotency }) {
      const renewed = await redis.eval(
        renewTurnScript,
        3,
        key.lock(lock.name),
        reply ? key.messages(reply.conversationId) : key.lock(lock.name),
        idempotency ? key.idempotency(idempotency.key) : key.lock(lock.name),
        lock.token,
        String(lock.ttlMs),
        reply?.message.id ?? '',
        reply ? JSON.stringify(reply.message) : '',
        idempotency ? JSON.stringify(idempotency.record) : '',
        String(idempotency?.ttlMs ?? 0),
      );
      return renewed === 1;
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
    createSlots(options) {
      const slotsKey = (name: string) => `${prefix}slots:${options.name}:${name}`;
      return {
        async acquire(name) {
          const at = now();
          const token = crypto.randomUUID();
          const taken = await redis.eval(
            acquireSlotScript,
            1,
            slotsKey(name),
            String(at),
            String(at + options.ttlMs),
            token,
            String(options.limit),
          );
          return taken === 1 ? token : undefined;
        },
        async release(name, token) {
          await redis.zrem(slotsKey(name), token);
        },
      };
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit();
    },
  };
}
