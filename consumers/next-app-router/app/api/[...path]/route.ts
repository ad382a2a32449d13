// packages/proxy/README.md, "Next.js route handler", with two changes:
// - the proxy is made on the first request, not when the module loads: `next build` loads this module to
//   collect its config, where the recipe's top-level `await openStore(process.env.CHAT_STORE_URL!)` fails
//   (the runtime's environment is not there) or would open the production store from the build;
// - with no Vapi key, Vapi is the emulator, in this process (as the vapi-chat-proxy CLI does).
import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { createProxy, openStore } from '@vapi-chat-kit/proxy';

export const runtime = 'nodejs'; // SQLite and Redis clients need Node
export const dynamic = 'force-dynamic';

function emulatorUpstream() {
  const emulator = createEmulator({ deltaDelayMs: 15 });
  return {
    apiKey: defaultPrivateKey,
    assistantId: defaultAssistantId,
    baseUrl: 'http://emulator.invalid',
    fetch: (input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init)),
  };
}

async function createApp() {
  return createProxy({
    upstream: process.env.VAPI_API_KEY
      ? { apiKey: process.env.VAPI_API_KEY, assistantId: process.env.VAPI_ASSISTANT_ID! }
      : emulatorUpstream(),
    widgetKeys: [{ key: process.env.WIDGET_KEY!, allowedOrigins: [process.env.SITE_ORIGIN!] }],
    store: await openStore(process.env.CHAT_STORE_URL!), // redis://… on serverless: instances come and go
    basePath: '/api',
    // The platform's edge sets this header; the socket address is the platform's, not the visitor's.
    remoteAddress: (c) => c.req.header('x-real-ip'),
  });
}

let app: ReturnType<typeof createApp> | undefined;

export const GET = async (request: Request) => (await (app ??= createApp())).fetch(request);
export const POST = GET;
export const OPTIONS = GET;
