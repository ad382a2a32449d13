import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startEmulator, startProxy, type RunningServer } from './support/processes';

const run = promisify(execFile);
let emulator: RunningServer;
let proxy: RunningServer;
const directory = mkdtempSync(path.join(tmpdir(), 'vapi-chat-kit-terminal-'));
const conversation = path.join(directory, 'conversation.json');

beforeAll(async () => {
  emulator = await startEmulator({ delayMs: 1 });
  proxy = await startProxy(emulator);
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** The terminal app as `npm run demo -- --terminal --say …` runs it, against the proxy. */
async function terminalChat(...flags: string[]): Promise<string> {
  const { stdout } = await run(
    path.join(root, 'node_modules/.bin/tsx'),
    [
      '--conditions=@vapi-chat-kit/source',
      'apps/terminal-chat/src/main.ts',
      '--proxy',
      proxy.url,
      '--widget-key',
      'demo-widget-key',
      '--conversation',
      conversation,
      ...flags,
    ],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
  );
  return stdout;
}

describe('the terminal app (core without React)', () => {
  it('keeps its conversation between runs through core persistence, and continues it', async () => {
    const first = await terminalChat('--say', 'My name is Alice');
    expect(first).toContain('you › My name is Alice');
    const saved = JSON.parse(readFileSync(conversation, 'utf8')) as Record<string, string>;
    expect(Object.keys(saved)).toEqual(['vapi-chat-kit:terminal']);

    const second = await terminalChat('--say', "What's my name?");
    expect(second).toContain('Continuing the conversation kept in');
    // The earlier turn is shown again, then the proxy answers from the same conversation.
    expect(second.indexOf('you › My name is Alice')).toBeLessThan(second.indexOf("you › What's my name?"));
    expect(second.slice(second.indexOf("you › What's my name?"))).toContain('Alice');

    const fresh = await terminalChat('--new', '--say', "What's my name?");
    expect(fresh).not.toContain('My name is Alice');
    expect(fresh).not.toContain('Continuing the conversation');
  }, 60_000);
});
