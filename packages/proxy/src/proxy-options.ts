import type { Context } from 'hono';
import type { ProxyLogger } from './logging/logger';
import type { Scheduler } from './scheduler/scheduler';
import type { ConversationStore } from './store/conversation-store';
import type { VisitorClaimName } from './visitor/visitor-token';

/**
 * A site's public widget key and where it may be used from.
 *
 * @example
 * const key: WidgetKeyConfig = { key: 'wk_shop_1f2e', allowedOrigins: ['https://shop.example'] };
 */
export interface WidgetKeyConfig {
  /** The public key the browser sends as `x-api-key` (or `x-widget-api-key`). */
  readonly key: string;
  /**
   * Origins allowed to use it: `https://shop.example`, `http://localhost:*` (any port), or `*` (any).
   * A request without an `Origin` header (a server, curl) is allowed: an origin is a browser's promise, not
   * an identity, so it only stops other sites' pages from using the key.
   */
  readonly allowedOrigins: readonly string[];
  /** Names the key in the store and logs, so the key can be rotated under the same id. @default the key */
  readonly id?: string;
  /**
   * The greetings a site shows before a conversation's first turn (one per language, say). The browser
   * names the one the visitor saw and answers; when it is listed here, Vapi gets it as the assistant's first
   * message, and the stored conversation opens with it. Anything else the browser sends is not used: it can
   * never put words in the assistant's mouth. @default none
   */
  readonly greetings?: readonly string[];
  /**
   * Signed-in visitors: the site's backend signs a short-lived token for a visitor (`signVisitorToken`
   * with this `secret`), and the page sends it as `X-Visitor-Token`. The visitor's conversations then
   * belong to them, on any device (`GET /v1/conversations`). Without it, a token is refused. @default none
   */
  readonly visitors?: VisitorOptions;
}

/**
 * How a widget key accepts visitor tokens.
 *
 * @example
 * const visitors: VisitorOptions = {
 *   secret: process.env.VISITOR_SECRET!,
 *   variables: { customerName: 'name', plan: 'plan' },
 * };
 */
export interface VisitorOptions {
  /** The HS256 secret the site's backend signs tokens with: at least 32 characters, never in a browser. */
  readonly secret: string;
  /**
   * Claims given to the assistant as `assistantOverrides.variableValues` (e.g. `{{customerName}}` in its
   * prompt), by variable name: `{ customerName: 'name', plan: 'plan' }`. Only verified claims are used,
   * never anything from the browser's body. @default none
   */
  readonly variables?: Readonly<Record<string, VisitorClaimName>>;
  /** How long after it was issued (`iat`) a token is still accepted, whatever its `exp` says. @default 3600 */
  readonly maxAgeSeconds?: number;
  /** Refuse requests without a visitor token (only signed-in visitors may chat). @default false */
  readonly required?: boolean;
}

/**
 * How the proxy reaches Vapi: the private key and the assistant stay here, never in a browser.
 *
 * @example
 * const upstream: UpstreamOptions = { apiKey: process.env.VAPI_API_KEY!, assistantId: 'asst-…', chain: 'session' };
 */
