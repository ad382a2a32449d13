// The public API of @vapi-chat-kit/proxy, listed by name (STYLE.md rule 12).
// The Node CLI (`vapi-chat-proxy`, src/cli.ts) is not exported here: the app factory stays runtime-neutral.

export { createProxy, whenTurnsFinished } from './create-proxy';
export {
  createRandomId,
  defaultLimits,
  type LimitOptions,
  type ProxyOptions,
  type ResolvedLimits,
  type UpstreamOptions,
  type VisitorOptions,
  type WidgetKeyConfig,
} from './proxy-options';

// signed-in visitors: the site's backend signs, the proxy verifies
export {
  signVisitorToken,
  verifyVisitorToken,
  visitorTokenAlgorithm,
  type SignVisitorTokenOptions,
  type VisitorClaimName,
  type VisitorClaims,
  type VisitorTokenCheck,
  type VisitorTokenRefusal,
  type VisitorTokenResult,
} from './visitor/visitor-token';
export { visitorAuth } from './visitor/visitor-auth';
export type { ProxyEnv } from './proxy-env';

// logging
export {
  jsonLineLogger,
  redactingLogger,
  silentLogger,
  type LogEntry,
  type ProxyLogger,
} from './logging/logger';

// timers
export { systemScheduler, type Scheduler, type TimerHandle } from './scheduler/scheduler';

// stores
export type {
  ChainHandle,
  ConversationListing,
  ConversationStore,
  ConversationRecord,
  IdempotencyRecord,
  StoredMessage,
  StoredRating,
} from './store/conversation-store';
export {
  createMemoryLimiter,
  limiterFrom,
  type Limiter,
  type LimiterOptions,
  type LimiterState,
} from './store/limiter';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory-store';
export { createRedisStore, type RedisStoreOptions } from './store/redis-store';
export { createSqliteStore, sqliteSchemaVersion, type SqliteStoreOptions } from './store/sqlite-store';
export { openStore } from './store/open-store';

// middleware, for apps that compose their own routes
export {
  clientAddress,
  nodeRemoteAddress,
  type ClientAddressOptions,
} from './middleware/client-address/client-address';
export { createAddressMatcher } from './middleware/client-address/address-matcher';
export { widgetCors } from './middleware/cors/widget-cors';
export { jsonBody } from './middleware/json-body/json-body';
export { rateLimit, rateLimitHeaders } from './middleware/rate-limit/rate-limit';
export { requestLog } from './middleware/request-log/request-log';
export { widgetAuth } from './middleware/widget-auth/widget-auth';

// upstream
export {
  createVapiUpstream,
  type UpstreamTurn,
  type UpstreamTurnRequest,
  type VapiUpstream,
} from './upstream/vapi-upstream';
export { upstreamFailure, type UpstreamFailure } from './upstream/upstream-failure';
export { failureByCode } from './turn/turn-event';
