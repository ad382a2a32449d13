import os from 'node:os';
import path from 'node:path';

/** The repository's root. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The consumer apps' sources (one folder each). */
export const consumersRoot = path.resolve(import.meta.dirname, '..');

/**
 * Where tarballs and installed apps go: the system's temporary folder, outside the repository, so nothing
 * an app resolves can come from the workspace's `node_modules`.
 */
export const workRoot = path.join(os.tmpdir(), 'vapi-chat-kit-consumers');

/** The packages a user installs, as `pnpm pack` publishes them. */
export const packedPackages = ['core', 'react', 'ui', 'widget', 'proxy', 'emulator'] as const;
export type PackedPackage = (typeof packedPackages)[number];

/** `@vapi-chat-kit/<name>` → the path of its tarball. */
export type Tarballs = Readonly<Record<string, string>>;
