import rootConfig from '../eslint.config.js';

// ESLint uses the config nearest to each file: this one for consumers/. It is the root config, with types
// from consumers/tsconfig.json (where the kit resolves to its sources) instead of each app's own
// tsconfig.json, which needs the app's node_modules, installed only outside the repository.
export default [
  ...rootConfig,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Next.js loads the default export of its config, pages and layouts.
    files: ['next-app-router/next.config.mjs', 'next-app-router/app/**/{page,layout}.tsx'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/*.consumer.test.ts', 'support/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
