import type { ChatStore } from './chat-store';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
import { createSqliteStore } from './sqlite-store';

/**
 * Opens a store from a `CHAT_STORE_URL`: `memory:`, `file:./data/chat.db` (SQLite), or `redis://…`
 * (`rediss://…`). Throws on any other scheme.
 *
 * @example
 * const store = await openStore(process.env.CHAT_STORE_URL ?? 'file:./data/chat.db');
 */
export async function openStore(url: string): Promise<ChatStore> {
  if (url === 'memory:') return createMemoryStore();
  if (url.startsWith('file:') || url.startsWith('libsql:')) return createSqliteStore({ url });
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return createRedisStore({ url });
  throw new Error('The store URL must start with memory:, file:, libsql:, redis:// or rediss://');
}
