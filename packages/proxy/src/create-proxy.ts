import type {
  ProxyConversationList,
  ProxyRatingResponse,
  ProxyStreamEvent,
} from '@vapi-chat-kit/core/protocol';
import type { ProxyConversationSummary, ProxyHistoryMessage } from '@vapi-chat-kit/core';
import { Hono, type Context } from 'hono';
import {
  conversationIdPattern,
  idempotencyKeyPattern,
  parseChatRequest,
  parseRatingRequest,
} from './chat/chat-request';
import { errorResponse, errorText, invalidRequest } from './http/error-body';
import { jsonLineLogger, redactingLogger } from './logging/logger';
import { clientAddress } from './middleware/client-address/client-address';
import { widgetCors } from './middleware/cors/widget-cors';
import { jsonBody } from './middleware/json-body/json-body';
import { rateLimit } from './middleware/rate-limit/rate-limit';
import { requestLog } from './middleware/request-log/request-log';
import { constantTimeEqual } from './middleware/widget-auth/constant-time-equal';
import { widgetAuth } from './middleware/widget-auth/widget-auth';
import type { ProxyEnv } from './proxy-env';
import { createRandomId, defaultLimits, type ProxyOptions, type ResolvedLimits } from './proxy-options';
import { sseResponse } from './routes/sse-response';
import { turnLockName, type ConversationListing } from './store/conversation-store';
import { systemScheduler } from './scheduler/scheduler';
import { failureByCode, isTerminal, type TurnEventSource } from './turn/turn-event';
import { conversationScope, TurnService, visitorOwner } from './turn/turn-service';
import { visitorAuth } from './visitor/visitor-auth';
import { assertSecret, type VisitorClaimName, type VisitorClaims } from './visitor/visitor-token';
import { createVapiUpstream } from './upstream/vapi-upstream';

/** The turn engine of each app, for {@link whenTurnsFinished}. */
const turnServices = new WeakMap<object, TurnService>();

/**
 * Resolves when every turn the app is running has stored its outcome. A server calls it on shutdown, after
 * it stops accepting connections, so no reply in flight is lost.
 *
 * @example
 * server.close();
 * await whenTurnsFinished(app);
 * await store.close();
 */
export function whenTurnsFinished(app: Hono<ProxyEnv>): Promise<void> {
  return turnServices.get(app)?.idle() ?? Promise.resolve();
}

/** Retry-After for a client that has too many streams open: a stream usually ends within seconds. */
const busyStreamsRetryAfterSeconds = 2;

/** How long readiness waits for the store's answer. */
const readinessTimeoutMs = 1000;

