import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually';
import { startRedisServer, type RedisServer } from '../test-support/redis-server';
import { SseReader } from '../test-support/sse-events';

// The proxy as users run it (the CLI, a real process, the in-process emulator as its Vapi), killed with
// SIGKILL in the middle of a reply: nothing it held in memory survives, only the store.

const packageDirectory = path.resolve(import.meta.dirname, '../..');
const widgetHeaders = { 'content-type': 'application/json', 'x-api-key': 'demo-widget-key' };

interface ProxyProcess {
  readonly url: string;
  readonly logs: Record<string, unknown>[];
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the CLI as its own Node process (no wrapper, so a SIGKILL reaches the server itself). */
async function startProxy(args: readonly string[]): Promise<ProxyProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['VAPI_API_KEY', 'VAPI_ASSISTANT_ID', 'CHAT_STORE_URL', 'WIDGET_KEYS', 'PORT', 'HOST']) {
    delete env[name];
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@vapi-chat-kit/source',
      'src/cli.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--turn-lease-seconds',
      '2',
      // The test polls the history while the dead turn's lease runs out: no rate limit in the way.
      '--rate-limit',
      '100000',
      ...args,
    ],
    { cwd: packageDirectory, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logs: Record<string, unknown>[] = [];
  const collect = (line: string) => {
    if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
  };
  createInterface({ input: child.stderr! }).on('line', collect);
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const listening = /^Listening on (http:\/\/\S+)$/.exec(line);
      if (listening) resolve(listening[1]!);
      else collect(line);
    });
    child.once('exit', (code) => reject(new Error(`the proxy exited with ${code}`)));
  });
  return {
    url,
    logs,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function say(proxy: ProxyProcess, message: string, idempotencyKey?: string) {
  const response = await fetch(`${proxy.url}/v1/chat`, {
    method: 'POST',
    headers: { ...widgetHeaders, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify({ sessionId: 'visitor-1', message }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function history(proxy: ProxyProcess, conversationId: string) {
  const query = new URLSearchParams({ sessionId: 'visitor-1', conversationId });
  const response = await fetch(`${proxy.url}/v1/chat/history?${query.toString()}`, {
    headers: widgetHeaders,
  });
  return ((await response.json()) as { messages: { role: string; text: string; status: string }[] }).messages;
}

/** Opens a long reply and reads it for a while (past a heartbeat), then kills the proxy mid-stream. */
async function killMidReply(proxy: ProxyProcess) {
  const response = await fetch(`${proxy.url}/v1/chat/stream`, {
    method: 'POST',
    headers: { ...widgetHeaders, 'idempotency-key': 'turn-2' },
    body: JSON.stringify({ sessionId: 'visitor-1', message: 'Show me everything' }),
  });
  const reader = new SseReader(response.body!);
  const start = (await reader.nextEvent())!;
  let shown = '';
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    const event = await reader.nextEvent();
    if (event?.event !== 'delta') throw new Error(`the reply ended before the kill: ${event?.event}`);
    shown += event.data['text'] as string;
  }
  await proxy.kill();
  await reader.cancel().catch(() => undefined);
  return { messageId: start.data['messageId'] as string, shown };
}

/** What every scenario shows on the instance that carries on after the kill. */
async function expectRecovery(
  survivor: ProxyProcess,
  conversationId: string,
  cut: { messageId: string; shown: string },
) {
  // The cut reply is in the history as failed, with the text it had stored (a heartbeat's worth at most
  // behind what the browser saw), once the dead turn's lease has run out.
  const failed = await eventually(async () => {
    const messages = await history(survivor, conversationId);
    expect(messages.map((message) => `${message.role}:${message.status}`)).toEqual([
      'user:done',
      'assistant:done',
      'user:done',
      'assistant:failed',
    ]);
    return messages[3]!;
  });
  expect(failed.text.length).toBeGreaterThan(0);
  expect(cut.shown.startsWith(failed.text)).toBe(true);

  // Retry of the cut turn, three racing: it runs exactly once, and every retry gets that reply.
  const retries = await Promise.all([1, 2, 3].map(() => say(survivor, 'Show me everything', 'turn-2')));
  expect(retries.map((retry) => retry.status)).toEqual([200, 200, 200]);
  expect(new Set(retries.map((retry) => retry.body['message'])).size).toBe(1);
  const runs = survivor.logs.filter(
    (entry) => entry['event'] === 'turn' && entry['messageId'] === cut.messageId,
  );
  expect(runs.map((entry) => entry['outcome'])).toEqual(['done']);

  // The next turn answers, with the conversation's context: the emulator Vapi ran in died with its process,
  // so the chain is rebuilt from the stored transcript.
  const next = await say(survivor, "What's my name?");
  expect(next.status).toBe(200);
  expect(next.body['message']).toContain('Your name is Alice');
  expect(survivor.logs.some((entry) => entry['event'] === 'chain-replaced')).toBe(true);
  expect((await history(survivor, conversationId)).map((message) => message.status)).toEqual([
    'done',
    'done',
    'done',
    'done',
    'done',
    'done',
  ]);
}

describe('a proxy killed mid-reply', { timeout: 60_000 }, () => {
  let directory: string;
  let redis: RedisServer & { readonly port: number };
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'proxy-faults-'));
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('SQLite: restarted on the same file, it fails the cut reply, retries it once, and keeps the context', async () => {
    const store = ['--store', `file:${path.join(directory, 'chat.db')}`];
    const first = await startProxy(store);
    const opening = await say(first, 'My name is Alice');
    const conversationId = opening.body['conversationId'] as string;
    const cut = await killMidReply(first);

    const restarted = await startProxy(store);
    try {
      await expectRecovery(restarted, conversationId, cut);
    } finally {
      await restarted.stop();
    }
  });

  it('Redis: a second instance takes over, then the first comes back; readiness follows Redis', async () => {
    const store = ['--store', redis.url];
    const first = await startProxy(store);
    const second = await startProxy(store);
    let restarted: ProxyProcess | undefined;
    try {
      const opening = await say(first, 'My name is Alice');
      const conversationId = opening.body['conversationId'] as string;
      const cut = await killMidReply(first);
      await expectRecovery(second, conversationId, cut);

      restarted = await startProxy(store);
      const again = await say(restarted, 'Who am I?');
      expect(again.body['message']).toContain('Your name is Alice');

      // Readiness: an instance whose Redis is down leaves the pool, and comes back with it.
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      await redis.stop();
      await eventually(async () => expect((await fetch(`${second.url}/healthz`)).status).toBe(503));
      expect((await fetch(`${second.url}/livez`)).status).toBe(200);
      redis = await startRedisServer(redis.port);
      await eventually(async () => expect((await fetch(`${second.url}/healthz`)).status).toBe(200));
    } finally {
      await second.stop();
      await restarted?.stop();
    }
  });
});

describe('slow clients', { timeout: 30_000 }, () => {
  /** Sends raw bytes and returns what the server answers before it closes the connection. */
  function rawRequest(url: string, bytes: string): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(bytes));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('a body or headers that do not arrive in time get the proxy’s 408, in the JSON error shape', async () => {
    const proxy = await startProxy(['--store', 'memory:', '--body-timeout-seconds', '1']);
    try {
      const slowBody = await rawRequest(
        proxy.url,
        'POST /v1/chat HTTP/1.1\r\nHost: proxy\r\nContent-Type: application/json\r\nX-Api-Key: demo-widget-key\r\n' +
          'Content-Length: 200\r\n\r\n{"sessionId":"s1",',
      );
      expect(slowBody).toMatch(/^HTTP\/1\.1 408 /);
      expect(slowBody).toContain('content-type: application/json');
      expect(JSON.parse(slowBody.slice(slowBody.indexOf('\r\n\r\n') + 4))).toEqual({
        error: 'Request timeout',
        details: 'The body must arrive within 1000 ms',
      });

      const slowHeaders = await rawRequest(proxy.url, 'POST /v1/chat HTTP/1.1\r\nHost: proxy\r\n');
      expect(slowHeaders).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(JSON.parse(slowHeaders.slice(slowHeaders.indexOf('\r\n\r\n') + 4))).toEqual({
        error: 'Request timeout',
      });
      // Nothing was held: a normal request goes through at once.
      const ok = await fetch(`${proxy.url}/v1/chat`, {
        method: 'POST',
        headers: widgetHeaders,
        body: JSON.stringify({ sessionId: 's2', message: 'Hi' }),
      });
      expect(ok.status).toBe(200);
    } finally {
      await proxy.stop();
    }
  });
});
