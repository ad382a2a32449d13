// The Worker of packages/proxy/README.md ("Cloudflare Worker"), written as a site would write it.
// worker.consumer.test.ts bundles it with esbuild against the packed packages and runs it in workerd.
import { createMemoryStore, createProxy } from '@vapi-chat-kit/proxy';

interface Env {
  readonly VAPI_API_KEY: string;
  readonly VAPI_ASSISTANT_ID: string;
  /** Unset in production (https://api.vapi.ai); the test points it at the emulator. */
  readonly VAPI_BASE_URL?: string;
  readonly WIDGET_KEY: string;
  readonly SITE_ORIGIN: string;
}

// Made on the first request: a Worker may not start timers or make random ids at load time.
let app: ReturnType<typeof createProxy> | undefined;

// eslint-disable-next-line import-x/no-default-export -- a Worker module exports its handlers as the default
export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    app ??= createProxy({
      upstream: {
        apiKey: env.VAPI_API_KEY,
        assistantId: env.VAPI_ASSISTANT_ID,
        ...(env.VAPI_BASE_URL ? { baseUrl: env.VAPI_BASE_URL } : {}),
      },
      widgetKeys: [{ key: env.WIDGET_KEY, allowedOrigins: [env.SITE_ORIGIN] }],
      store: createMemoryStore(), // per isolate: see the README
      remoteAddress: (c) => c.req.header('cf-connecting-ip'),
    });
    return app.fetch(request);
  },
};
