import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds the demo once for every e2e file: the tests drive the built app, as it ships. */
export function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'apps/demo'),
    stdio: 'inherit',
  });
}
