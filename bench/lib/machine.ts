import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the figures were measured on: hardware and versions, never the host's name. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly chromium: string | undefined;
  readonly nginx: string | undefined;
  readonly commit: string | undefined;
}

async function firstLine(file: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(file, args, { timeout: 10_000 });
    return (stdout || stderr).trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

async function osName(): Promise<string> {
  try {
    const release = await readFile('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}

export async function describeMachine(): Promise<Machine> {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${await osName()}, ${process.arch}`,
    node: process.version,
    chromium: await firstLine(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version']),
    // nginx prints its version on stderr.
    nginx: (await firstLine('nginx', ['-v']))?.replace(/^nginx version: /, ''),
    commit: await firstLine('git', ['rev-parse', '--short', 'HEAD']),
  };
}
