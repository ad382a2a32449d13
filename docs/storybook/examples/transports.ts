// Which transport: in a browser, the proxy (it keeps the Vapi private key on your server); on a server,
// Vapi directly. Each one is a ChatTransport, so the hook, the window and the engine take any of them.
import { proxyTransport, vapiTransport, vapiWebTransport } from '@vapi-chat-kit/core';

// Browser, recommended: your proxy (createProxy, or the vapi-chat-proxy CLI) holds the private key.
export const browser = proxyTransport({ baseUrl: '/api', widgetKey: 'wk_public_site_key' });

// Browser, without a proxy: Vapi's /chat/web with a public key (no server-side history, no rate limits of yours).
export const browserPublicKey = vapiWebTransport({
  publicKey: 'your-public-key',
  assistantId: 'your-assistant-id',
});

// Server only (a Node script, a worker): the private key never leaves it.
export const server = vapiTransport({
  apiKey: process.env['VAPI_API_KEY'] ?? '',
  assistantId: process.env['VAPI_ASSISTANT_ID'] ?? '',
});
