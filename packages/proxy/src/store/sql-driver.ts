/** A value SQLite binds: text, a number, or NULL. */
export type SqlValue = string | number | bigint | null;

/** One statement and its positional arguments. */
export interface SqlStatement {
  readonly sql: string;
  readonly args?: readonly SqlValue[];
}

/** What a statement returned: its rows (by column name) and, for a write, how many rows it changed. */
export interface SqlResult {
  readonly rows: readonly Record<string, unknown>[];
  readonly rowsAffected: number;
}

/**
 * How the SQLite store reaches its database: the embedded file (`openLocalSqlDriver`) or a remote libsql
 * server (`openRemoteSqlDriver`). The store's SQL is the same over both.
 */
export interface SqlDriver {
  /** Runs one statement. A write's promise resolves once it is committed. */
  execute(statement: SqlStatement): Promise<SqlResult>;
  /** Runs statements in order, all or nothing; one result each. */
  batch(statements: readonly SqlStatement[]): Promise<SqlResult[]>;
  /** Commits what is pending and closes the database. */
  close(): void;
}
