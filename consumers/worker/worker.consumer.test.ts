// The proxy's Cloudflare Worker recipe (packages/proxy/README.md), run the way a site would: the packed
// packages installed from their tarballs outside the repository, worker.ts bundled with esbuild, served by
// workerd (the Workers runtime, from npm), with Vapi played by the emulator CLI on loopback.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The runtime and bundler a site would install; workerd's Linux binary comes from its npm platform package. */
const workerdVersion = '1.20261123.1';
const esbuildVersion = '0.28.2';
/** Before 2026-08-04, when nodejs_compat became the default: the Worker needs no Node APIs. */
const compatibilityDate = '2026-08-01';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const packed = ['core', 'emulator', 'proxy'];

const privateKey = `sk_worker_${randomUUID()}`;
const assistantId = '00000000-0000-4000-8000-00000000e001'; // the emulator's built-in assistant
const widgetKey = 'wk_worker_test';
const siteOrigin = 'https://shop.example';

let directory = '';
let emulator: ChildProcess | undefined;
let workerd: ChildProcess | undefined;
let baseUrl = '';
const logs: string[] = [];
/** Every status line, header and body the Worker answered, for the private-key scan. */
const answered: string[] = [];

/** The first line of a child's output that matches, or a rejection with what it printed. */
function firstMatch(child: ChildProcess, stream: Readable, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${seen}`)), 30_000);
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${String(code)}:\n${seen}`));
    });
  });
}

