import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// packages/proxy/README.md, "Behind a Vite dev server": /api/* goes to the proxy, started with
// --base-path /api, on the page's own origin (no CORS). `vite preview` uses the same table.
const proxy = { '/api': process.env.PROXY_URL ?? 'http://127.0.0.1:8787' };

export default defineConfig({
  plugins: [react()],
  server: { proxy },
});
