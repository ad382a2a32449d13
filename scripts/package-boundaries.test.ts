import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// STYLE.md's matrix, row may import column: 'yes' (the public entry), 'types' (`import type` only),
// 'test' (only from tests, stories and their helpers), 'no'. One cell goes beyond the matrix on purpose:
// react's tests run a chat through the real proxy in-process, so react → proxy is 'test'.
type Access = 'yes' | 'types' | 'test' | 'no';
const packages = ['core', 'react', 'ui', 'widget', 'proxy', 'emulator'] as const;
type Package = (typeof packages)[number];
const matrix: Record<Package, Partial<Record<Package, Access>>> = {
  core: { react: 'no', ui: 'no', widget: 'no', proxy: 'no', emulator: 'test' },
  react: { core: 'yes', ui: 'no', widget: 'no', proxy: 'test', emulator: 'test' },
  ui: { core: 'types', react: 'yes', widget: 'no', proxy: 'no', emulator: 'test' },
  widget: { core: 'yes', react: 'yes', ui: 'yes', proxy: 'no', emulator: 'test' },
  proxy: { core: 'yes', react: 'no', ui: 'no', widget: 'no', emulator: 'test' },
  emulator: { core: 'no', react: 'no', ui: 'no', widget: 'no', proxy: 'no' },
};

let eslint: ESLint;
beforeAll(() => {
  // The import rules need no type information: lint the probes without a TypeScript program.
  eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });
});

/** Whether lint lets `file` import `target` (a value, or a type). */
async function allowed(file: string, target: Package, kind: 'value' | 'type'): Promise<boolean> {
  const code =
    kind === 'value'
      ? `import { probe } from '@vapi-chat-kit/${target}';\nexport const value = probe;\n`
      : `import type { Probe } from '@vapi-chat-kit/${target}';\nexport type Value = Probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: file });
  const restricted = result?.messages.filter(
    (message) => message.ruleId === '@typescript-eslint/no-restricted-imports',
  );
  return restricted?.length === 0;
}

describe('lint holds the package boundaries of STYLE.md', () => {
  for (const from of packages) {
    for (const [to, access] of Object.entries(matrix[from]) as [Package, Access][]) {
      it(`${from} → ${to}: ${access}`, async () => {
        const source = `packages/${from}/src/boundary-probe.ts`;
        const test = `packages/${from}/src/boundary-probe.test.ts`;
        expect({
          value: await allowed(source, to, 'value'),
          type: await allowed(source, to, 'type'),
          test: await allowed(test, to, 'value'),
        }).toEqual({
          value: access === 'yes',
          type: access === 'yes' || access === 'types',
          test: access !== 'no',
        });
      });
    }
  }

  it("core's wire layer (core/protocol) is the proxy's; react, ui and widget use it only in tests", async () => {
    const probe = async (file: string) => {
      const [result] = await eslint.lintText(
        "import { readSse } from '@vapi-chat-kit/core/protocol';\nexport const value = readSse;\n",
        { filePath: file },
      );
      return result?.messages.filter(
        (message) => message.ruleId === '@typescript-eslint/no-restricted-imports',
      ).length;
    };
    expect(await probe('packages/proxy/src/boundary-probe.ts')).toBe(0);
    for (const from of ['react', 'ui', 'widget']) {
      expect(await probe(`packages/${from}/src/boundary-probe.ts`)).toBeGreaterThan(0);
      expect(await probe(`packages/${from}/src/boundary-probe.test.ts`)).toBe(0);
    }
  });

  it('proxy: only its CLI starts the emulator, never the app factory', async () => {
    expect(await allowed('packages/proxy/src/cli/boundary-probe.ts', 'emulator', 'value')).toBe(true);
    expect(await allowed('packages/proxy/src/create-proxy-probe.ts', 'emulator', 'value')).toBe(false);
  });
});
