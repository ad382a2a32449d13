import {
  turnLockName,
  type ChainHandle,
  type ConversationStore,
  type ConversationRecord,
  type IdempotencyRecord,
  type StoredMessage,
  type StoredRating,
} from './conversation-store';
import { createMemoryLimiter } from './limiter';
import { createMemorySlots } from './memory-slots';
import type { SqlDriver, SqlStatement, SqlValue } from './sql-driver';
import { openLocalSqlDriver } from './sqlite-local-driver';
import { openRemoteSqlDriver } from './sqlite-remote-driver';

export interface SqliteStoreOptions {
  /** A libsql URL: `file:./data/chat.db`, `:memory:`, or a remote libsql/Turso URL. */
  readonly url: string;
  /** For a remote libsql database. */
  readonly authToken?: string;
  /** The clock for record and lock expiry. @default Date.now */
  readonly now?: () => number;
  /** Conversations idle for longer are deleted by `sweep()`. @default undefined (kept) */
  readonly retentionSeconds?: number;
}

/**
 * Schema migrations, applied in order, each once, recorded in `schema_migrations`. Append only:
 * a released migration is never edited; a change is a new entry.
 */
const migrations: readonly (readonly string[])[] = [
  [
    `CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      scope TEXT NOT NULL UNIQUE,
      chain TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id TEXT NOT NULL REFERENCES conversations(id),
      id TEXT NOT NULL,
      role TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX messages_by_conversation ON messages (conversation_id, seq)`,
    `CREATE TABLE idempotency (key TEXT PRIMARY KEY, record TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
    `CREATE TABLE locks (name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  ],
  // Signed-in visitors: a conversation's owner and sessionId (for the visitor's list), ratings of replies,
  // and the update time indexed (the list, the export).
  [
    `ALTER TABLE conversations ADD COLUMN owner TEXT`,
    `ALTER TABLE conversations ADD COLUMN session_id TEXT`,
    `CREATE INDEX conversations_by_owner ON conversations (owner, updated_at)`,
    `CREATE INDEX conversations_by_update ON conversations (updated_at)`,
    `ALTER TABLE messages ADD COLUMN rating TEXT`,
  ],
];

/**
 * The schema version this code writes; {@link createSqliteStore} migrates an older file up to it.
 *
 * @example
 * SELECT MAX(version) FROM schema_migrations; -- equals sqliteSchemaVersion after start-up
 */
export const sqliteSchemaVersion = migrations.length;

/**
 * A store in SQLite: the embedded default (`file:./data/chat.db`, through libsql's native binding, with
 * its writes batched per event-loop turn), or a remote libsql server (`libsql://…`, through
 * `@libsql/client`). Survives restarts; several processes on one machine may share the file. Rate limits
 * count in each process's memory (use Redis to share them).
 *
 * @example
 * const store = await createSqliteStore({ url: 'file:./data/chat.db' });
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<ConversationStore> {
  const path = localPath(options.url);
  let driver: SqlDriver;
  if (path === undefined) driver = await openRemoteSqlDriver(options.url, options.authToken);
  else {
    await ensureDirectory(path);
    driver = await openLocalSqlDriver(path);
  }
  return createSqliteStoreOn(driver, options);
}

/**
 * The store over an open driver, migrated first (closed if that fails). {@link createSqliteStore} opens the
 * driver from a URL; tests pass one they observe.
 *
 * @example
 * const store = await createSqliteStoreOn(await openLocalSqlDriver(':memory:'), {});
 */
export async function createSqliteStoreOn(
  driver: SqlDriver,
  options: Pick<SqliteStoreOptions, 'now' | 'retentionSeconds'>,
): Promise<ConversationStore> {
  try {
    await migrate(driver);
  } catch (error) {
    driver.close();
    throw error;
  }
  return sqliteStore(driver, options.now ?? Date.now, options.retentionSeconds);
}

/**
 * The file of a `file:` URL (`file:./data/chat.db`, `file:/abs/chat.db`, `file:///abs/chat.db`), or
 * `:memory:`; `undefined` for a remote database.
 */
function localPath(url: string): string | undefined {
  if (url === ':memory:') return url;
  if (!url.startsWith('file:')) return undefined;
  let path = url.slice('file:'.length);
  const query = path.search(/[?#]/);
  if (query !== -1) {
    throw new Error(`A file: store URL takes no query or fragment (${url.slice('file:'.length + query)})`);
  }
  if (path.startsWith('//')) {
    const slash = path.indexOf('/', 2);
    const host = path.slice(2, slash === -1 ? undefined : slash);
    if (host !== '' && host !== 'localhost') throw new Error(`A file: store URL names no host (${host})`);
    path = slash === -1 ? '' : path.slice(slash);
  }
  return decodeURIComponent(path);
}

async function ensureDirectory(path: string): Promise<void> {
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return;
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.slice(0, slash), { recursive: true });
}

async function migrate(driver: SqlDriver): Promise<void> {
  await driver.execute({
    sql: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  });
  const applied = async (version: number) =>
    (await driver.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE version = ?', args: [version] })).rows
      .length > 0;
  for (let version = 1; version <= migrations.length; version++) {
    if (await applied(version)) continue;
    try {
      // All or nothing, its version row first: of two processes starting on one file at once, the second
      // fails on that row (the first applied the migration) and changes nothing.
      await driver.batch([
        {
          sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
          args: [version, new Date().toISOString()],
        },
        ...(migrations[version - 1] ?? []).map((sql) => ({ sql })),
      ]);
    } catch (error) {
      if (!(await applied(version))) throw error;
    }
  }
}

/** A column value as text (SQLite columns here are TEXT; anything else is a corrupt row). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'bigint' ? value.toString() : '';
}

/** A `messages` row as a stored message (its rating, a JSON column, when it has one). */
function readMessage(row: Record<string, unknown>): StoredMessage {
  const rating = row['rating'];
  return {
    id: asText(row['id']),
    role: asText(row['role']) as StoredMessage['role'],
    text: asText(row['text']),
    status: asText(row['status']) as StoredMessage['status'],
    createdAt: asText(row['created_at']),
    ...(typeof rating === 'string' ? { rating: JSON.parse(rating) as StoredRating } : {}),
  };
}

function sqliteStore(
  driver: SqlDriver,
  now: () => number,
  retentionSeconds: number | undefined,
): ConversationStore {
  const run = (sql: string, args: readonly SqlValue[] = []) => driver.execute({ sql, args });

  const readConversation = (row: Record<string, unknown> | undefined): ConversationRecord | undefined => {
    if (!row) return undefined;
    const chain = row['chain'];
    return {
      id: asText(row['id']),
      scope: asText(row['scope']),
      ...(typeof row['owner'] === 'string' ? { owner: row['owner'] } : {}),
      ...(typeof row['session_id'] === 'string' ? { sessionId: row['session_id'] } : {}),
      chain: typeof chain === 'string' ? (JSON.parse(chain) as ChainHandle) : undefined,
      createdAt: asText(row['created_at']),
      updatedAt: asText(row['updated_at']),
    };
  };

  const liveIdempotency = async (key: string): Promise<IdempotencyRecord | undefined> => {
    const result = await run('SELECT record FROM idempotency WHERE key = ? AND expires_at > ?', [key, now()]);
    const record = result.rows[0]?.['record'];
    return typeof record === 'string' ? (JSON.parse(record) as IdempotencyRecord) : undefined;
  };

  return {
    kind: 'sqlite',
    async findConversation(scope) {
      const result = await run('SELECT * FROM conversations WHERE scope = ?', [scope]);
      return readConversation(result.rows[0]);
    },
    async createConversation(record) {
      await run(
        'INSERT INTO conversations (id, scope, owner, session_id, chain, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope) DO NOTHING',
        [
          record.id,
          record.scope,
          record.owner ?? null,
          record.sessionId ?? null,
          record.chain ? JSON.stringify(record.chain) : null,
          record.createdAt,
          record.updatedAt,
        ],
      );
      const result = await run('SELECT * FROM conversations WHERE scope = ?', [record.scope]);
      return readConversation(result.rows[0]) ?? record;
    },
    async setChain(conversationId, chain, updatedAt) {
      await run('UPDATE conversations SET chain = ?, updated_at = ? WHERE id = ?', [
        chain === undefined ? null : JSON.stringify(chain),
        updatedAt,
        conversationId,
      ]);
    },
    async appendMessages(conversationId, list) {
      const last = list.at(-1);
      if (!last) return;
      await driver.batch([
        ...list.map((message) => ({
          sql: 'INSERT INTO messages (conversation_id, id, role, text, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          args: [conversationId, message.id, message.role, message.text, message.status, message.createdAt],
        })),
        {
          sql: 'UPDATE conversations SET updated_at = ? WHERE id = ?',
          args: [last.createdAt, conversationId],
        },
      ]);
    },
    async updateMessage(conversationId, message) {
      const result = await run(
        'UPDATE messages SET text = ?, status = ? WHERE conversation_id = ? AND id = ?',
        [message.text, message.status, conversationId, message.id],
      );
      return result.rowsAffected > 0;
    },
    async removeMessage(conversationId, messageId) {
      await run('DELETE FROM messages WHERE conversation_id = ? AND id = ?', [conversationId, messageId]);
    },
    async listMessages(conversationId, limit) {
      const result = await run(
        'SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq ASC',
        [conversationId, limit],
      );
      return result.rows.map(readMessage);
    },
    async rateMessage(conversationId, messageId, rating) {
      const updated = await run(
        `UPDATE messages SET rating = ? WHERE conversation_id = ? AND id = ? AND role = 'assistant' AND status = 'done'`,
        [rating === undefined ? null : JSON.stringify(rating), conversationId, messageId],
      );
      if (updated.rowsAffected === 0) return undefined;
      const result = await run('SELECT * FROM messages WHERE conversation_id = ? AND id = ?', [
        conversationId,
        messageId,
      ]);
      return result.rows[0] ? readMessage(result.rows[0]) : undefined;
    },
    async listConversations(owner, limit) {
      const result = await run(
        'SELECT * FROM conversations WHERE owner = ? ORDER BY updated_at DESC, id DESC LIMIT ?',
        [owner, limit],
      );
      const records = result.rows.flatMap((row) => readConversation(row) ?? []);
      if (records.length === 0) return [];
      // Each conversation's first question and last message, in one round trip.
      const ends = await driver.batch(
        records.flatMap((record) => [
          {
            sql: "SELECT * FROM messages WHERE conversation_id = ? AND role = 'user' ORDER BY seq ASC LIMIT 1",
            args: [record.id],
          },
          {
            sql: 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1',
            args: [record.id],
          },
        ]),
      );
      return records.map((record, index) => {
        const first = ends[index * 2]?.rows[0];
        const last = ends[index * 2 + 1]?.rows[0];
        return {
          record,
          firstUserMessage: first ? readMessage(first) : undefined,
          lastMessage: last ? readMessage(last) : undefined,
        };
      });
    },
    async conversationsUpdatedBetween(from, to) {
      const result = await run(
        'SELECT * FROM conversations WHERE updated_at >= ? AND updated_at < ? ORDER BY updated_at ASC, id ASC',
        [from, to],
      );
      return result.rows.flatMap((row) => readConversation(row) ?? []);
    },
    async claimIdempotency(key, record, ttlMs) {
      const at = now();
      // Inserts, or takes over an expired record; a live one is left alone (rowsAffected 0).
      const result = await run(
        `INSERT INTO idempotency (key, record, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at
         WHERE idempotency.expires_at <= ?`,
        [key, JSON.stringify(record), at + ttlMs, at],
      );
      if (result.rowsAffected === 1) return undefined;
      return (await liveIdempotency(key)) ?? record;
    },
    readIdempotency: liveIdempotency,
    async finishIdempotency(key, record, ttlMs) {
      await run(
        'INSERT INTO idempotency (key, record, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at',
        [key, JSON.stringify(record), now() + ttlMs],
      );
    },
    async replaceIdempotency(key, expected, next, ttlMs) {
      // Records are written by JSON.stringify and read back by JSON.parse, so equal records have equal text.
      const result = await run(
        'UPDATE idempotency SET record = ?, expires_at = ? WHERE key = ? AND record = ? AND expires_at > ?',
        [JSON.stringify(next), now() + ttlMs, key, JSON.stringify(expected), now()],
      );
      return result.rowsAffected === 1;
    },
    async releaseIdempotency(key) {
      await run('DELETE FROM idempotency WHERE key = ?', [key]);
    },
    async tryLock(name, ttlMs) {
      const at = now();
      const token = crypto.randomUUID();
      const result = await run(
        `INSERT INTO locks (name, token, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
         WHERE locks.expires_at <= ?`,
        [name, token, at + ttlMs, at],
      );
      return result.rowsAffected === 1 ? token : undefined;
    },
    async unlock(name, token) {
      await run('DELETE FROM locks WHERE name = ? AND token = ?', [name, token]);
    },
    async isLocked(name) {
      const result = await run('SELECT 1 FROM locks WHERE name = ? AND expires_at > ?', [name, now()]);
      return result.rows.length > 0;
    },
    async renewTurn({ lock, reply, idempotency }) {
      const at = now();
      // One transaction: the lock first; every other write only while the token still holds it.
      const held = 'EXISTS (SELECT 1 FROM locks WHERE name = ? AND token = ?)';
      const statements: SqlStatement[] = [
        {
          sql: 'UPDATE locks SET expires_at = ? WHERE name = ? AND token = ? AND expires_at > ?',
          args: [at + lock.ttlMs, lock.name, lock.token, at],
        },
      ];
      if (reply) {
        statements.push({
          sql: `UPDATE messages SET text = ?, status = ? WHERE conversation_id = ? AND id = ? AND ${held}`,
          args: [
            reply.message.text,
            reply.message.status,
            reply.conversationId,
            reply.message.id,
            lock.name,
            lock.token,
          ],
        });
      }
      if (idempotency) {
        statements.push({
          sql: `INSERT INTO idempotency (key, record, expires_at) SELECT ?, ?, ? WHERE ${held}
                ON CONFLICT (key) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at`,
          args: [
            idempotency.key,
            JSON.stringify(idempotency.record),
            at + idempotency.ttlMs,
            lock.name,
            lock.token,
          ],
        });
      }
      const results = await driver.batch(statements);
      return (results[0]?.rowsAffected ?? 0) === 1;
    },
    async sweep() {
      const at = now();
      const statements: SqlStatement[] = [
        { sql: 'DELETE FROM idempotency WHERE expires_at <= ?', args: [at] },
        { sql: 'DELETE FROM locks WHERE expires_at <= ?', args: [at] },
        {
          // A reply left `streaming` by a process that died: no live turn lock holds its conversation.
          sql: `UPDATE messages SET status = 'failed' WHERE status = 'streaming' AND NOT EXISTS
                (SELECT 1 FROM locks WHERE locks.name = ? || messages.conversation_id AND locks.expires_at > ?)`,
          args: [turnLockName(''), at],
        },
      ];
      if (retentionSeconds !== undefined) {
        const cutoff = new Date(at - retentionSeconds * 1000).toISOString();
        statements.push(
          {
            sql: 'DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE updated_at < ?)',
            args: [cutoff],
          },
          { sql: 'DELETE FROM conversations WHERE updated_at < ?', args: [cutoff] },
        );
      }
      const results = await driver.batch(statements);
      return retentionSeconds === undefined ? 0 : (results.at(-1)?.rowsAffected ?? 0);
    },
    createLimiter: createMemoryLimiter,
    createSlots: (slotOptions) => createMemorySlots(slotOptions, now),
    async ping() {
      await run('SELECT 1');
    },
    close() {
      driver.close();
      return Promise.resolve();
    },
  };
}
