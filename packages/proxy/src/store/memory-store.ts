/* eslint-disable @typescript-eslint/require-await -- the store interface is async for SQLite and Redis;
   memory answers at once, and async methods turn its errors into rejections, like theirs. */
import {
  byUpdatedDescending,
  rateable,
  turnLockName,
  type ChainHandle,
  type ConversationStore,
  type ConversationRecord,
  type IdempotencyRecord,
  type StoredMessage,
} from './conversation-store';
import { createMemoryLimiter } from './limiter';
import { createMemorySlots } from './memory-slots';

export interface MemoryStoreOptions {
  /** The clock for record and lock expiry. @default Date.now */
  readonly now?: () => number;
  /** Conversations idle for longer are deleted by `sweep()`. @default undefined (kept) */
  readonly retentionSeconds?: number;
}

/**
 * A store in this process's memory: for tests and a single short-lived instance. Nothing survives a
 * restart, and nothing is shared between processes.
 *
 * @example
 * const app = createProxy({ ...options, store: createMemoryStore() });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? Date.now;
  const conversations = new Map<string, ConversationRecord>();
  const scopes = new Map<string, string>();
  const messages = new Map<string, StoredMessage[]>();
  const idempotency = new Map<string, { record: IdempotencyRecord; expiresAt: number }>();
  const locks = new Map<string, { token: string; expiresAt: number }>();

  const liveIdempotency = (key: string) => {
    const entry = idempotency.get(key);
    if (entry && entry.expiresAt <= now()) {
      idempotency.delete(key);
      return undefined;
    }
    return entry?.record;
  };

  return {
    kind: 'memory',
    async findConversation(scope) {
      const id = scopes.get(scope);
      return id === undefined ? undefined : conversations.get(id);
    },
    async createConversation(record) {
      const existing = scopes.get(record.scope);
      if (existing !== undefined) return conversations.get(existing)!;
      scopes.set(record.scope, record.id);
      conversations.set(record.id, record);
      return record;
    },
    async setChain(conversationId: string, chain: ChainHandle | undefined, updatedAt: string) {
      const record = conversations.get(conversationId);
      if (record) conversations.set(conversationId, { ...record, chain, updatedAt });
    },
    async appendMessages(conversationId, list) {
      const stored = messages.get(conversationId) ?? [];
      stored.push(...list);
      messages.set(conversationId, stored);
      const record = conversations.get(conversationId);
      const last = list.at(-1);
      if (record && last) conversations.set(conversationId, { ...record, updatedAt: last.createdAt });
    },
    async updateMessage(conversationId, message) {
      const stored = messages.get(conversationId);
      const index = stored?.findIndex((candidate) => candidate.id === message.id) ?? -1;
      if (stored === undefined || index === -1) return false;
      stored[index] = message;
      return true;
    },
    async removeMessage(conversationId, messageId) {
      const stored = messages.get(conversationId);
      if (stored)
        messages.set(
          conversationId,
          stored.filter((message) => message.id !== messageId),
        );
    },
    async listMessages(conversationId, limit) {
      const stored = messages.get(conversationId) ?? [];
      return stored.slice(Math.max(0, stored.length - limit));
    },
    async rateMessage(conversationId, messageId, rating) {
      const stored = messages.get(conversationId);
      const index = stored?.findIndex((candidate) => candidate.id === messageId) ?? -1;
      const message = stored?.[index];
      if (stored === undefined || message === undefined || !rateable(message)) return undefined;
      const { rating: _previous, ...rest } = message;
      const rated: StoredMessage = rating === undefined ? rest : { ...rest, rating };
      stored[index] = rated;
      return rated;
    },
    async listConversations(owner, limit) {
      return [...conversations.values()]
        .filter((record) => record.owner === owner)
        .sort(byUpdatedDescending)
        .slice(0, limit)
        .map((record) => {
          const stored = messages.get(record.id) ?? [];
          return {
            record,
            firstUserMessage: stored.find((message) => message.role === 'user'),
            lastMessage: stored.at(-1),
          };
        });
    },
    async conversationsUpdatedBetween(from, to) {
      return [...conversations.values()]
        .filter((record) => record.updatedAt >= from && record.updatedAt < to)
        .sort(byUpdatedDescending)
        .reverse();
    },
    async claimIdempotency(key, record, ttlMs) {
      const existing = liveIdempotency(key);
      if (existing) return existing;
      idempotency.set(key, { record, expiresAt: now() + ttlMs });
      return undefined;
    },
    async readIdempotency(key) {
      return liveIdempotency(key);
    },
    async finishIdempotency(key, record, ttlMs) {
      idempotency.set(key, { record, expiresAt: now() + ttlMs });
    },
    async replaceIdempotency(key, expected, next, ttlMs) {
      const current = liveIdempotency(key);
      if (current === undefined || JSON.stringify(current) !== JSON.stringify(expected)) return false;
      idempotency.set(key, { record: next, expiresAt: now() + ttlMs });
      return true;
    },
    async releaseIdempotency(key) {
      idempotency.delete(key);
    },
    async tryLock(name, ttlMs) {
      const held = locks.get(name);
      if (held && held.expiresAt > now()) return undefined;
      const token = crypto.randomUUID();
      locks.set(name, { token, expiresAt: now() + ttlMs });
      return token;
    },
    async unlock(name, token) {
      if (locks.get(name)?.token === token) locks.delete(name);
    },
    async isLocked(name) {
      const held = locks.get(name);
      return held !== undefined && held.expiresAt > now();
    },
    async renewTurn({ lock, reply, idempotency: entry }) {
      const held = locks.get(lock.name);
      if (held?.token !== lock.token || held.expiresAt <= now()) return false;
      locks.set(lock.name, { token: lock.token, expiresAt: now() + lock.ttlMs });
      if (reply) {
        const stored = messages.get(reply.conversationId);
        const index = stored?.findIndex((candidate) => candidate.id === reply.message.id) ?? -1;
        if (stored && index !== -1) stored[index] = reply.message;
      }
      if (entry) idempotency.set(entry.key, { record: entry.record, expiresAt: now() + entry.ttlMs });
      return true;
    },
    async sweep() {
      for (const [key, entry] of idempotency) if (entry.expiresAt <= now()) idempotency.delete(key);
      for (const [name, lock] of locks) if (lock.expiresAt <= now()) locks.delete(name);
      for (const [conversationId, stored] of messages) {
        if (locks.has(turnLockName(conversationId))) continue;
        stored.forEach((message, index) => {
          if (message.status === 'streaming') stored[index] = { ...message, status: 'failed' };
        });
      }
      if (options.retentionSeconds === undefined) return 0;
      const cutoff = now() - options.retentionSeconds * 1000;
      let removed = 0;
      for (const [id, record] of conversations) {
        if (Date.parse(record.updatedAt) >= cutoff) continue;
        conversations.delete(id);
        scopes.delete(record.scope);
        messages.delete(id);
        removed++;
      }
      return removed;
    },
    createLimiter: createMemoryLimiter,
    createSlots: (slotOptions) => createMemorySlots(slotOptions, now),
    async ping() {},
    async close() {
      conversations.clear();
      scopes.clear();
      messages.clear();
      idempotency.clear();
      locks.clear();
    },
  };
}
