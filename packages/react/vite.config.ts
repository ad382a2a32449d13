import { defineConfig } from 'vite';

export default defineConfig({
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
        /^zustand(\/.*)?$/,
        /^@tanstack\//,
        /^@vapi-chat-kit\//,
      ],
      // Hooks and parts are client code: React Server Components (e.g. Next.js) need the directive.
      output: { banner: "'use client';" },
    },
  },
});
