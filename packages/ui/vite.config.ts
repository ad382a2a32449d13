import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    {
      // The stylesheet ships as one plain CSS file beside the bundle (`@vapi-chat-kit/ui/styles.css`).
      name: 'copy-styles',
      closeBundle() {
        mkdirSync(path.join(import.meta.dirname, 'dist'), { recursive: true });
        copyFileSync(
          path.join(import.meta.dirname, 'src/styles.css'),
          path.join(import.meta.dirname, 'dist/styles.css'),
        );
        // Types for the side-effect import, so type-aware resolvers (and attw) resolve the subpath.
        writeFileSync(path.join(import.meta.dirname, 'dist/styles.css.d.ts'), 'export {};\n');
      },
    },
  ],
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    rolldownOptions: {
      external: [
        /^react(\/.*)?$/,
        /^react-dom(\/.*)?$/,
        /^@vapi-chat-kit\//,
        /^marked(\/.*)?$/,
        /^decode-named-character-reference(\/.*)?$/,
      ],
      // Components and hooks are client code: React Server Components (e.g. Next.js) need the directive.
      // One file per module: with `sideEffects: false`, an app's bundler then drops every module it does not
      // reach (a single-file bundle keeps top-level calls it cannot prove pure). See bench/size.
      output: {
        banner: "'use client';",
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
});
