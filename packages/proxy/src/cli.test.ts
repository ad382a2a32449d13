import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseCliConfig } from './cli/cli-config';
import { startProxyServer } from './cli';
import { createSqliteStore } from './store/sqlite-store';
import { eventsOf, SseReader } from './test-support/sse-events';

const packageDirectory = path.resolve(import.meta.dirname, '..');
const tsx = path.resolve(packageDirectory, '../../node_modules/.bin/tsx');

function cliEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of [
    'VAPI_API_KEY',
    'VAPI_ASSISTANT_ID',
    'VAPI_BASE_URL',
    'CHAT_STORE_URL',
    'WIDGET_KEYS',
    'PORT',
    'HOST',
    'VISITOR_SECRET',
    'VISITOR_VARIABLES',
    'VISITORS_REQUIRED',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

describe('startProxyServer', { timeout: 15_000 }, () => {
  it('serves the demo with zero configuration: emulator upstream and the demo key from localhost', async () => {
    const result = parseCliConfig(['--port', '0', '--store', 'memory:'], {});
    if (!result.ok || !('config' in result)) throw new Error('config refused');
    const server = await startProxyServer(result.config, () => undefined);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.notes).toEqual([
        'Upstream: the Vapi emulator, in this process (VAPI_API_KEY is not set; set it to use Vapi)',
        'Widget key: demo-widget-key (demo; origins http://localhost:* http://127.0.0.1:* http://[::1]:*)',
        'Store: memory:',
        'Visitors: demo tokens at /demo/visitor-token?visitor=alice (emulator only)',
      ]);
      const response = await fetch(`${server.url}/v1/chat/stream`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'demo-widget-key',
          origin: 'http://localhost:5173',
        },
        body: JSON.stringify({ sessionId: 'demo-1', message: 'My name is Alice' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const events = eventsOf(await response.text());
      expect(events[0]![0]).toBe('start');
      expect(events.at(-1)).toEqual([
        'done',
        {
          conversationId: events[0]![1]['conversationId'],
          message: expect.stringContaining('Nice to meet you, Alice!') as unknown,
        },
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('signed-in visitors on the demo', { timeout: 30_000 }, () => {
  const demoHeaders = {
    'content-type': 'application/json',
    'x-api-key': 'demo-widget-key',
    origin: 'http://localhost:5173',
  };

  async function signIn(url: string): Promise<string> {
    const response = await fetch(`${url}/demo/visitor-token?visitor=alice`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; visitor: { name: string; plan: string } };
    expect(body.visitor).toMatchObject({ visitorId: 'demo-alice', name: 'Alice', plan: 'Team' });
    return body.token;
  }

  it('signs demo tokens on the emulator, and the assistant greets Alice by name and plan', async () => {
    const result = parseCliConfig(['--port', '0', '--store', 'memory:'], {});
    if (!result.ok || !('config' in result)) throw new Error('config refused');
    const server = await startProxyServer(result.config, () => undefined);
    try {
      const token = await signIn(server.url);
      const response = await fetch(`${server.url}/v1/chat`, {
        method: 'POST',
        headers: { ...demoHeaders, 'x-visitor-token': token },
        body: JSON.stringify({ sessionId: 'alice-1', message: 'Hello' }),
      });
      expect(await response.json()).toMatchObject({
        message: "Hi Alice! I see you're on the Team plan. How can I help you with TechFlow today?",
      });
      expect((await fetch(`${server.url}/demo/visitor-token?visitor=mallory`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('has no demo tokens with a real Vapi key', () => {
    const result = parseCliConfig(['--port', '0'], {
      VAPI_API_KEY: 'sk-private',
      VAPI_ASSISTANT_ID: 'asst',
      WIDGET_KEYS: 'wk_site_key=https://a.example',
    });
    if (!result.ok || !('config' in result)) throw new Error('config refused');
    expect(result.config.demoVisitors).toBe(false);
    expect(result.config.widgetKeys[0]?.visitors).toBeUndefined();
  });

  it('exports a conversation with its rating as a JSON line (vapi-chat-proxy export)', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'proxy-export-'));
    const storeUrl = `file:${path.join(directory, 'chat.db')}`;
    try {
      const result = parseCliConfig(['--port', '0', '--store', storeUrl], {});
      if (!result.ok || !('config' in result)) throw new Error('config refused');
      const server = await startProxyServer(result.config, () => undefined);
      const token = await signIn(server.url);
      const headers = { ...demoHeaders, 'x-visitor-token': token };
      const turn = await fetch(`${server.url}/v1/chat`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sessionId: 'alice-1', message: 'Where is my invoice?' }),
      });
      const { conversationId } = (await turn.json()) as { conversationId: string };
      const query = new URLSearchParams({ sessionId: 'alice-1', conversationId }).toString();
      const read = await fetch(`${server.url}/v1/chat/history?${query}`, { headers });
      const { messages } = (await read.json()) as { messages: { id: string; role: string }[] };
      const reply = messages.find((message) => message.role === 'assistant')!;
      const rated = await fetch(`${server.url}/v1/chat/rating`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          sessionId: 'alice-1',
          conversationId,
          messageId: reply.id,
          value: 'up',
          comment: 'Clear',
        }),
      });
      expect(rated.status).toBe(200);
      await server.close();

      const child = spawn(
        tsx,
        [
          '--conditions=@vapi-chat-kit/source',
          'src/cli.ts',
          'export',
          '--from',
          '2000-01-01',
          '--store',
          storeUrl,
        ],
        { cwd: packageDirectory, env: cliEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      expect(stderr).toMatch(/^Exported 1 conversation \(2000-01-01T00:00:00\.000Z to /);
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([
        {
          conversationId,
          widgetKeyId: 'demo-widget-key',
          visitorId: 'demo-alice',
          sessionId: 'alice-1',
          createdAt: expect.any(String) as string,
          updatedAt: expect.any(String) as string,
          ratings: { up: 1, down: 0 },
          messages: [
            expect.objectContaining({ role: 'user', text: 'Where is my invoice?' }),
            expect.objectContaining({
              id: reply.id,
              role: 'assistant',
              text: expect.stringMatching(/^You are on the \*\*Team\*\* plan\./) as string,
              rating: { value: 'up', comment: 'Clear', ratedAt: expect.any(String) as string },
            }),
          ],
        },
      ]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('shutdown', { timeout: 15_000 }, () => {
  it('stores a reply cut by shutdown as stopped before closing the store', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'proxy-cli-'));
    const url = `file:${path.join(directory, 'chat.db')}`;
    try {
      const result = parseCliConfig(['--port', '0', '--store', url], {});
      if (!result.ok || !('config' in result)) throw new Error('config refused');
      const server = await startProxyServer(result.config, () => undefined);
      const response = await fetch(`${server.url}/v1/chat/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'demo-widget-key' },
        body: JSON.stringify({ sessionId: 'demo-1', message: 'Show me everything' }),
      });
      const reader = new SseReader(response.body!);
      expect(await reader.nextEvent()).toMatchObject({ event: 'start' });
      expect(await reader.nextEvent()).toMatchObject({ event: 'delta' });
      await server.close(0);

      const store = await createSqliteStore({ url });
      const conversation = await store.findConversation('demo-widget-key|demo-1');
      const messages = await store.listMessages(conversation!.id, 10);
      expect(messages.map((message) => `${message.role}:${message.status}`)).toEqual([
        'user:done',
        'assistant:stopped',
      ]);
      expect(messages[1]!.text.length).toBeGreaterThan(0);
      await store.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

// Each case starts a real process through tsx: seconds on a busy machine.
describe('vapi-chat-proxy', { timeout: 30_000 }, () => {
  it('prints "Listening on http://HOST:PORT" first, then says the emulator is the upstream', async () => {
    const child = spawn(
      tsx,
      [
        '--conditions=@vapi-chat-kit/source',
        'src/cli.ts',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--store',
        'memory:',
      ],
      {
        cwd: packageDirectory,
        env: cliEnvironment({}),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    for await (const line of reader) {
      lines.push(line);
      if (lines.length === 4) break;
    }
    child.kill('SIGTERM');
    await exited;
    expect(lines[0]).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe(
      'Upstream: the Vapi emulator, in this process (VAPI_API_KEY is not set; set it to use Vapi)',
    );
    expect(lines[2]).toContain('Widget key: demo-widget-key');
    expect(lines[3]).toBe('Store: memory:');
  });

  it('refuses to start on a bad setting, naming it, with exit code 2', async () => {
    const child = spawn(tsx, ['--conditions=@vapi-chat-kit/source', 'src/cli.ts'], {
      cwd: packageDirectory,
      env: cliEnvironment({ VAPI_API_KEY: 'sk-test-private', WIDGET_KEYS: 'wk_site_key=https://a.example' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('Configuration error: VAPI_ASSISTANT_ID is required when VAPI_API_KEY is set');
  });
});
