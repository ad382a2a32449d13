import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: { entry: { index: 'src/index.ts', 'protocol-api': 'src/protocol-api.ts' }, formats: ['es'] },
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    rolldownOptions: {
      external: [/^zustand(\/.*)?$/],
      // One file per module: with `sideEffects: false`, an app's bundler then drops every module it does not
      // reach (a single-file bundle keeps top-level calls it cannot prove pure). See bench/size.
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
