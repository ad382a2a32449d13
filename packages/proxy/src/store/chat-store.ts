import type { ProxyHistoryMessage, ProxyStreamErrorCode } from '@vapi-chat-kit/core';
import type { Limiter, LimiterOptions } from './limiter';

/**
 * How the next turn of a conversation reaches the same context at Vapi: the last chat's id (sent as
 * `previousChatId`) or a Vapi session (sent as `sessionId`).
 */
export type ChainHandle =
  | { readonly kind: 'previous-chat'; readonly chatId: string }
  | { readonly kind: 'session'; readonly sessionId: string };

/** A conversation: one per (widget key, client `sessionId`), found by its `scope`. */
export interface ConversationRecord {
  /** Server-made and unguessable; the history needs it together with the `sessionId`. */
  readonly id: string;
  /** `<widget key id>␟<sessionId>`: who owns the conversation. */
  readonly scope: string;
  readonly chain?: ChainHandle | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A stored message is exactly what the history returns. */
export type StoredMessage = ProxyHistoryMessage;

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
export interface ChatStore {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  findConversation(scope: string): Promise<ConversationRecord | undefined>;
  /** Creates the conversation if its scope has none; returns the one stored (the winner of a race). */
  createConversation(record: ConversationRecord): Promise<ConversationRecord>;
  /** Sets how the next turn reaches Vapi's context; `undefined` when nothing is left to chain from. */
  setChain(conversationId: string, chain: ChainHandle | undefined, updatedAt: string): Promise<void>;
  /** Appends messages in order. Messages are written once, finished. */
  appendMessages(conversationId: string, messages: readonly StoredMessage[]): Promise<void>;
  /** Removes a message (a reply that a retry of its turn replaces). */
  removeMessage(conversationId: string, messageId: string): Promise<void>;
  /** The newest `limit` messages, oldest first. */
  listMessages(conversationId: string, limit: number): Promise<StoredMessage[]>;
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
  /**
   * Housekeeping: deletes expired idempotency records and locks, and conversations idle for longer than the
   * store's retention (with their messages). Returns how many conversations went. Redis expires keys by
   * itself, so there it does nothing. The CLI runs it at start and every hour.
   */
  sweep(): Promise<number>;
  /** A counter-based limiter sharing this store's reach (memory: this process; Redis: every instance). */
  createLimiter(options: LimiterOptions): Limiter;
  close(): Promise<void>;
}