export interface UpstreamOptions {
  /** Vapi's private API key. */
  readonly apiKey: string;
  /** The assistant every turn uses; the browser cannot choose another. */
  readonly assistantId: string;
  /** @default 'https://api.vapi.ai' */
  readonly baseUrl?: string;
  /** The `fetch` used for Vapi (inject the emulator's here). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /**
   * How context is kept: `'previous-chat'` sends the last chat's id as `previousChatId`; `'session'` creates a
   * Vapi session (`POST /session`) per conversation and sends its `sessionId`.
   * @default 'previous-chat'
   */
  readonly chain?: 'previous-chat' | 'session';
  /** Fixed `assistantOverrides.variableValues` sent with every turn (configuration, never the browser's). */
  readonly variableValues?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Requests per window and client address, open turns per client address, and the sizes and times of a turn.
 *
 * @example
 * const limits: LimitOptions = { requests: 30, windowSeconds: 60, concurrentStreams: 2 };
 */
export interface LimitOptions {
  /** Requests allowed per window. @default 60 */
  readonly requests?: number;
  /** @default 60 */
  readonly windowSeconds?: number;
  /** Streams (and JSON turns) a client address may have open at once. @default 4 */
  readonly concurrentStreams?: number;
  /** Largest request body in bytes; larger is refused with 413 before it is read. @default 32768 */
  readonly bodyBytes?: number;
  /** A turn that runs longer is ended (`timeout`). @default 120000 */
  readonly turnDurationMs?: number;
  /**
   * How long a turn holds its conversation without renewing it: a turn whose process died is given up
   * (its reply ends `failed`, the conversation is free, a retry runs it) this long after its last heartbeat.
   * @default 5000
   */
  readonly turnLeaseMs?: number;
  /** How often a running turn renews its lease and stores its reply so far. @default 1000 */
  readonly heartbeatMs?: number;
  /** A request body must arrive within this long, or the request is answered 408. @default 10000 */
  readonly bodyTimeoutMs?: number;
  /**
   * How long a turn waits for its conversation while another turn there is ending (a reply just stopped)
   * before it is refused with 409. @default 2000
   */
  readonly busyWaitMs?: number;
  /** A `: ping` comment after this much silence on a stream. @default 15000 */
  readonly pingIntervalMs?: number;
  /** Messages the history returns (the newest). @default 500 */
  readonly historyMessages?: number;
}

/**
 * Options of {@link createProxy}.
 *
 * @example
 * const app = createProxy({
 *   upstream: { apiKey: process.env.VAPI_API_KEY!, assistantId: process.env.VAPI_ASSISTANT_ID! },
 *   widgetKeys: [{ key: 'wk_shop_1f2e', allowedOrigins: ['https://shop.example'] }],
 *   store: await openStore('file:./data/chat.db'),
 * });
 */
export interface ProxyOptions {
  readonly upstream: UpstreamOptions;
  readonly widgetKeys: readonly WidgetKeyConfig[];
  readonly store: ConversationStore;
  readonly limits?: LimitOptions;
  /**
   * Addresses of the reverse proxies in front of this one (IPs, CIDRs, or `loopback`). Only a request
   * arriving from one of them has its `X-Forwarded-For` believed. @default [] (never believed)
   */
  readonly trustedProxies?: readonly string[];
  /**
   * The peer address of a request. The default reads Node's socket (`@hono/node-server`); on another runtime
   * pass e.g. `(c) => c.req.header('cf-connecting-ip')`. @default the Node socket address
   */
  readonly remoteAddress?: (c: Context) => string | undefined;
  /** Mount the routes under a prefix, e.g. `'/api'` behind a dev server proxy. @default '' */
  readonly basePath?: string;
  /** @default a JSON line per entry on stdout/stderr */
  readonly logger?: ProxyLogger;
  /** Put message text in logs. For debugging only. @default false */
  readonly logMessageText?: boolean;
  /** Timers for pings, deadlines and polling. @default the runtime's */
  readonly scheduler?: Scheduler;
  /** The clock. @default Date.now */
  readonly now?: () => number;
  /** Makes the ids of conversations and messages. @default random, 128 bits */
  readonly createId?: (prefix: 'conv' | 'msg') => string;
}

/** {@link LimitOptions} with defaults applied. */
export type ResolvedLimits = Required<LimitOptions>;

/**
 * The defaults of {@link LimitOptions}.
 *
 * @example
 * createProxy({ ...options, limits: { requests: defaultLimits.requests * 2 } });
 */
export const defaultLimits: ResolvedLimits = {
  requests: 60,
  windowSeconds: 60,
  concurrentStreams: 4,
  bodyBytes: 32 * 1024,
  turnDurationMs: 120_000,
  turnLeaseMs: 5_000,
  heartbeatMs: 1_000,
  bodyTimeoutMs: 10_000,
  busyWaitMs: 2_000,
  pingIntervalMs: 15_000,
  historyMessages: 500,
};

/**
 * `conv_` or `msg_` and 32 hex digits from the platform's secure random source.
 *
 * @example
 * createRandomId('conv'); // 'conv_3f9c…' (128 random bits)
 */
export function createRandomId(prefix: 'conv' | 'msg'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = `${prefix}_`;
  for (const byte of bytes) id += hexDigits[byte];
  return id;
}

/** Each byte's two hex digits (ids are made several times per turn). */
const hexDigits = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
