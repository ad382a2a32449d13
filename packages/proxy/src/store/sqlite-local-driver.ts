import type Libsql from 'libsql';
import type { SqlDriver, SqlResult, SqlStatement } from './sql-driver';

/** A write waiting for the next commit, with the promise to settle once it is stored. */
interface PendingWrite {
  readonly statements: readonly SqlStatement[];
  readonly resolve: (results: SqlResult[]) => void;
  readonly reject: (error: unknown) => void;
}

/** Writes stored per commit at most, so a burst of turns never holds the event loop for long at once. */
const maxWritesPerCommit = 128;

/**
 * The embedded SQLite file through libsql's native binding, with two costs taken off the event loop's
 * per-turn path:
 *
 * - Each SQL text is prepared once and its statement reused (the libsql client prepares on every call,
 *   about two thirds of its time per statement).
 * - Writes are batched: the writes asked for together (by one callback, and by the promise chains it
 *   resolves) are stored in one transaction, in order, as soon as that code has run (a microtask), and each
 *   write's promise resolves once the transaction is committed. When a burst of turns moves on together
 *   (the commit that answers them all resolves their next steps at once), their next writes share one commit
 *   too, in place of one per statement; none waits for the event loop to come round. A batch past
 *   {@link maxWritesPerCommit} goes on after the loop's next turn of I/O. Each write of several statements
 *   runs in its own savepoint, so one that fails is rejected alone.
 *
 * Reads run at once, on committed data. A write takes effect between its call and its resolution, so a
 * caller that awaited a write reads it back; a batch's commit is synchronous from `BEGIN` to `COMMIT`, so
 * the write lock is never held across event-loop turns (other processes, or another store on the same file
 * in this one, wait at most one batch).
 *
 * @example
 * const driver = await openLocalSqlDriver('./data/chat.db');
 * await driver.execute({ sql: 'INSERT INTO locks VALUES (?, ?, ?)', args: ['turn:c1', 't1', 0] });
 */
export async function openLocalSqlDriver(path: string): Promise<SqlDriver> {
  const { default: Database } = await import('libsql');
  const database = new Database(path);
  // WAL with NORMAL sync: a commit does not wait for the disk (only the last commits before a power cut
  // may be lost, which a chat transcript can bear); readers never wait for the writer.
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  // Another process holding the write lock (its own batch) is waited for, not failed.
  database.exec('PRAGMA busy_timeout = 5000');
  return new LocalSqlDriver(database);
}

/** A statement that only reads (the store's reads are all plain `SELECT`s): it runs at once. */
function isRead({ sql }: SqlStatement): boolean {
  return /^\s*SELECT\b/i.test(sql);
}

class LocalSqlDriver implements SqlDriver {
  readonly #database: Libsql.Database;
  /** Each SQL text prepared once, with whether it returns rows (asked of libsql once). */
  readonly #statements = new Map<
    string,
    { readonly statement: Libsql.Statement; readonly reader: boolean }
  >();
  #pending: PendingWrite[] = [];
  #flushScheduled = false;
  #closed = false;

  constructor(database: Libsql.Database) {
    this.#database = database;
  }

  // Async, so that a statement that throws (a read runs at once) rejects like a failed write.
  async execute(statement: SqlStatement): Promise<SqlResult> {
    if (!isRead(statement)) return (await this.#write([statement]))[0]!;
    return this.#run(statement);
  }

  async batch(statements: readonly SqlStatement[]): Promise<SqlResult[]> {
    if (!statements.every(isRead)) return this.#write(statements);
    return statements.map((statement) => this.#run(statement));
  }

  close(): void {
    if (this.#closed) return;
    while (this.#pending.length > 0) this.#flush();
    this.#closed = true;
    this.#database.close();
  }

  #prepared(sql: string): Libsql.Statement {
    return this.#entry(sql).statement;
  }

  #entry(sql: string): { readonly statement: Libsql.Statement; readonly reader: boolean } {
    let entry = this.#statements.get(sql);
    if (entry === undefined) {
      const statement = this.#database.prepare(sql);
      entry = { statement, reader: statement.reader };
      this.#statements.set(sql, entry);
    }
    return entry;
  }

  #run({ sql, args = [] }: SqlStatement): SqlResult {
    // Prepared when first run, never ahead: a statement may name a column an earlier one adds.
    const { statement, reader } = this.#entry(sql);
    if (reader) return { rows: statement.all(args) as Record<string, unknown>[], rowsAffected: 0 };
    return { rows: [], rowsAffected: statement.run(args).changes };
  }

  #write(statements: readonly SqlStatement[]): Promise<SqlResult[]> {
    if (this.#closed) return Promise.reject(new Error('The SQLite store is closed'));
    return new Promise((resolve, reject) => {
      this.#pending.push({ statements, resolve, reject });
      this.#scheduleFlush();
    });
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // Once the code that asked has run on (a microtask): the writes of one callback, and of the promise
    // chains it resolves, share a commit, and none waits for the event loop to come round.
    queueMicrotask(() => this.#flushPending());
  }

  #flushPending(): void {
    this.#flushScheduled = false;
    this.#flush();
    if (this.#pending.length === 0 || this.#flushScheduled) return;
    // More than one commit's worth: the rest after the loop's next turn of I/O.
    this.#flushScheduled = true;
    setImmediate(() => this.#flushPending());
  }

  /** Stores up to {@link maxWritesPerCommit} pending writes in one transaction, then settles them. */
  #flush(): void {
    const writes = this.#pending.splice(0, maxWritesPerCommit);
    if (writes.length === 0) return;
    // One write of one statement commits on its own (SQLite makes each statement atomic).
    const alone = writes.length === 1 && writes[0]!.statements.length === 1;
    const outcomes: (SqlResult[] | { readonly error: unknown })[] = [];
    try {
      if (!alone) this.#control('BEGIN IMMEDIATE');
      for (const write of writes) outcomes.push(this.#apply(write, alone || writes.length === 1));
      if (!alone) this.#control('COMMIT');
    } catch (error) {
      if (this.#database.inTransaction) this.#control('ROLLBACK');
      for (const write of writes) write.reject(error);
      return;
    }
    writes.forEach((write, index) => {
      const outcome = outcomes[index]!;
      if (Array.isArray(outcome)) write.resolve(outcome);
      else write.reject(outcome.error);
    });
  }

  /**
   * Runs one write's statements. Sharing the transaction with other writes, a write of several statements runs
   * in a savepoint, so that if one fails the write is undone and rejected alone; an error that ended the
   * whole transaction is thrown (the batch is lost).
   */
  #apply(write: PendingWrite, ownsTransaction: boolean): SqlResult[] | { readonly error: unknown } {
    const savepoint = !ownsTransaction && write.statements.length > 1;
    if (savepoint) this.#control('SAVEPOINT write');
    try {
      const results = write.statements.map((statement) => this.#run(statement));
      if (savepoint) this.#control('RELEASE write');
      return results;
    } catch (error) {
      if (ownsTransaction || !this.#database.inTransaction) throw error;
      if (savepoint) {
        this.#control('ROLLBACK TO write');
        this.#control('RELEASE write');
      }
      return { error };
    }
  }

  /** A transaction-control statement, prepared once like any other. */
  #control(sql: string): void {
    this.#prepared(sql).run([]);
  }
}