/** Whether `work` settles successfully within `ms`. */
async function answersWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    // A late rejection (a store that fails after the deadline) is settled here, never left unhandled.
    return await Promise.race([
      work.then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The proxy as a Hono app: `POST /v1/chat`, `POST /v1/chat/stream`, `GET /v1/chat/history` (DESIGN.md, "The
 * proxy's HTTP contract"). Runs wherever Hono runs: Node (`@hono/node-server`), a Next.js route handler, a
 * Worker. It takes its dependencies as options (store, upstream `fetch`, timers) and opens no port.
 *
 * Throws when an option is missing or wrong, naming it.
 *
 * @example
 * const app = createProxy({
 *   upstream: { apiKey: process.env.VAPI_API_KEY!, assistantId: process.env.VAPI_ASSISTANT_ID! },
 *   widgetKeys: [{ key: 'wk_shop_1f2e', allowedOrigins: ['https://shop.example'] }],
 *   store: createMemoryStore(),
 * });
 * const response = await app.request('/v1/chat', { method: 'POST', headers, body });
 */
export function createProxy(options: ProxyOptions): Hono<ProxyEnv> {
  assertOptions(options);
  const limits: ResolvedLimits = { ...defaultLimits, ...options.limits };
  const scheduler = options.scheduler ?? systemScheduler;
  const now = options.now ?? Date.now;
  const logger = redactingLogger(options.logger ?? jsonLineLogger, [
    options.upstream.apiKey,
    ...options.widgetKeys.flatMap((widgetKey) => widgetKey.visitors?.secret ?? []),
  ]);
  const { store } = options;
  const turns = new TurnService({
    store,
    upstream: createVapiUpstream(options.upstream),
    scheduler,
    now,
    createId: options.createId ?? createRandomId,
    logger,
    logMessageText: options.logMessageText ?? false,
    turnDurationMs: limits.turnDurationMs,
    leaseMs: limits.turnLeaseMs,
    heartbeatMs: limits.heartbeatMs,
    busyWaitMs: limits.busyWaitMs,
  });
  const requestLimiter = store.createLimiter({
    name: 'requests',
    points: limits.requests,
    durationSeconds: limits.windowSeconds,
  });
  // Open streams, counted for real: each holds a slot until it closes. The lease only bounds a slot whose
  // instance crashed holding it (a stream never outlives its turn's maximum duration).
  const streamSlots = store.createSlots({
    name: 'streams',
    limit: limits.concurrentStreams,
    ttlMs: limits.turnDurationMs + 60_000,
  });

  const root = new Hono<ProxyEnv>();
  turnServices.set(root, turns);
  const app = options.basePath ? root.basePath(options.basePath) : root;

  root.onError((error, c) => {
    logger({ level: 'error', event: 'unhandled', error: error.name });
    return errorResponse(c, 500, errorText.internal);
  });
  root.notFound((c) => errorResponse(c, 404, errorText.notFound));

  app.use(
    '*',
    clientAddress({ trustedProxies: options.trustedProxies ?? [], remoteAddress: options.remoteAddress }),
  );
  app.use('*', requestLog(logger, now));
  app.use('*', widgetCors(options.widgetKeys));
  app.use('/v1/*', rateLimit(requestLimiter, limits.windowSeconds));
  app.use('/v1/*', widgetAuth(options.widgetKeys));
  app.use('/v1/*', visitorAuth(logger, now));

  // For load balancers and orchestrators, with no key and no rate limit. Readiness: the store answers (an
  // instance whose Redis is down answers every /v1 call 500, so it must leave the pool). Liveness: the process.
  app.get('/healthz', async (c) => {
    const ready = await answersWithin(store.ping(), readinessTimeoutMs);
    if (ready) return c.json({ status: 'ok' });
    logger({ level: 'warn', event: 'not-ready', store: store.kind });
    return errorResponse(c, 503, errorText.unavailable, { code: 'store_unavailable' });
  });
  app.get('/livez', (c) => c.json({ status: 'ok' }));

  /** Validates a turn and starts it; returns its events, or the response that refuses it. */
  const beginTurn = async (
    c: Context<ProxyEnv>,
  ): Promise<{ source: TurnEventSource; release: () => void } | Response> => {
    const parsed = parseChatRequest(c.get('jsonBody'));
    if (!parsed.ok) return invalidRequest(c, parsed.details);
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
      return invalidRequest(c, 'Idempotency-Key must be 1-255 visible ASCII characters');
    }
    const address = c.get('clientAddress');
    const slot = await streamSlots.acquire(address);
    if (slot === undefined) {
      const response = errorResponse(c, 429, errorText.tooManyRequests, {
        code: 'too_many_streams',
        retryAfter: busyStreamsRetryAfterSeconds,
      });
      response.headers.set('Retry-After', String(busyStreamsRetryAfterSeconds));
      return response;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      streamSlots.release(address, slot).catch(() => undefined);
    };
    try {
      const widgetKey = c.get('widgetKey');
      const keyId = widgetKey.id ?? widgetKey.key;
      // A greeting is used only if this key lists it: the browser names one, it never writes one.
      const { greeting } = parsed.value;
      const allowed = greeting !== undefined && (widgetKey.greetings ?? []).includes(greeting);
      if (greeting !== undefined && !allowed)
        logger({ level: 'warn', event: 'greeting-refused', key: keyId });
      const visitor = c.get('visitor');
      const started = await turns.start({
        keyId,
        sessionId: parsed.value.sessionId,
        message: parsed.value.message,
        idempotencyKey,
        ...(allowed ? { greeting } : {}),
        ...(visitor === undefined
          ? {}
          : {
              visitorId: visitor.visitorId,
              variableValues: visitorVariables(visitor, widgetKey.visitors?.variables),
            }),
      });
      if (started.ok) return { source: started.source, release };
      release();
      return started.reason === 'busy'
        ? errorResponse(c, 409, errorText.conversationBusy, { code: 'conversation_busy' })
        : errorResponse(c, 422, errorText.idempotencyKeyReused, { code: 'idempotency_key_reused' });
    } catch (error) {
      release();
      throw error;
    }
  };

  app.post('/v1/chat/stream', jsonBody(limits.bodyBytes, limits.bodyTimeoutMs, scheduler), async (c) => {
    const turn = await beginTurn(c);
    if (turn instanceof Response) return turn;
    return sseResponse(turn.source, {
      scheduler,
      pingIntervalMs: limits.pingIntervalMs,
      onClose: turn.release,
    });
  });

  app.post('/v1/chat', jsonBody(limits.bodyBytes, limits.bodyTimeoutMs, scheduler), async (c) => {
    const turn = await beginTurn(c);
    if (turn instanceof Response) return turn;
    const last = await lastEvent(turn.source, c.req.raw.signal);
    turn.release();
    if (last === undefined) return c.body(null, 499 as never);
    if (last.event === 'done') return c.json(last.data, 200);
    if (last.event !== 'error') return errorResponse(c, 500, errorText.internal);
    const { status } = failureByCode[last.data.code];
    const response = c.json(last.data, status);
    if (last.data.retryAfter !== undefined) response.headers.set('Retry-After', String(last.data.retryAfter));
    return response;
  });

  /**
   * The caller's conversation named by `sessionId` and `conversationId`: both must match, and it must be
   * the caller's (the widget key, and the visitor when one is signed in). The conversation id is the
   * unguessable half, compared in constant time.
   */
  const ownConversation = async (c: Context<ProxyEnv>, sessionId: string, conversationId: string) => {
    const widgetKey = c.get('widgetKey');
    const conversation = await store.findConversation(
      conversationScope(widgetKey.id ?? widgetKey.key, sessionId, c.get('visitor')?.visitorId),
    );
    return conversation && constantTimeEqual(conversationId, conversation.id) ? conversation : undefined;
  };

  app.get('/v1/chat/history', async (c) => {
    const sessionId = c.req.query('sessionId');
    const conversationId = c.req.query('conversationId');
    const parsed = parseChatRequest({ sessionId, message: '-' });
    if (!parsed.ok || conversationId === undefined || !conversationIdPattern.test(conversationId)) {
      return invalidRequest(c, 'sessionId and conversationId are both required');
    }
    const conversation = await ownConversation(c, parsed.value.sessionId, conversationId);
    if (!conversation) return errorResponse(c, 404, errorText.notFound);
    const stored = await store.listMessages(conversation.id, limits.historyMessages);
    // A reply still being written is not history yet; one left `streaming` by a process that died (no turn
    // holds the conversation) is a failed reply, with the text it got.
    const live =
      stored.some((message) => message.status === 'streaming') &&
      (await store.isLocked(turnLockName(conversation.id)));
    const messages = stored.flatMap((message): ProxyHistoryMessage[] => {
      if (message.status !== 'streaming') return [{ ...message, status: message.status }];
      return live ? [] : [{ ...message, status: 'failed' }];
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ conversationId: conversation.id, messages });
  });

  // A signed-in visitor's conversations, newest first, on any device: each with its `sessionId`, which
  // continues it (with the visitor's token) and reads it (`/v1/chat/history`).
  app.get('/v1/conversations', async (c) => {
    const visitor = c.get('visitor');
    if (visitor === undefined) {
      return errorResponse(c, 401, errorText.unauthorized, { code: 'visitor_required' });
    }
    const limitParameter = c.req.query('limit');
    const limit = limitParameter === undefined ? conversationListDefault : Number(limitParameter);
    if (!Number.isInteger(limit) || limit < 1 || limit > conversationListMax) {
      return invalidRequest(c, `limit must be an integer from 1 to ${conversationListMax}`);
    }
    const widgetKey = c.get('widgetKey');
    const listings = await store.listConversations(
      visitorOwner(widgetKey.id ?? widgetKey.key, visitor.visitorId),
      limit,
    );
    const conversations = await Promise.all(
      listings.map(async (listing) => {
        const live =
          listing.lastMessage?.status === 'streaming' &&
          (await store.isLocked(turnLockName(listing.record.id)));
        return conversationSummary(listing, live);
      }),
    );
    c.header('Cache-Control', 'no-store');
    return c.json({ conversations } satisfies ProxyConversationList);
  });

  // Thumbs up or down, and a comment, on an assistant reply of the caller's conversation.
  app.post('/v1/chat/rating', jsonBody(limits.bodyBytes, limits.bodyTimeoutMs, scheduler), async (c) => {
    const parsed = parseRatingRequest(c.get('jsonBody'));
    if (!parsed.ok) return invalidRequest(c, parsed.details);
    const { sessionId, conversationId, messageId, value, comment } = parsed.value;
    const conversation = await ownConversation(c, sessionId, conversationId);
    if (!conversation) return errorResponse(c, 404, errorText.notFound);
    const rating =
      value === null
        ? undefined
        : { value, ...(comment === undefined ? {} : { comment }), ratedAt: new Date(now()).toISOString() };
    const stored = await store.rateMessage(conversation.id, messageId, rating);
    if (!stored) return errorResponse(c, 404, errorText.notFound);
    logger({ level: 'info', event: 'rated', conversationId: conversation.id, value: value ?? 'removed' });
    return c.json({ messageId, rating: stored.rating ?? null } satisfies ProxyRatingResponse);
  });

  return root;
}

/** Waits for the turn's `done` or `error`; `undefined` when the client went away first (which unsubscribes). */
function lastEvent(source: TurnEventSource, signal: AbortSignal): Promise<ProxyStreamEvent | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      unsubscribe();
      resolve(undefined);
    };
    const unsubscribe = source((event) => {
      if (settled || !isTerminal(event)) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(event);
    });
    if (settled) return;
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Conversations `GET /v1/conversations` returns by default, and at most. */
const conversationListDefault = 50;
const conversationListMax = 100;

/** The configured claims of a verified visitor, as variable values (claims the token lacks are left out). */
function visitorVariables(
  visitor: VisitorClaims,
  variables: Readonly<Record<string, VisitorClaimName>> | undefined,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [variable, claim] of Object.entries(variables ?? {})) {
    const value = visitor[claim];
    if (value !== undefined) values[variable] = value;
  }
  return values;
}

