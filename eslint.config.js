import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What tests, stories and their helpers are: they may import what the matrix marks "test". */
const testFiles = ['**/*.test.{ts,tsx}', '**/*.stories.tsx', '**/test-support/**', '**/testing/**'];
const emulatorOutsideTests = {
  group: ['@vapi-chat-kit/emulator'],
  message: 'The emulator is a devDependency: only tests, stories and their helpers import it.',
};
const coreProtocolOutsideTests = {
  group: ['@vapi-chat-kit/core/protocol'],
  message: "core's wire layer (./protocol) is for the proxy and tests; use core's main entry.",
};
const noReact = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  message: 'It knows nothing of React.',
};

/**
 * The package matrix of STYLE.md ("Layout and imports"), as import restrictions (scripts/package-boundaries.test.ts
 * checks every cell). Each entry: the files it governs, what they may never import (`patterns`), and what
 * only their tests may (`outsideTests`).
 */
const boundaries = [
  {
    files: ['packages/core/src/**'],
    patterns: [
      { group: ['@vapi-chat-kit/*', '!@vapi-chat-kit/emulator'], message: 'core imports nothing of ours.' },
      { ...noReact, message: 'core knows nothing of React.' },
      { regex: '^zustand$', message: 'core imports zustand/vanilla, never the React entry.' },
    ],
    outsideTests: [emulatorOutsideTests],
  },
  {
    files: ['packages/emulator/src/**'],
    patterns: [
      {
        group: ['@vapi-chat-kit/*'],
        message: 'The emulator is an independent model of Vapi: it imports no workspace package.',
      },
    ],
  },
  {
    files: ['packages/proxy/src/**'],
    patterns: [
      {
        group: ['@vapi-chat-kit/react', '@vapi-chat-kit/ui', '@vapi-chat-kit/widget'],
        message: 'proxy uses core only.',
      },
      { ...noReact, message: 'proxy knows nothing of React.' },
    ],
    // DESIGN.md: the CLI starts the emulator in-process when no Vapi key is set; the app factory never does.
    outsideTests: [{ ...emulatorOutsideTests, message: 'Only the CLI (cli/, cli.ts) starts the emulator.' }],
    outsideTestsIgnores: ['packages/proxy/src/cli/**', 'packages/proxy/src/cli.ts'],
  },
  {
    files: ['packages/react/src/**'],
    patterns: [
      { group: ['@vapi-chat-kit/ui', '@vapi-chat-kit/widget'], message: 'react imports core only.' },
    ],
    // Beyond the matrix: react's tests run a chat through the real proxy in-process (createProxy), as users do.
    outsideTests: [
      emulatorOutsideTests,
      coreProtocolOutsideTests,
      { group: ['@vapi-chat-kit/proxy'], message: 'react imports core only (the proxy only in tests).' },
    ],
  },
  {
    files: ['packages/ui/src/**'],
    patterns: [
      {
        group: ['@vapi-chat-kit/widget', '@vapi-chat-kit/proxy'],
        message: 'ui imports react (and core types).',
      },
    ],
    outsideTests: [
      emulatorOutsideTests,
      coreProtocolOutsideTests,
      {
        group: ['@vapi-chat-kit/core'],
        allowTypeImports: true,
        message: 'ui takes only types from core (`import type`); what it runs comes through react.',
      },
    ],
  },
  {
    files: ['packages/widget/src/**'],
    patterns: [{ group: ['@vapi-chat-kit/proxy'], message: 'widget imports core, react and ui.' }],
    outsideTests: [emulatorOutsideTests, coreProtocolOutsideTests],
  },
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'storybook-static/**', 'coverage/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
          conditionNames: ['@vapi-chat-kit/source', 'import', 'default'],
        }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'List exports by name (STYLE.md rule 12).' },
      ],
    },
  },
  {
    // Plain JavaScript (scripts, launchers) has no types to check.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // A default export only where a tool needs one (STYLE.md rule 14).
    // bench/run.ts loads each benchmark module's default export.
    files: [
      '*.config.{js,ts}',
      'eslint.config.js',
      '.storybook/*.ts',
      '**/*.stories.tsx',
      '**/*.config.ts',
      'bench/*/index.ts',
      'bench/render/thread.ts',
    ],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/*.test-d.ts', '**/*.stories.tsx', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Source files: neither what the package may never import, nor what only its tests may.
  ...boundaries.map(({ files, patterns, outsideTests = [], outsideTestsIgnores = [] }) => ({
    files,
    ignores: [...testFiles, ...outsideTestsIgnores],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...outsideTests] }],
    },
  })),
  // Tests (and the files above that may start the emulator): only what the package may never import.
  ...boundaries.map(({ files, patterns, outsideTestsIgnores = [] }) => ({
    files: [...testFiles.map((glob) => `${files[0].replace('/**', '')}/${glob}`), ...outsideTestsIgnores],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  })),
);
