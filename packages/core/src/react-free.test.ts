import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('core stays free of React (STYLE.md rule 2)', () => {
  it('runs with react mocked to throw, so any import of it fails the suite', async () => {
    const failure: unknown = await import('react').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).cause)).toContain('must not import react');
  });

  it('loads both public entries under that mock', async () => {
    const core = await import('./index');
    expect(typeof core.createChatEngine).toBe('function');
    expect(typeof core.readChatEvents).toBe('function');
    const protocol = await import('./protocol-api');
    expect(typeof protocol.createChatStore).toBe('function');
    expect(typeof protocol.readSse).toBe('function');
  });

  it('imports zustand only through zustand/vanilla', () => {
    const sources = readdirSync(new URL('.', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'));
    const zustandImports = sources.flatMap((source) =>
      [...source.matchAll(/from '(zustand[^']*)'/g)].map((m) => m[1]),
    );
    expect(zustandImports.length).toBeGreaterThan(0);
    expect(new Set(zustandImports)).toEqual(new Set(['zustand/vanilla']));
  });
});
