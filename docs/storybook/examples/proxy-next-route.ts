// app/api/[...path]/route.ts of a Next.js app: the proxy as a route handler, on the page's own origin.
import { createProxy, openStore } from '@vapi-chat-kit/proxy';

export const runtime = 'nodejs'; // SQLite and Redis clients need Node
export const dynamic = 'force-dynamic';

// Made on the first request, not when the module loads: `next build` loads this file to read its config,
// without the runtime's environment (and must never open the production store).
async function createApp() {
  return createProxy({
    upstream: {
      apiKey: process.env['VAPI_API_KEY'] ?? '',
      assistantId: process.env['VAPI_ASSISTANT_ID'] ?? '',
    },
    widgetKeys: [
      { key: process.env['WIDGET_KEY'] ?? '', allowedOrigins: [process.env['SITE_ORIGIN'] ?? ''] },
    ],
    store: await openStore(process.env['CHAT_STORE_URL'] ?? ''), // redis://… on serverless: instances come and go
    basePath: '/api',
    // Only where something in front overwrites this header (a platform's edge, your nginx); otherwise a
    // visitor picks their own rate-limit bucket.
    remoteAddress: (c) => c.req.header('x-real-ip'),
  });
}

let app: ReturnType<typeof createApp> | undefined;

export const GET = async (request: Request) => (await (app ??= createApp())).fetch(request);
export const POST = GET;
export const OPTIONS = GET;
