import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { packedPackages, repoRoot, workRoot, type Tarballs } from './paths';

/** A file each built package must have: without it the test would pack a package with no `dist/`. */
const builtEntry: Record<string, string> = { widget: 'dist/embed/vapi-chat-widget.js' };

/** Every file `pnpm pack` may take from a package, in a stable order. */
function packageFiles(directory: string): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    const absolute = path.join(directory, relative);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) walk(path.join(relative, entry));
    } else {
      files.push(relative);
    }
  };
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'bin', 'dist', 'src']) walk(entry);
  return files;
}

/** A hash of what would be packed: the same build packs once, whatever the number of runs. */
function contentHash(): string {
  const hash = createHash('sha256');
  for (const name of packedPackages) {
    const directory = path.join(repoRoot, 'packages', name);
    for (const file of packageFiles(directory)) {
      hash.update(`${name}/${file}\0`);
      hash.update(readFileSync(path.join(directory, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Stops with a clear message when a package was never built, and warns when its build is older than its sources. */
function checkBuilt(): void {
  for (const name of packedPackages) {
    const directory = path.join(repoRoot, 'packages', name);
    const entry = path.join(directory, builtEntry[name] ?? 'dist/index.js');
    if (!existsSync(entry)) {
      throw new Error(
        `packages/${name} is not built (${path.relative(repoRoot, entry)} is missing): run \`pnpm run build\` first (\`npm test\` does).`,
      );
    }
    const builtAt = statSync(entry).mtimeMs;
    const newer = packageFiles(directory).find(
      (file) => file.startsWith('src') && statSync(path.join(directory, file)).mtimeMs > builtAt,
    );
    if (newer) {
      console.warn(
        `consumers: packages/${name}/${newer} is newer than its build; the apps test the last build (\`pnpm run build\`).`,
      );
    }
  }
}

/**
 * Packs every package with `pnpm pack` (which turns `workspace:^` into `^0.1.0`) into one folder under the
 * system's temporary folder, once per build: the folder is named by a hash of the packed files, and a
 * later run with the same build reuses it. Returns each package's tarball.
 */
export function packPackages(): Tarballs {
  checkBuilt();
  const packsRoot = path.join(workRoot, 'packs');
  const destination = path.join(packsRoot, contentHash());
  const tarballOf = (name: string) => path.join(destination, `vapi-chat-kit-${name}-0.1.0.tgz`);
  if (!packedPackages.every((name) => existsSync(tarballOf(name)))) {
    const partial = `${destination}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    for (const name of packedPackages) {
      execFileSync('pnpm', ['pack', '--pack-destination', partial], {
        cwd: path.join(repoRoot, 'packages', name),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    rmSync(destination, { recursive: true, force: true });
    renameSync(partial, destination);
    // Older builds' tarballs are of no further use (an hour's grace for a run still installing them).
    for (const entry of readdirSync(packsRoot)) {
      const other = path.join(packsRoot, entry);
      if (other !== destination && Date.now() - statSync(other).mtimeMs > 60 * 60 * 1000) {
        rmSync(other, { recursive: true, force: true });
      }
    }
  }
  const tarballs: Record<string, string> = {};
  for (const name of packedPackages) {
    const tarball = tarballOf(name);
    if (!existsSync(tarball)) throw new Error(`pnpm pack did not write ${tarball}`);
    tarballs[`@vapi-chat-kit/${name}`] = tarball;
  }
  return tarballs;
}
