import type { ConversationStore } from './conversation-store';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
import { createSqliteStore } from './sqlite-store';

export interface OpenStoreOptions {
  /** Conversations idle for longer are deleted (SQLite, memory: by `sweep()`; Redis: by TTL). @default kept */
  readonly retentionSeconds?: number | undefined;
}

/**
 * Opens a store from a `CHAT_STORE_URL`: `memory:`, `file:./data/chat.db` (SQLite), or `redis://…`
 * (`rediss://…`). Throws on any other scheme.
 *
 * @example
 * const store = await openStore(process.env.CHAT_STORE_URL ?? 'file:./data/chat.db');
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<ConversationStore> {
  const { retentionSeconds } = options;
  // Typed callers cannot pass nothing, but an unset variable read with `!` can.
  if (typeof url !== 'string' || url === '') {
    throw new Error(
      'openStore needs a store URL (memory:, file:…, libsql://…, redis://… or rediss://…); it got none. Is the variable set?',
    );
  }
  if (url === 'memory:') return createMemoryStore({ retentionSeconds });
  if (url.startsWith('file:') || url.startsWith('libsql:'))
    return createSqliteStore({ url, retentionSeconds });
  if (url.startsWith('redis://') || url.startsWith('rediss://'))
    return createRedisStore({ url, retentionSeconds });
  throw new Error('The store URL must start with memory:, file:, libsql:, redis:// or rediss://');
}
