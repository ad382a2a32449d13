import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it('defaults to 127.0.0.1:8790 with 15 ms per delta', () => {
    expect(parseCliArguments([])).toEqual({
      port: 8790,
      host: '127.0.0.1',
      help: false,
      options: { deltaDelayMs: 15 },
    });
  });

  it('reads every flag, and skips the "--" that pnpm passes through', () => {
    expect(
      parseCliArguments([
        '--',
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--test-mode',
        '--delay',
        '0',
        '--faults',
        'done-marker',
        '--private-key',
        'a',
        '--private-key',
        'b',
        '--public-key',
        'c',
        '--options',
        '{"successStatus":201}',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      help: false,
      options: {
        successStatus: 201,
        deltaDelayMs: 0,
        testMode: true,
        faults: 'done-marker',
        privateKeys: ['a', 'b'],
        publicKeys: ['c'],
      },
    });
  });

  it('rejects a bad port and unknown flags', () => {
    expect(() => parseCliArguments(['--port', '70000'])).toThrow('--port must be 0-65535, got 70000');
    expect(() => parseCliArguments(['--colour'])).toThrow();
  });
});
