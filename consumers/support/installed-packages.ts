import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The version of every copy of `name` installed under `dir`'s `node_modules`, nested copies included. */
export function installedCopies(dir: string, name: string): string[] {
  const versions: string[] = [];
  const visit = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    const manifest = path.join(nodeModules, name, 'package.json');
    if (existsSync(manifest)) {
      versions.push((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version);
    }
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@')
        ? readdirSync(path.join(nodeModules, entry)).map((child) => path.join(entry, child))
        : [entry];
      for (const pkg of scoped) visit(path.join(nodeModules, pkg, 'node_modules'));
    }
  };
  visit(path.join(dir, 'node_modules'));
  return versions;
}

interface LockFile {
  packages: Record<string, { version?: string; resolved?: string }>;
}

/** `package-lock.json`'s entry of every `@vapi-chat-kit/*` package: where npm took it from. */
export function kitPackagesInLock(lock: LockFile): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [location, entry] of Object.entries(lock.packages)) {
    const match = /(?:^|\/)node_modules\/(@vapi-chat-kit\/[^/]+)$/.exec(location);
    if (match) found[location] = `${entry.version} ${path.basename(entry.resolved ?? '(no resolved)')}`;
  }
  return found;
}
