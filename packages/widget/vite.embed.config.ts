import { defaultClientConditions, defineConfig } from 'vite';

// The script-tag bundle (dist/embed/): React bundled and code-split. `vapi-chat-widget.js` is the small
// launcher entry (no React); the panel chunk with React and the chat window loads on first open,
// relative to the entry's URL, so the folder can be served from any CDN path.
export default defineConfig({
  resolve: { conditions: ['@vapi-chat-kit/source', ...defaultClientConditions] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    modulePreload: false,
    rolldownOptions: {
      input: { 'vapi-chat-widget': 'src/embed.ts' },
      // React Query's "use client" directives mean nothing in a browser bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
