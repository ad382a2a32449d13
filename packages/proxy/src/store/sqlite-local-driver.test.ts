import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, turnInit } from '../test-support/proxy-harness';
import { SseReader } from '../test-support/sse-events';
import type { SqlDriver } from './sql-driver';
import { openLocalSqlDriver } from './sqlite-local-driver';
import { createSqliteStoreOn } from './sqlite-store';

let directory: string;
let counter = 0;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'proxy-sqlite-driver-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const open = () => openLocalSqlDriver(path.join(directory, `driver-${++counter}.db`));

/** Counts what is asked of a driver: reads and writes (a batch counts once), and statements. */
function counted(driver: SqlDriver) {
  const counts = { reads: 0, writes: 0, statements: 0 };
  const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);
  const wrapped: SqlDriver = {
    execute(statement) {
      counts.statements += 1;
      if (isRead(statement.sql)) counts.reads += 1;
      else counts.writes += 1;
      return driver.execute(statement);
    },
    batch(statements) {
      counts.statements += statements.length;
      if (statements.every((statement) => isRead(statement.sql))) counts.reads += 1;
      else counts.writes += 1;
      return driver.batch(statements);
    },
    close: () => driver.close(),
  };
  return {
    driver: wrapped,
    counts,
    reset: () => Object.assign(counts, { reads: 0, writes: 0, statements: 0 }),
  };
}

describe('the local SQLite driver', () => {
  it('stores the writes asked for together in one commit: each resolves once committed, reads see them then', async () => {
    const driver = await open();
    await driver.execute({ sql: 'CREATE TABLE t (a INTEGER UNIQUE)' });
    const writes = [1, 2, 3].map((a) => driver.execute({ sql: 'INSERT INTO t VALUES (?)', args: [a] }));
    // Not stored yet: a write takes effect when its batch commits, before its promise resolves.
    expect((await driver.execute({ sql: 'SELECT a FROM t' })).rows).toEqual([]);
    expect((await Promise.all(writes)).map((result) => result.rowsAffected)).toEqual([1, 1, 1]);
    expect((await driver.execute({ sql: 'SELECT a FROM t ORDER BY a' })).rows).toEqual([
      { a: 1 },
      { a: 2 },
      { a: 3 },
    ]);
    driver.close();
  });

  it('rejects a failing write alone, and undoes a whole batch that fails part-way', async () => {
    const driver = await open();
    await driver.execute({ sql: 'CREATE TABLE t (a INTEGER UNIQUE)' });
    const [first, duplicate, pair, last] = await Promise.allSettled([
      driver.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] }),
      driver.execute({ sql: 'INSERT INTO t VALUES (?)', args: [1] }),
      driver.batch([
        { sql: 'INSERT INTO t VALUES (?)', args: [2] },
        { sql: 'INSERT INTO t VALUES (?)', args: [1] },
      ]),
      driver.execute({ sql: 'INSERT INTO t VALUES (?)', args: [3] }),
    ]);
    expect([first.status, duplicate.status, pair.status, last.status]).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((await driver.execute({ sql: 'SELECT a FROM t ORDER BY a' })).rows).toEqual([{ a: 1 }, { a: 3 }]);
    driver.close();
  });

  it('commits what is pending when it closes', async () => {
    const file = path.join(directory, `driver-${++counter}.db`);
    const driver = await openLocalSqlDriver(file);
    await driver.execute({ sql: 'CREATE TABLE t (a INTEGER)' });
    const pending = driver.execute({ sql: 'INSERT INTO t VALUES (1)' });
    driver.close();
    await pending;
    const reopened = await openLocalSqlDriver(file);
    expect((await reopened.execute({ sql: 'SELECT a FROM t' })).rows).toEqual([{ a: 1 }]);
    reopened.close();
  });
});

describe('what a turn asks of SQLite', () => {
  it('is the same whatever the number of deltas: a few reads and writes per turn, none per delta', async () => {
    const { driver, counts, reset } = counted(await open());
    const store = await createSqliteStoreOn(driver, {});
    const harness = createHarness({ store });
    const perTurn: (typeof counts)[] = [];
    for (const [session, deltas] of [
      ['short', 3],
      ['long', 40],
    ] as const) {
      reset();
      harness.fault = `stall-after=${deltas}`;
      const stream = new SseReader(
        (
          await harness.app.request(
            '/v1/chat/stream',
            turnInit({ sessionId: session, message: 'Tell me everything' }),
          )
        ).body!,
      );
      await stream.nextEvent();
      for (let delta = 0; delta < deltas; delta++) {
        expect((await stream.nextEvent())?.event).toBe('delta');
      }
      await stream.cancel();
      await expect
        .poll(() => harness.logs.filter((entry) => entry['event'] === 'turn').length)
        .toBe(perTurn.length + 1);
      perTurn.push({ ...counts });
    }
    // A stopped turn: find the conversation (and create it), lock it, read its recent messages, store the
    // question with the empty reply, store the reply's outcome, unlock. Never a statement per delta.
    expect(perTurn).toEqual([
      { reads: 4, writes: 5, statements: 11 },
      { reads: 4, writes: 5, statements: 11 },
    ]);
    await store.close();
  });
});
