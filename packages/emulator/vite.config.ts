import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: { entry: { index: 'src/index.ts', cli: 'src/cli.ts' }, formats: ['es'] },
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    ssr: true,
    rolldownOptions: {
      external: [/^hono(\/.*)?$/, /^@hono\/node-server(\/.*)?$/, /^node:/],
      output: { entryFileNames: '[name].js' },
    },
  },
});
