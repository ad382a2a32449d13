import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process of the bench: its output is drained (a full pipe would stall it) and it is stopped by pid. */
export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly name: string;
  /** Resolves with the first stdout line matching `pattern`; rejects on exit or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The last few KB of stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `command` with piped output (and IPC when asked).
 *
 * @example
 * const host = startProcess('emulator', process.execPath, [script]);
 * const [, url] = await host.waitForLine(/^Listening on (\S+)/);
 */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly ipc?: boolean; readonly cwd?: string } = {},
): ManagedProcess {
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  };
  const child = spawn(command, [...args], spawnOptions);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4096);
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Spawn errors (a missing binary) show as an exit.
  child.once('error', (error) => {
    stderr += `\n${error.message}`;
  });

  return {
    child,
    pid: child.pid,
    name,
    waitForLine(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`${name}: no ${String(pattern)} in ${timeoutMs} ms`)),
          timeoutMs,
        );
        const onLine = (line: string) => {
          const match = line.match(pattern);
          if (match) finish(undefined, match);
        };
        const onExit = () => finish(new Error(`${name} exited before it was ready: ${stderr.trim()}`));
        const finish = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          lines.off('line', onLine);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(match!);
        };
        lines.on('line', onLine);
        child.once('exit', onExit);
      });
    },
    stderrTail: () => stderr,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
      ]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