/** Shortens a text for a list: at most `max` characters, cut at a word when one ends near there. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A visitor's conversation as its list shows it. */
function conversationSummary(listing: ConversationListing, live: boolean): ProxyConversationSummary {
  const { record, firstUserMessage, lastMessage } = listing;
  const status: ProxyConversationSummary['status'] =
    lastMessage === undefined
      ? 'empty'
      : lastMessage.status === 'streaming'
        ? live
          ? 'streaming'
          : 'failed'
        : lastMessage.status;
  return {
    conversationId: record.id,
    sessionId: record.sessionId ?? '',
    title: firstUserMessage === undefined ? '' : shorten(firstUserMessage.text, 80),
    ...(lastMessage === undefined
      ? {}
      : { preview: { role: lastMessage.role, text: shorten(lastMessage.text, 140) } }),
    status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function assertOptions(options: ProxyOptions): void {
  const { upstream, widgetKeys } = options;
  if (!upstream?.apiKey) throw new Error('createProxy: upstream.apiKey is required');
  if (!upstream.assistantId) throw new Error('createProxy: upstream.assistantId is required');
  if (upstream.chain !== undefined && upstream.chain !== 'previous-chat' && upstream.chain !== 'session') {
    throw new Error("createProxy: upstream.chain must be 'previous-chat' or 'session'");
  }
  if (!widgetKeys?.length) {
    throw new Error('createProxy: widgetKeys needs at least one key');
  }
  widgetKeys.forEach((widgetKey, index) => {
    if (!widgetKey.key) throw new Error(`createProxy: widgetKeys[${index}].key is empty`);
    if (!widgetKey.allowedOrigins?.length) {
      throw new Error(`createProxy: widgetKeys[${index}].allowedOrigins needs at least one origin`);
    }
    if (widgetKey.visitors !== undefined) {
      assertSecret(widgetKey.visitors.secret, `createProxy: widgetKeys[${index}].visitors.secret`);
    }
  });
  if (!options.store) throw new Error('createProxy: store is required');
}
