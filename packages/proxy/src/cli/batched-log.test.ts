import { describe, expect, it } from 'vitest';
import { batchedJsonLineLog } from './batched-log';

describe('batchedJsonLineLog', () => {
  it('writes the lines logged together in one call per stream, warnings and errors to stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = batchedJsonLineLog(
      (text) => out.push(text),
      (text) => err.push(text),
    );
    log.logger({ level: 'info', event: 'request', status: 200 });
    log.logger({ level: 'info', event: 'turn', outcome: 'done' });
    log.logger({ level: 'warn', event: 'heartbeat-failed' });
    expect(out).toEqual([]);
    await Promise.resolve();
    expect(out).toHaveLength(1);
    const lines = out[0]!.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { time: expect.any(String) as unknown, level: 'info', event: 'request', status: 200 },
      { time: expect.any(String) as unknown, level: 'info', event: 'turn', outcome: 'done' },
    ]);
    expect(err).toHaveLength(1);
    expect(JSON.parse(err[0]!) as Record<string, unknown>).toMatchObject({ event: 'heartbeat-failed' });

    log.logger({ level: 'error', event: 'unhandled' });
    log.flush();
    expect(err).toHaveLength(2);
    log.flush();
    expect([out.length, err.length]).toEqual([1, 2]);
  });
});
