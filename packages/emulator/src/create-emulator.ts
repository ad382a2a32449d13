import { Hono } from 'hono';
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
import { NestException } from './http/nest-exception';
import { registerChatRoutes } from './routes/chat-routes';
import { registerResponsesRoutes } from './routes/responses-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { registerWebChatRoutes } from './routes/web-chat-routes';
import { EmulatorStore } from './store/emulator-store';
import { GenerationTracker } from './stream/generation-tracker';

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
  const deps: EmulatorDependencies = { options: resolved, basePlan: basePlan(resolved), store, tracker };

  const app = new Hono<EmulatorEnv>();
  app.onError((error, c) => {
    const exception =
      error instanceof NestException
        ? error
        : error instanceof HTTPException
          ? new NestException(error.status, error.message)
          : new NestException(500, 'Internal server error');
    return c.json(exception.toBody(), exception.status as ContentfulStatusCode, { ...exception.headers });
  });
  // Nest's own 404 for an unknown route.
  app.notFound((c) => c.json(new NestException(404, `Cannot ${c.req.method} ${c.req.path}`).toBody(), 404));

  // Order matters: `/chat/web` and `/chat/responses` must win over `/chat/:id`.
  registerWebChatRoutes(app, deps);
  registerResponsesRoutes(app, deps);
  registerChatRoutes(app, deps);
  registerSessionRoutes(app, deps);

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
