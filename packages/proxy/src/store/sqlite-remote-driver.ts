import type { InArgs } from '@libsql/client';
import type { SqlDriver, SqlResult, SqlStatement } from './sql-driver';

/**
 * A remote libsql server (`libsql://…`, Turso) through `@libsql/client`: each call is a request to it, so
 * nothing waits on the event loop here.
 *
 * @example
 * const driver = await openRemoteSqlDriver('libsql://chat.example.turso.io', process.env.TURSO_TOKEN);
 */
export async function openRemoteSqlDriver(url: string, authToken?: string): Promise<SqlDriver> {
  const { createClient } = await import('@libsql/client');
  const client = createClient({ url, ...(authToken ? { authToken } : {}) });
  const toResult = (result: { rows: unknown[]; rowsAffected: number }): SqlResult => ({
    rows: result.rows as Record<string, unknown>[],
    rowsAffected: result.rowsAffected,
  });
  const toClient = ({ sql, args = [] }: SqlStatement) => ({ sql, args: args as InArgs });
  return {
    async execute(statement) {
      return toResult(await client.execute(toClient(statement)));
    },
    async batch(statements) {
      const mode = statements.every(({ sql }) => /^\s*SELECT\b/i.test(sql)) ? 'read' : 'write';
      return (await client.batch(statements.map(toClient), mode)).map(toResult);
    },
    close() {
      client.close();
    },
  };
}
