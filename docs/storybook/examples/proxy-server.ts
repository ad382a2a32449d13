// The proxy in a Node server of your own: createProxy makes a Hono app (a Request in, a Response out) and
// opens no port; @hono/node-server serves it. What the vapi-chat-proxy CLI does, minus its flags.
import { serve } from '@hono/node-server';
import { createProxy, openStore, whenTurnsFinished } from '@vapi-chat-kit/proxy';

// SQLite on one machine; redis://… when several instances share conversations and rate limits.
const store = await openStore(process.env['CHAT_STORE_URL'] ?? 'file:./data/chat.db');

const app = createProxy({
  // The private key and the assistant stay here. createProxy throws, naming the option, if one is empty.
  upstream: {
    apiKey: process.env['VAPI_API_KEY'] ?? '',
    assistantId: process.env['VAPI_ASSISTANT_ID'] ?? '',
  },
  // Public: the browser sends it as x-api-key, and only these origins may use it.
  widgetKeys: [
    {
      key: 'wk_shop_7f3a9c',
      allowedOrigins: ['https://shop.example'],
      greetings: ['Hi! How can I help?'], // the greetings a visitor may answer (see "Greetings")
    },
  ],
  store,
  limits: { requests: 60, windowSeconds: 60, concurrentStreams: 4 }, // the defaults
  trustedProxies: ['loopback'], // TLS ends in a reverse proxy on this machine: believe its X-Forwarded-For
  basePath: '/api', // the routes become /api/v1/chat, /api/healthz…
});

const server = serve({ fetch: app.fetch, port: 8787, hostname: '127.0.0.1' });

// Housekeeping, as the CLI does: expired idempotency records and locks, replies left by a dead process.
setInterval(() => void store.sweep(), 60 * 60 * 1000).unref();

// On shutdown: take no new connections, let the turns in flight be stored, then close the store.
process.once('SIGTERM', () => {
  server.close();
  void whenTurnsFinished(app).then(() => store.close());
});
