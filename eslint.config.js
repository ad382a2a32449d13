import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The package matrix of STYLE.md ("Layout and imports"), as import restrictions.
 * Each entry: the files it governs, and the module patterns they may not import.
 */
const boundaries = [
  {
    files: ['packages/core/src/**'],
    patterns: [
      { group: ['@vapi-chat-kit/*'], message: 'core imports nothing of ours.' },
      { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'core knows nothing of React.' },
      { regex: '^zustand$', message: 'core imports zustand/vanilla, never the React entry.' },
    ],
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
      { group: ['react', 'react-dom'], message: 'proxy knows nothing of React.' },
    ],
  },
  {
    files: ['packages/react/src/**'],
    patterns: [
      {
        group: ['@vapi-chat-kit/ui', '@vapi-chat-kit/widget', '@vapi-chat-kit/proxy'],
        message: 'react imports core only.',
      },
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
  },
  {
    files: ['packages/widget/src/**'],
    patterns: [{ group: ['@vapi-chat-kit/proxy'], message: 'widget imports ui.' }],
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
  ...boundaries.map(({ files, patterns }) => ({
    files,
    ignores: ['**/*.test.{ts,tsx}', '**/*.stories.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
