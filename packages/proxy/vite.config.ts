import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: { entry: { index: 'src/index.ts', cli: 'src/cli.ts' }, formats: ['es'] },
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    // Node output: keep `node:` built-ins and every dependency as imports.
    ssr: true,
    rolldownOptions: {
      external: [
        /^node:/,
        /^hono(\/.*)?$/,
        /^@hono\/node-server(\/.*)?$/,
        /^@libsql\/client(\/.*)?$/,
        /^libsql(\/.*)?$/,
        /^ioredis(\/.*)?$/,
        /^rate-limiter-flexible(\/.*)?$/,
        /^@vapi-chat-kit\/(core|emulator)(\/.*)?$/,
      ],
      output: { entryFileNames: '[name].js' },
    },
  },
});