function collect(child: ChildProcess): void {
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function workerdConfig(vapiBaseUrl: string): string {
  const text = (name: string, value: string) => `(name = "${name}", text = ${JSON.stringify(value)})`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "proxy", worker = .proxyWorker),
    # The Worker's outbound fetch; the default network allows public addresses only, the emulator is local.
    (name = "network", network = (allow = ["public", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "proxy")],
);

const proxyWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${compatibilityDate}",
  globalOutbound = "network",
  bindings = [
    ${text('VAPI_API_KEY', privateKey)},
    ${text('VAPI_ASSISTANT_ID', assistantId)},
    ${text('VAPI_BASE_URL', vapiBaseUrl)},
    ${text('WIDGET_KEY', widgetKey)},
    ${text('SITE_ORIGIN', siteOrigin)},
  ],
);
`;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as the network delivered it, one entry per read. */
  readonly chunks: readonly string[];
}

async function call(route: string, init: RequestInit & { key?: string | null } = {}): Promise<Answer> {
  const { key = widgetKey, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (key !== null) headers.set('x-api-key', key);
  if (!headers.has('origin')) headers.set('origin', siteOrigin);
  // What Cloudflare's edge sets; workerd alone does not.
  headers.set('cf-connecting-ip', '203.0.113.7');
  const response = await fetch(`${baseUrl}${route}`, { ...rest, headers });
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of response.body ?? []) chunks.push(decoder.decode(chunk, { stream: true }));
  const text = chunks.join('');
  answered.push(`${response.status} ${response.statusText}`, ...[...response.headers].flat(), text);
  return { status: response.status, headers: response.headers, text, chunks };
}

const postJson = (route: string, body: unknown, init: RequestInit & { key?: string | null } = {}) =>
  call(route, {
    ...init,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
  });

interface StreamEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
  /** The read it arrived in. */
  readonly chunk: number;
}

function parseEvents(chunks: readonly string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  let buffer = '';
  chunks.forEach((chunk, index) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined)
        events.push({ event, data: JSON.parse(data) as Record<string, unknown>, chunk: index });
    }
  });
  return events;
}

beforeAll(async () => {
  for (const name of packed) {
    const entry = path.join(repoRoot, 'packages', name, 'dist/index.js');
    await run('test', ['-f', entry]).catch(() => {
      throw new Error(`${entry} is missing: run \`pnpm run build\` first`);
    });
  }
  directory = await mkdtemp(path.join(os.tmpdir(), 'vapi-chat-kit-worker-'));
  const tarballs = path.join(directory, 'tarballs');
  await mkdir(tarballs);
  await Promise.all(
    packed.map((name) =>
      run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path.join(repoRoot, 'packages', name) }),
    ),
  );
  const files = (await readdir(tarballs)).map((file) => path.join(tarballs, file));
  expect(files).toHaveLength(packed.length);

  const site = path.join(directory, 'site');
  await mkdir(site);
  await writeFile(
    path.join(site, 'package.json'),
    JSON.stringify({ name: 'worker-site', private: true, type: 'module' }),
  );
  await run(
    'npm',
    [
      'install',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...files,
      `workerd@${workerdVersion}`,
      `esbuild@${esbuildVersion}`,
    ],
    { cwd: site },
  );
  await copyFile(path.join(import.meta.dirname, 'worker.ts'), path.join(site, 'worker.ts'));
  // The Node-only stores are loaded lazily (`openStore`, Redis, SQLite) and never run here: ioredis and
  // Node built-ins stay out of the bundle instead of failing to resolve for a browser-like platform.
  await run(
    path.join(site, 'node_modules/.bin/esbuild'),
    [
      'worker.ts',
      '--bundle',
      '--format=esm',
      '--platform=browser',
      '--conditions=workerd,worker',
      '--external:ioredis',
      '--external:libsql',
      '--external:node:*',
      '--outfile=worker.js',
      '--log-level=warning',
    ],
    { cwd: site },
  );

  emulator = spawn(
    process.execPath,
    [
      path.join(site, 'node_modules/@vapi-chat-kit/emulator/bin/vapi-chat-emulator.js'),
      ...['--port', '0', '--host', '127.0.0.1', '--delay', '10', '--private-key', privateKey],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const vapiBaseUrl = await firstMatch(emulator, emulator.stdout!, /^Listening on (\S+)$/m, 'The emulator');

  await writeFile(path.join(site, 'config.capnp'), workerdConfig(vapiBaseUrl));
  const workerdBinary = (createRequire(path.join(site, 'package.json'))('workerd') as { default: string })
    .default;
  workerd = spawn(workerdBinary, ['serve', 'config.capnp', '--control-fd=3'], {
    cwd: site,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  collect(workerd);
  const port = await firstMatch(workerd, workerd.stdio[3] as Readable, /"port":(\d+)/, 'workerd');
  baseUrl = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(async () => {
  await Promise.all([stop(workerd), stop(emulator)]);
  if (directory) await rm(directory, { recursive: true, force: true });
}, 30_000);

describe('the proxy as a Cloudflare Worker, in workerd', () => {
  let conversationId = '';
  const sessionId = 'visitor-worker-1';

  it('streams a reply: start, deltas as they arrive, done with the whole text', async () => {
    const answer = await postJson('/v1/chat/stream', { sessionId, message: 'My name is Alice' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const events = parseEvents(answer.chunks);
    expect(events[0]?.event).toBe('start');
    expect(events.at(-1)?.event).toBe('done');
    const deltas = events.filter((event) => event.event === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    // Not buffered: the deltas reached the client over several reads, the text growing with each.
    expect(new Set(deltas.map((delta) => delta.chunk)).size).toBeGreaterThan(1);
    const text = deltas.map((delta) => delta.data.text as string).join('');
    const done = events.at(-1)!.data;
    expect(done.message).toBe(text);
    expect(text).toContain('Alice');

    conversationId = events[0]!.data.conversationId as string;
    expect(conversationId).toMatch(/^conv_[0-9a-f]{32}$/);
    expect(done.conversationId).toBe(conversationId);
  });

  it('continues the conversation on the next turn (POST /v1/chat)', async () => {
    const answer = await postJson('/v1/chat', { sessionId, message: "What's my name?" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ conversationId, message: 'Your name is Alice.' });
  });

  it('returns the conversation from the history route', async () => {
    const query = new URLSearchParams({ sessionId, conversationId });
    const answer = await call(`/v1/chat/history?${query.toString()}`);
    expect(answer.status).toBe(200);
    const history = JSON.parse(answer.text) as {
      conversationId: string;
      messages: { role: string; text: string; status: string }[];
    };
    expect(history.conversationId).toBe(conversationId);
    expect(history.messages.map(({ role, status }) => [role, status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    expect(history.messages[0]!.text).toBe('My name is Alice');
    expect(history.messages[1]!.text).toContain('Alice');
    expect(history.messages[3]!.text).toBe('Your name is Alice.');
  });

  it('refuses a wrong widget key, a missing one and a foreign origin with 401 {"error":"Unauthorized"}', async () => {
    const body = { sessionId, message: 'Hello' };
    const refused = [
      await postJson('/v1/chat', body, { key: 'wk_not_a_key' }),
      await postJson('/v1/chat/stream', body, { key: privateKey }),
      await postJson('/v1/chat', body, { key: null }),
      await postJson('/v1/chat', body, { headers: { origin: 'https://evil.example' } }),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toEqual({ error: 'Unauthorized' });
    }
    const query = new URLSearchParams({ sessionId, conversationId });
    const history = await call(`/v1/chat/history?${query.toString()}`, { key: 'wk_not_a_key' });
    expect(history.status).toBe(401);
  });

  it('never shows the private key in a response or a log line', () => {
    expect(answered.length).toBeGreaterThan(20);
    expect(answered.filter((text) => text.includes(privateKey))).toEqual([]);
    expect(logs.join('')).toContain('"event":"turn"'); // the Worker's log lines were read
    expect(logs.filter((line) => line.includes(privateKey))).toEqual([]);
  });
});
