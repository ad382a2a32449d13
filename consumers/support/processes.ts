import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { repoRoot } from './paths';
// A free TCP port on loopback: the e2e suite's, one helper for both.
export { freePort } from '../../e2e/support/processes';

/**
 * The environment of every command an app runs: the machine's, without what the test runner and pnpm add
 * (`NODE_ENV=test`, `VITEST_*`, `npm_config_*`, and the workspace's `node_modules/.bin` on `PATH`), so an
 * app can find nothing of the workspace, as on a user's machine.
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  // npm_config_cache: an empty one measures a cold install (consumers/README.md).
  const keep = ['HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ', 'npm_config_cache'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => entry !== '' && !path.resolve(entry).startsWith(repoRoot))
    .join(path.delimiter);
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** Every process group started here, so none outlives the run whatever fails. */
const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function spawnGroup(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Readonly<Record<string, string>> },
): { child: ChildProcess; output: () => string } {
  // detached: the command leads its own process group, so stopping it stops its children too.
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const append = (chunk: Buffer) => (output += stripVTControlCharacters(chunk.toString()));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { child, output: () => output };
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. Resolves once the leader has exited. */
function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      killGroup(child, 'SIGKILL'); // anything the leader left behind
      resolve();
      return;
    }
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

/**
 * Runs a command to completion (an install, a build) in its own process group; rejects with its output when
 * it fails or takes longer than `timeoutMs`. Resolves with the output.
 */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Readonly<Record<string, string>>; timeoutMs?: number },
): Promise<string> {
  const { child, output } = spawnGroup(command, args, options);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const code = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      resolve(`a timeout after ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.once('error', (error) => resolve(error.message));
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve(exitCode ?? signal ?? 'no exit code');
    });
  });
  if (code !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${options.cwd} failed with ${code}:\n${output()}`);
  }
  return output();
}

/** A server started as its own process group, as a user starts it. */
export interface RunningServer {
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Stops its whole process group; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a server and waits until its output matches `ready` (the URL is `url`, or the first group of
 * `ready`); rejects with its output if it exits first or is not ready within `timeoutMs`.
 */
export function startServer(
  command: string,
  args: readonly string[],
  options: {
    cwd: string;
    env?: Readonly<Record<string, string>>;
    ready: RegExp;
    url?: string;
    timeoutMs?: number;
  },
): Promise<RunningServer> {
  const { child, output } = spawnGroup(command, args, options);
  const server: RunningServer = {
    url: options.url ?? '',
    output,
    stop: () => stopGroup(child),
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      void stopGroup(child, 0).then(() =>
        reject(new Error(`\`${command} ${args.join(' ')}\` ${reason}:\n${output()}`)),
      );
    };
    const timer = setTimeout(
      () => fail(`was not ready in ${(options.timeoutMs ?? 60_000) / 1000} s`),
      options.timeoutMs ?? 60_000,
    );
    const poll = setInterval(() => {
      const match = options.ready.exec(output());
      if (!match || settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ ...server, url: options.url ?? match[1] ?? '' });
    }, 50);
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
  });
}

/** Stops every server given, in parallel, ignoring the ones that never started. */
export async function stopAll(...servers: readonly (RunningServer | undefined)[]): Promise<void> {
  await Promise.all(
    servers.filter((server): server is RunningServer => server !== undefined).map((server) => server.stop()),
  );
}
