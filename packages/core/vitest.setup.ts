import { vi } from 'vitest';

// Core must stay free of React (STYLE.md rule 2): any import of it, direct or through a dependency
// such as the root `zustand` entry, fails every core test.
vi.mock('react', () => {
  throw new Error('packages/core (and the servers) must not import react');
});
