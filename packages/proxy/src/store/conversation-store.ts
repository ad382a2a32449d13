import type { ProxyHistoryMessage } from '@vapi-chat-kit/core';
import type { ProxyStreamErrorCode } from '@vapi-chat-kit/core/protocol';
import type { Limiter, LimiterOptions } from './limiter';

/**
 * How the next turn of a conversation reaches the same context at Vapi: the last chat's id (sent as
 * `previousChatId`) or a Vapi session (sent as `sessionId`).
 */
export type ChainHandle =
  | { readonly kind: 'previous-chat'; readonly chatId: string }
  | { readonly kind: 'session'; readonly sessionId: string };

/**
 * A conversation: one per (widget key, client `sessionId`) for an anonymous visitor, one per (widget key,
 * signed-in visitor, `sessionId`) for a signed-in one; found by its `scope`.
 */
export interface ConversationRecord {
  /** Server-made and unguessable; the history needs it together with the `sessionId`. */
  readonly id: string;
  /** The widget key, the visitor when signed in, and the `sessionId`, joined: who owns the conversation. */
  readonly scope: string;
  /** The signed-in visitor's conversations share it (see `visitorOwner`); absent for an anonymous one. */
  readonly owner?: string | undefined;
  /** The client's `sessionId`, which continues it (kept for the visitor's list). */
  readonly sessionId?: string | undefined;
  readonly chain?: ChainHandle | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A visitor's rating of an assistant reply, as stored (the history returns it). */
export type StoredRating = NonNullable<ProxyHistoryMessage['rating']>;

/** A conversation of a visitor's list, with what its summary needs: its first question and last message. */
export interface ConversationListing {
  readonly record: ConversationRecord;
  readonly firstUserMessage?: StoredMessage | undefined;
  readonly lastMessage?: StoredMessage | undefined;
}

/**
 * A stored message: what the history returns, and `streaming` for a reply being written. A turn writes its
 * reply as it streams (on each heartbeat), so a process that dies mid-reply leaves its text behind; once no
 * turn holds the conversation, a `streaming` reply is a dead one, and the history shows it as `failed`.
 */
export interface StoredMessage extends Omit<ProxyHistoryMessage, 'status'> {
  readonly status: ProxyHistoryMessage['status'] | 'streaming';
}

/**
 * The lock a turn holds on its conversation. The store knows its name so that its sweep can tell a dead
 * turn's `streaming` reply (no live lock) from a live one.
 *
 * @example
 * await store.tryLock(turnLockName(conversation.id), leaseMs);
 */
export function turnLockName(conversationId: string): string {
  return `turn:${conversationId}`;
}

/**
 * What a running turn writes on each heartbeat, atomically and only while it still holds its lock: the
 * lock's new expiry, the reply so far, and its idempotency record with the lease moved on.
 */
export interface TurnHeartbeat {
  readonly lock: { readonly name: string; readonly token: string; readonly ttlMs: number };
  /** The reply so far, once the turn was accepted (its `streaming` message exists). */
  readonly reply?: { readonly conversationId: string; readonly message: StoredMessage } | undefined;
  readonly idempotency?:
    { readonly key: string; readonly record: IdempotencyRecord; readonly ttlMs: number } | undefined;
}

/** Open streams counted for real, per key: each holds a slot until released, or until its lease runs out. */
export interface Slots {
  /** Takes a slot for `key` if fewer than the limit are held: its token, or `undefined` when all are taken. */
  acquire(key: string): Promise<string | undefined>;
  /** Gives the slot back. Releasing it twice, or after its lease ran out, changes nothing. */
  release(key: string, token: string): Promise<void>;
}

/** How many slots per key, and how long one lasts if its holder never gives it back (a crash). */
export interface SlotOptions {
  readonly name: string;
  readonly limit: number;
  readonly ttlMs: number;
}

/**
 * What an `Idempotency-Key` stands for. `pending` while the first attempt runs (its lease bounds how long a
 * retry waits for it), `finished` once its outcome is stored.
 */
export type IdempotencyRecord =
  | {
      readonly state: 'pending';
      /** A hash of the request, so a key reused for another message is refused. */
      readonly fingerprint: string;
      readonly conversationId: string;
      readonly messageId: string;
      /** Epoch ms after which a crashed first attempt is given up on. */
      readonly leaseExpiresAt: number;
    }
  | {
      readonly state: 'finished';
      readonly fingerprint: string;
      readonly conversationId: string;
      readonly messageId: string;
      readonly status: 'done' | 'stopped' | 'failed';
      readonly text: string;
      readonly errorCode?: ProxyStreamErrorCode | undefined;
    };

/**
 * Where the proxy keeps conversations, transcripts, idempotency records, locks and rate-limit counters.
 * Three implementations pass the same test suite: memory, SQLite (libsql) and Redis. Every method is
 * atomic where it says "if", so several proxy instances can share a store.
 */
export interface ConversationStore {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  findConversation(scope: string): Promise<ConversationRecord | undefined>;
  /** Creates the conversation if its scope has none; returns the one stored (the winner of a race). */
  createConversation(record: ConversationRecord): Promise<ConversationRecord>;
  /** Sets how the next turn reaches Vapi's context; `undefined` when nothing is left to chain from. */
  setChain(conversationId: string, chain: ChainHandle | undefined, updatedAt: string): Promise<void>;
  /** Appends messages in order. Messages are written once, finished. */
  appendMessages(conversationId: string, messages: readonly StoredMessage[]): Promise<void>;
  /** Replaces the stored message with the same id (its text and status); whether there was one. */
  updateMessage(conversationId: string, message: StoredMessage): Promise<boolean>;
  /** Removes a message (a reply that a retry of its turn replaces). */
  removeMessage(conversationId: string, messageId: string): Promise<void>;
  /** The newest `limit` messages, oldest first. */
  listMessages(conversationId: string, limit: number): Promise<StoredMessage[]>;
  /**
   * Sets (or with `undefined` removes) the rating of a finished (`done`) assistant message; returns the
   * message as stored now, or `undefined` when the conversation has no such message (a user's, or a reply
   * that is streaming, stopped or failed).
   */
  rateMessage(
    conversationId: string,
    messageId: string,
    rating: StoredRating | undefined,
  ): Promise<StoredMessage | undefined>;
  /** The newest `limit` conversations of an owner (a signed-in visitor), most recently updated first. */
  listConversations(owner: string, limit: number): Promise<ConversationListing[]>;
  /**
   * Every conversation last updated in `[from, to)` (ISO 8601 times), oldest update first: what the CLI's
   * `export` writes. Records only; their messages are read with {@link listMessages}.
   */
  conversationsUpdatedBetween(from: string, to: string): Promise<ConversationRecord[]>;
  /** Stores `record` under `key` if no live record is there; returns `undefined` if claimed, else the existing one. */
  claimIdempotency(
    key: string,
    record: IdempotencyRecord,
    ttlMs: number,
  ): Promise<IdempotencyRecord | undefined>;
  readIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /** Replaces the record (the first attempt's outcome). */
  finishIdempotency(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void>;
  /**
   * Replaces the record under `key` only if it still equals `expected` (compare-and-set), so of two
   * retries racing to re-run a turn, one wins. Returns whether it replaced it.
   */
  replaceIdempotency(
    key: string,
    expected: IdempotencyRecord,
    next: IdempotencyRecord,
    ttlMs: number,
  ): Promise<boolean>;
  /** Forgets the key, so a retry runs again (the upstream refused the turn, nothing was processed). */
  releaseIdempotency(key: string): Promise<void>;
  /** Takes the named lock if it is free or expired; returns a token for {@link unlock}, or `undefined`. */
  tryLock(name: string, ttlMs: number): Promise<string | undefined>;
  /** Frees the lock if `token` still holds it. */
  unlock(name: string, token: string): Promise<void>;
  /** Whether someone holds the named lock (and its lease has not run out). */
  isLocked(name: string): Promise<boolean>;
  /**
   * A running turn's heartbeat (see {@link TurnHeartbeat}), atomic: writes nothing and returns `false` when
   * `lock.token` no longer holds the lock (its lease ran out and another turn took the conversation).
   */
  renewTurn(heartbeat: TurnHeartbeat): Promise<boolean>;
  /**
   * Housekeeping: deletes expired idempotency records and locks, and conversations idle for longer than the
   * store's retention (with their messages); marks `failed` the `streaming` replies no live turn holds (a
   * process died mid-reply). Returns how many conversations went. Redis expires keys by itself (and dead
   * replies are found when read), so there it does nothing. The CLI runs it at start and every hour.
   */
  sweep(): Promise<number>;
  /** A counter-based limiter sharing this store's reach (memory: this process; Redis: every instance). */
  createLimiter(options: LimiterOptions): Limiter;
  /** Slots of open streams, with this store's reach (memory and SQLite: this process; Redis: every instance). */
  createSlots(options: SlotOptions): Slots;
  /** Answers when the store can be used; rejects when it cannot (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Whether a message can be rated: a finished assistant reply (the window offers no other). */
export function rateable(message: StoredMessage): boolean {
  return message.role === 'assistant' && message.status === 'done';
}

/** Orders conversations most recently updated first (ISO 8601 times sort as text), then by id. */
export function byUpdatedDescending(a: ConversationRecord, b: ConversationRecord): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}
