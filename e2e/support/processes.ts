import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const root = path.resolve(import.meta.dirname, '../..');
const demoGreetings = JSON.parse(
  readFileSync(path.join(root, 'apps/demo/src/greetings.json'), 'utf8'),
) as Record<string, string>;
const tsx = path.join(root, 'node_modules/.bin/tsx');
const vite = path.join(root, 'node_modules/.bin/vite');

/** A server started as its own process, as a user starts it. */
export interface RunningServer {
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** A free port on loopback, for servers that cannot pick their own (vite preview). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts `command` and waits for its `Listening on http://…` line (the emulator's and the proxy's first
 * line), or for `ready` to match; rejects with the output if it exits first or takes longer than 30 s.
 */
function start(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; ready?: RegExp; url?: string },
): Promise<RunningServer> {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd ?? root,
    // No colours: under CI=true some tools colour their output, which would split the line we wait for.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = options.ready ?? /^Listening on (http:\/\/\S+)/m;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${command} did not start in 30 s:\n${output}`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString());
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += stripVTControlCharacters(more.toString())));
      resolve({
        url: options.url ?? match[1] ?? '',
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += stripVTControlCharacters(chunk.toString())));
    child.once('exit', (code) => fail(new Error(`${command} exited with ${code}:\n${output}`)));
  });
}

/** The Vapi emulator CLI, in test mode, with `--faults` applied to every request. */
export function startEmulator(options: { delayMs?: number; faults?: string } = {}): Promise<RunningServer> {
  return start(
    tsx,
    [
      '--conditions=@vapi-chat-kit/source',
      'packages/emulator/src/cli.ts',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--test-mode',
      '--delay',
      String(options.delayMs ?? 10),
      ...(options.faults ? ['--faults', options.faults] : []),
    ],
    {},
  );
}

/** The emulator's well-known development credentials (printed by its CLI; not secrets). */
export const emulatorPrivateKey = 'emulator-private-key';
export const emulatorAssistantId = '00000000-0000-4000-8000-00000000e001';

/** The proxy CLI in front of `upstream` (an emulator), with the demo's widget key and a memory store. */
export function startProxy(upstream: RunningServer, flags: readonly string[] = []): Promise<RunningServer> {
  return start(
    tsx,
    [
      '--conditions=@vapi-chat-kit/source',
      'packages/proxy/src/cli.ts',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      ...flags,
    ],
    {
      env: {
        VAPI_API_KEY: emulatorPrivateKey,
        VAPI_ASSISTANT_ID: emulatorAssistantId,
        VAPI_BASE_URL: upstream.url,
        CHAT_STORE_URL: 'memory:',
        WIDGET_KEYS: 'demo-widget-key=http://127.0.0.1:*',
      },
    },
  );
}

/**
 * The proxy CLI as `npm run demo` starts it: no Vapi key, so the emulator runs in-process, with the demo
 * widget key and demo visitor tokens; conversations in `storeUrl`.
 */
export function startDemoProxy(storeUrl: string): Promise<RunningServer> {
  return start(
    tsx,
    ['--conditions=@vapi-chat-kit/source', 'packages/proxy/src/cli.ts', '--host', '127.0.0.1', '--port', '0'],
    {
      env: {
        VAPI_API_KEY: '',
        VAPI_BASE_URL: '',
        WIDGET_KEYS: '',
        VISITOR_SECRET: '',
        CHAT_STORE_URL: storeUrl,
        // As scripts/demo.sh: the greetings the help center shows open the conversations they start.
        WIDGET_GREETINGS: JSON.stringify(Object.values(demoGreetings)),
      },
    },
  );
}

/**
 * The built demo (`apps/demo/dist`, see global-setup.ts) served by `vite preview`: `/api` forwarded to
 * `proxy`, and `/vapi` (the settings panel's direct `/chat/web` option) to `vapiWeb`, an emulator.
 */
export async function startDemo(proxy: RunningServer, vapiWeb?: RunningServer): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return start(vite, ['preview', '--port', String(port), '--strictPort'], {
    cwd: path.join(root, 'apps/demo'),
    env: { PROXY_URL: proxy.url, ...(vapiWeb ? { VAPI_WEB_URL: vapiWeb.url } : {}) },
    ready: /Local:\s+http:\/\/127\.0\.0\.1:\d+/,
    url,
  });
}
