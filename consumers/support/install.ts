import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { consumersRoot, workRoot, type Tarballs } from './paths';
import { run } from './processes';

/** A consumer app copied outside the repository and installed with npm. */
export interface InstalledApp {
  /** Its folder, under the system's temporary folder. */
  readonly dir: string;
  /** The path of a command the app installed (`node_modules/.bin/<name>`). */
  bin(name: string): string;
  /** Parses a JSON file of the installed app (`package-lock.json`, a package's `package.json`). */
  readJson<T>(relativePath: string): T;
  /** Runs a command in the app's folder (`npm run build`), with a clean environment. */
  run(command: string, args: readonly string[], env?: Readonly<Record<string, string>>): Promise<string>;
  /** Deletes the folder (kept when `KEEP_CONSUMER_APPS=1`, to look into a failure). */
  remove(): void;
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

/** What is never copied from an app's folder: its test and anything a local build left. */
const notCopied = /(\.consumer\.test\.ts|\/node_modules|\/dist|\/\.next|\/package-lock\.json)$/;

/**
 * Copies `consumers/<app>` (and, first, the folders in `sharedFrom`, for apps that share sources) into a
 * new folder under the system's temporary folder, points every `@vapi-chat-kit/*` dependency at its
 * tarball, and installs everything with one `npm install`.
 *
 * Every `@vapi-chat-kit/*` package is also an npm `overrides` entry with the same `file:` spec, so a
 * dependency between them (react → core `^0.1.0`, proxy → emulator) resolves to the tarball too and npm
 * never asks the registry for one.
 */
export async function installApp(
  app: string,
  tarballs: Tarballs,
  options: { sharedFrom?: readonly string[] } = {},
): Promise<InstalledApp> {
  mkdirSync(workRoot, { recursive: true });
  const dir = mkdtempSync(path.join(workRoot, `${app}-`));
  for (const source of [...(options.sharedFrom ?? []), app]) {
    cpSync(path.join(consumersRoot, source), dir, {
      recursive: true,
      filter: (file) => !notCopied.test(file.split(path.sep).join('/')),
    });
  }
  const manifestPath = path.join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
  const specOf = (name: string) => {
    const tarball = tarballs[name];
    if (!tarball) throw new Error(`${app} depends on ${name}, which is not packed`);
    return `file:${tarball}`;
  };
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (name.startsWith('@vapi-chat-kit/')) manifest[field]![name] = specOf(name);
    }
  }
  manifest.overrides = { ...manifest.overrides };
  for (const name of Object.keys(tarballs)) manifest.overrides[name] = specOf(name);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const installed: InstalledApp = {
    dir,
    bin: (name) => path.join(dir, 'node_modules/.bin', name),
    readJson: <T>(relativePath: string) =>
      JSON.parse(readFileSync(path.join(dir, relativePath), 'utf8')) as T,
    run: async (command, args, env) => {
      const started = performance.now();
      const output = await run(command, args, { cwd: dir, env });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${app}: \`${[command, ...args].join(' ')}\` took ${seconds} s`);
      return output;
    },
    remove: () => {
      if (process.env.KEEP_CONSUMER_APPS !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await installed.run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline']);
  } catch (error) {
    installed.remove();
    throw error;
  }
  return installed;
}
