import { Hono, type ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EmulatorDependencies } from './emulator-dependencies';
import type { EmulatorEnv } from './emulator-env';
import {
  resolveEmulatorOptions,
  type EmulatorOptions,
  type ResolvedEmulatorOptions,
} from './emulator-options';
import { basePlan } from './fault/base-plan';
import { NestException, nestBody } from './http/nest-exception';
import { requireUserAgent } from './middleware/require-user-agent';
import { registerChatRoutes } from './routes/chat-routes';
import { registerResponsesRoutes } from './routes/responses-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { registerWebChatRoutes } from './routes/web-chat-routes';
import { EmulatorStore } from './store/emulator-store';
import { GenerationTracker } from './stream/generation-tracker';
import { parseVariantList, variantHeaderName } from './variants/emulator-variants';

/**
 * What {@link createEmulator} returns.
 *
 * @example
 * const { app, fetch, activeGenerations } = createEmulator();
 */
export interface Emulator {
  /** The Hono app: mount it, or call `app.request(path, init)` in tests. */
  readonly app: Hono<EmulatorEnv>;
  /**
   * A drop-in for the global `fetch`, to inject as an upstream (no port, no network). Only the
   * path and query of the URL matter, so `https://api.vapi.ai/chat` reaches `POST /chat`.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The options with their defaults applied (keys, assistants, switches). */
  readonly options: ResolvedEmulatorOptions;
  /** How many requests still have timed work running (latency waits, open streams). */
  activeGenerations(): number;
  /** Forgets every chat and session. */
  reset(): void;
}

/**
 * Creates an in-memory emulator of Vapi's text Chat API (reference §13): a Hono app with the
 * routes of `api.vapi.ai` at the root, the built-in TechFlow assistant, and the §13.2 switches.
 *
 * @example
 * const emulator = createEmulator({ testMode: true });
 * const response = await emulator.app.request('/chat', {
 *   method: 'POST',
 *   headers: { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ assistantId: defaultAssistantId, input: 'How do I reset my password?' }),
 * });
 * const chat = await response.json(); // chat.output[0].content
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveEmulatorOptions(options);
  const store = new EmulatorStore();
  const tracker = new GenerationTracker();
  const build = (settings: ResolvedEmulatorOptions): Hono<EmulatorEnv> =>
    createRoutes({ options: settings, basePlan: basePlan(settings), store, tracker });
  const defaultRoutes = build(resolved);
  // One app per set of variants a request asks for, built on first use; all share the chats and sessions.
  const variantRoutes = new Map<string, Hono<EmulatorEnv>>();

  const app = new Hono<EmulatorEnv>();
  app.onError(errorHandler(resolved));
  app.all('*', (c) => {
    const header = resolved.testMode ? c.req.header(variantHeaderName) : undefined;
    if (header === undefined) return defaultRoutes.fetch(c.req.raw, c.env);
    const { names, unknown } = parseVariantList(header);
    if (unknown.length > 0) {
      throw new NestException(
        400,
        unknown.map((name) => `${variantHeaderName}: unknown variant "${name}"`),
      );
    }
    const key = names.join(',');
    let routes = variantRoutes.get(key);
    if (routes === undefined) {
      // Variants of the request over those of the emulator; options given explicitly still win.
      routes = build(resolveEmulatorOptions({ ...options, variants: [...resolved.variants, ...names] }));
      variantRoutes.set(key, routes);
    }
    return routes.fetch(c.req.raw, c.env);
  });

  return {
    app,
    fetch: async (input, init) =>
      app.fetch(input instanceof Request && init === undefined ? input : new Request(input, init)),
    options: resolved,
    activeGenerations: () => tracker.active,
    reset: () => {
      store.chats.clear();
      store.sessions.clear();
    },
  };
}

/** The routes of `api.vapi.ai` for one set of resolved options. */
function createRoutes(deps: EmulatorDependencies): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.onError(errorHandler(deps.options));
  // Nest's own 404 for an unknown route.
  app.notFound((c) =>
    c.json(nestBody(new NestException(404, `Cannot ${c.req.method} ${c.req.path}`), deps.options), 404),
  );
  // Cloudflare, in front of Vapi, answers before Vapi sees anything.
  if (deps.options.requireUserAgent) app.use('*', requireUserAgent());

  // Order matters: `/chat/web` and `/chat/responses` must win over `/chat/:id`.
  registerWebChatRoutes(app, deps);
  registerResponsesRoutes(app, deps);
  registerChatRoutes(app, deps);
  registerSessionRoutes(app, deps);
  return app;
}

function errorHandler(options: ResolvedEmulatorOptions): ErrorHandler<EmulatorEnv> {
  return (error, c) => {
    const exception =
      error instanceof NestException
        ? error
        : error instanceof HTTPException
          ? new NestException(error.status, error.message)
          : new NestException(500, 'Internal server error');
    return c.json(nestBody(exception, options), exception.status as ContentfulStatusCode, {
      ...exception.headers,
    });
  };
}
