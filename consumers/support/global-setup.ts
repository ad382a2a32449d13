import type { TestProject } from 'vitest/node';
import { packPackages } from './pack';
import type { Tarballs } from './paths';

declare module 'vitest' {
  interface ProvidedContext {
    /** `@vapi-chat-kit/<name>` → its `pnpm pack` tarball, packed once for the whole run. */
    consumerTarballs: Tarballs;
  }
}

/** Packs the built packages once for every consumer app of the run. */
export function setup(project: TestProject): void {
  project.provide('consumerTarballs', packPackages());
}
