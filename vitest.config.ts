import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';

// Workspace packages resolve to their `src/` through this export condition, so tests never need a build.
const sourceCondition = '@vapi-chat-kit/source';

// React 18.3 and its react-dom (which requires that React), installed apart in compat/react18.
const react18 = path.join(import.meta.dirname, 'compat/react18/node_modules');

export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,emulator,proxy}/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          setupFiles: ['./packages/core/vitest.setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Every transport against every variant of Vapi the emulator models (contract/README.md).
          name: 'contract',
          environment: 'node',
          include: ['contract/**/*.test.ts'],
          setupFiles: ['./packages/core/vitest.setup.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['packages/{react,ui,widget}/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./vitest.setup.ts'],
        },
      },
      {
        // The same React tests on React 18.3, the oldest React in the packages' peer ranges.
        extends: true,
        plugins: [react()],
        resolve: {
          alias: [
            { find: /^react$/, replacement: `${react18}/react` },
            { find: /^react\/(.*)$/, replacement: `${react18}/react/$1` },
            { find: /^react-dom$/, replacement: `${react18}/react-dom` },
            { find: /^react-dom\/(.*)$/, replacement: `${react18}/react-dom/$1` },
            // Its ES module, so its own imports of react-dom take the aliases above (its CommonJS would not).
            {
              find: /^@testing-library\/react$/,
              replacement: path.join(
                import.meta.dirname,
                'node_modules/@testing-library/react/dist/@testing-library/react.esm.js',
              ),
            },
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          env: { EXPECTED_REACT_MAJOR: '18' },
          include: ['packages/{react,ui}/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./vitest.setup.ts'],
          // Through Vite, so their own imports of React take the alias too.
          server: {
            deps: { inline: ['@testing-library/react', 'zustand', '@tanstack/react-query'] },
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          // Each file starts its own processes and browser; one at a time on a 2-core machine.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Apps outside the workspace that install the packed packages with npm, build them with their own
        // toolchain and run them in Chromium (consumers/README.md). Each file installs, builds and starts its
        // own servers: one at a time on a 2-core machine.
        extends: true,
        test: {
          name: 'consumers',
          environment: 'node',
          include: ['consumers/**/*.consumer.test.ts'],
          globalSetup: ['./consumers/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(import.meta.dirname, '.storybook') })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            instances: [{ browser: 'chromium' }],
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
          },
        },
      },
    ],
  },
});
