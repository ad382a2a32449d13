import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The proxy runs beside the dev server (scripts/demo.sh); `/api` reaches it on the same origin, so the
// browser needs no CORS and holds only the demo widget key.
const proxyTarget = process.env.PROXY_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@vapi-chat-kit/source', ...defaultClientConditions] },
  build: {
    // Two pages: the help center (React) and a plain pricing page with the script-tag widget, which loads
    // React only when its panel first opens.
    rolldownOptions: {
      input: {
        main: path.join(import.meta.dirname, 'index.html'),
        widget: path.join(import.meta.dirname, 'widget.html'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DEMO_PORT ?? 5173),
    strictPort: true,
    proxy: { '/api': { target: proxyTarget, rewrite: (path) => path.replace(/^\/api/, '') } },
  },
  preview: {
    host: '127.0.0.1',
    proxy: { '/api': { target: proxyTarget, rewrite: (path) => path.replace(/^\/api/, '') } },
  },
});
