import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The proxy runs beside the dev server (scripts/demo.sh); `/api` reaches it on the same origin, so the
// browser needs no CORS and holds only the demo widget key.
const proxyTarget = process.env.PROXY_URL ?? 'http://127.0.0.1:8787';
// The "direct /chat/web" setting calls a Vapi-shaped API with a public key. Offline, scripts/demo.sh starts
// an emulator for it and `/vapi` reaches that; with VITE_VAPI_BASE_URL set, the browser calls Vapi itself.
const vapiWebTarget = process.env.VAPI_WEB_URL ?? 'http://127.0.0.1:8790';
const forward = {
  '/api': { target: proxyTarget, rewrite: (path: string) => path.replace(/^\/api/, '') },
  '/vapi': { target: vapiWebTarget, rewrite: (path: string) => path.replace(/^\/vapi/, '') },
};

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
    proxy: forward,
  },
  preview: {
    host: '127.0.0.1',
    proxy: forward,
  },
});
