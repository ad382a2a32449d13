import { defaultOrgId, defaultPrivateKey, defaultPublicKey } from './default-credentials';
import type { FaultPlan } from './fault/fault-plan';
import type { BillingGate } from './http/billing-messages';
import type { AssistantConfig } from './model/assistant-config';
import { techflowAssistant } from './model/techflow-assistant';
import type { CombinationRule } from './validation/combination-rule';
import { variantOptions, type EmulatorVariantName } from './variants/emulator-variants';

/**
 * A public key with the restrictions Vapi lets an org put on one (reference §9).
 *
 * @example
 * const key: PublicKeyConfig = { key: 'site-key', allowedOrigins: ['https://shop.example'] };
 */
export interface PublicKeyConfig {
  readonly key: string;
  /** Origins allowed to use the key on `/chat/web*`; absent = any origin. */
  readonly allowedOrigins?: readonly string[];
  /** Assistant ids the key may use; absent = any. */
  readonly allowedAssistantIds?: readonly string[];
  /** Whether a transient `assistant` object may be sent with this key. @default true */
  readonly allowTransientAssistant?: boolean;
}

/**
 * Fixed-window rate limit per key (reference §13.2, Q14).
 *
 * @example
 * createEmulator({ rateLimit: { requests: 2, windowMs: 10_000 } });
 */
export interface RateLimitConfig {
  /** Requests allowed per window and key. */
  readonly requests: number;
  readonly windowMs: number;
  /** `Retry-After` seconds; `null` leaves the header out. @default seconds until the window ends */
  readonly retryAfterSeconds?: number | null;
}

/**
 * Options of {@link createEmulator}. Everything is optional; the defaults model Vapi as the
 * reference's §13.2 table describes, with no delays.
 *
 * @example
 * const emulator = createEmulator({ testMode: true, now: () => clock, terminalEvent: 'done' });
 */
export interface EmulatorOptions {
  /** Private keys (Bearer) accepted everywhere except `/chat/web*`. @default ['emulator-private-key'] */
  readonly privateKeys?: readonly string[];
  /** Public keys accepted on `/chat/web*` only. @default ['emulator-public-key'] */
  readonly publicKeys?: readonly (string | PublicKeyConfig)[];
  /** Saved assistants. @default [techflowAssistant] */
  readonly assistants?: readonly AssistantConfig[];
  /** `orgId` written on chats and sessions. @default '00000000-0000-4000-8000-0000000000a1' */
  readonly orgId?: string;
  /** The clock, for timestamps, session expiry and rate limits. @default () => new Date() */
  readonly now?: () => Date;
  /** Makes ids for chats, sessions and messages. @default crypto.randomUUID */
  readonly createId?: () => string;
  /** Delay before each streamed delta, in ms. @default 0 (the CLI uses 15) */
  readonly deltaDelayMs?: number;
  /** Honour the `x-emulator-fault` request header. @default false */
  readonly testMode?: boolean;
  /** Faults applied to every request, in the header grammar or as a plan. @default none */
  readonly faults?: string | FaultPlan;

  // §13.2 switches: one per behaviour Vapi does not document.

  /**
   * Success status of `POST /chat`, `/chat/responses`, `/chat/web` (Q5). A live `/chat/web` stream was seen
   * answering 201 (reference §15). @default 201
   */
  readonly successStatus?: 200 | 201;
  /** What ends a `/chat` stream besides the body closing (Q2). @default 'none' */
  readonly terminalEvent?: 'none' | 'done' | 'output' | 'both';
  /** Whether the SSE `id` is the chat id or a distinct stream id (Q1). @default 'chat-id' */
  readonly streamId?: 'chat-id' | 'distinct';
  /** Write `event: <type>` lines (Q3). @default false */
  readonly sseEventLines?: boolean;
  /** Interval of `: ping` comments while a stream is open, in ms; 0 = none (Q3). @default 0 */
  readonly pingIntervalMs?: number;
  /** Write `retry: <ms>` first; undefined = none (Q3). @default undefined */
  readonly retryMs?: number;
  /** Split every write into pieces of this many bytes; 0 = one write per event. @default 0 */
  readonly writeSplitBytes?: number;
  /** Status per combination rule of `POST /chat` (Q4). @default 400 for each */
  readonly ruleStatus?: Partial<Record<CombinationRule, number>>;
  /** Status for an unknown `previousChatId`, `sessionId` or `assistantId` (Q4). @default 404 */
  readonly unknownReferenceStatus?: 400 | 404;
  /** Status for an expired or completed session on `/chat` (Q4). @default 400 */
  readonly inactiveSessionStatus?: number;
  /** `assistant` together with `assistantId` on `/chat`. @default 'assistant-id-wins' */
  readonly assistantWithAssistantId?: 'assistant-id-wins' | 'reject';
  /**
   * Unknown body fields: 400 `property <name> should not exist`, as live reports show (reference §15), or
   * ignored. @default 'reject'
   */
  readonly unknownFields?: 'ignore' | 'reject';
  /** How a stream fails at `cut-after` (Q6). @default 'close' */
  readonly midStreamFailure?: 'close' | 'reset' | 'error-event';
  /** Scripted tool-call turns, text on `chat.output[2].content` (Q7). @default false */
  readonly toolCalls?: boolean;
  /** What `Chat.messages` holds (Q16). @default 'full-history' */
  readonly chatMessages?: 'full-history' | 'turn-input';
  /** Reply to `sessionEnd: true` with `stream: true` (Q13). @default 'empty-stream' */
  readonly sessionEndReply?: 'empty-stream' | 'json';
  /** Whether `/chat/responses` streams when `stream` is omitted (Q10). @default true */
  readonly responsesStreamByDefault?: boolean;
  /** Add `response.created`, `response.in_progress` and `sequence_number` (Q10). @default false */
  readonly responsesExtraEvents?: boolean;
  /** `previous_response_id` on `/chat/responses`: ignored, or an alias of `previousChatId` (Q9). @default 'ignore' */
  readonly previousResponseId?: 'ignore' | 'alias';
  /** Public keys on private endpoints such as `GET /chat/{id}` (Q11). @default 'reject' */
  readonly publicKeyOnPrivateEndpoints?: 'reject' | 'allow';
  /** Status when a public key's origin list rejects the `Origin` (Q12). @default 401 */
  readonly disallowedOriginStatus?: 401 | 403;
  /** Rate limit per key (Q14). @default false (off) */
  readonly rateLimit?: RateLimitConfig | false;
  /** Emit `metadata.nextCursor` and accept `cursor` on lists (Q15). @default false */
  readonly cursorPagination?: boolean;
  /** The chat billing gate: 402 on every chat turn with the chosen message. @default 'ok' */
  readonly billing?: 'ok' | BillingGate;

  // Reference §15: what live reports say, where it is likely or unknown. Each is also a named variant.

  /**
   * Error bodies: Nest's `{message, error, statusCode}`, or `'lean'`: without `error`, and a 402 with
   * `reason` (`{message, reason, statusCode}`), as live reports show. @default 'nest'
   */
  readonly errorBodies?: 'nest' | 'lean';
  /** The 401 for a key nobody issued: Vapi's "Invalid Key. Hot tip…", or a plain `Unauthorized`. @default 'hot-tip' */
  readonly unknownKeyMessage?: 'hot-tip' | 'plain';
  /**
   * Answer a request without a `User-Agent` with 403 `error code: 1010` (text/plain), as Cloudflare in front
   * of api.vapi.ai does. @default false
   */
  readonly requireUserAgent?: boolean;
  /**
   * On a streaming request, the billing gate and `status` faults of 5xx answer inside a 2xx stream as one
   * error chunk, after the success status, as the billing gate was seen to. @default false
   */
  readonly errorsInStream?: boolean;
  /**
   * The body of an error chunk in a `/chat` stream (`errorsInStream`, and `cut-mode=error-event`): Nest's
   * `{message, error, statusCode}`, `{message, reason, statusCode}`, `{error}` or `{message: [...]}`.
   * @default 'nest'
   */
  readonly streamErrorBody?: StreamErrorBody;
  /** Leave the stream's last event without the blank line (and line end) that ends it. @default false */
  readonly unterminatedLastEvent?: boolean;
  /**
   * The chat of a stream that was cut, stalled or left by its client: kept (it is stored before the first
   * byte), or dropped, so a later `previousChatId` naming it is unknown. @default 'kept'
   */
  readonly incompleteChats?: 'kept' | 'dropped';
  /**
   * The `output` of the final `/chat` chunk (`terminalEvent` `output` or `both`): the text, the `Chat.output`
   * messages, messages with content parts (`[{type: 'text', text}]`), or an empty list. @default 'string'
   */
  readonly outputEventShape?: 'string' | 'messages' | 'content-parts' | 'empty';
  /**
   * Responses objects as the spec has them (`object: "response"`, parts `output_text`), or as Vapi's own
   * OpenAI-compatibility page shows them (`object: "chat.response"`, parts `text`, `created`, `usage`).
   * @default 'spec'
   */
  readonly responsesShape?: 'spec' | 'docs';
  /** Whether a Responses stream ends with `response.completed` (Vapi's quickstart reads only deltas). @default true */
  readonly responsesCompleted?: boolean;
  /** A `/chat/web` `sessionId` nobody knows: an error (`unknownReferenceStatus`), or a new session. @default 'error' */
  readonly webUnknownSession?: 'error' | 'new-session';
  /** A session expires `expirationSeconds` after it was created, or after it was last used. @default 'created' */
  readonly sessionExpiry?: 'created' | 'inactivity';
  /**
   * Named variants (see `emulatorVariants`), applied in order over the defaults; options given here
   * explicitly win over them. @default []
   */
  readonly variants?: readonly EmulatorVariantName[];
}

/**
 * The body of an error chunk inside a `/chat` stream (reference §15).
 *
 * @example
 * createEmulator({ errorsInStream: true, streamErrorBody: 'reason' });
 */
export type StreamErrorBody = 'nest' | 'reason' | 'error-field' | 'message-list';

/**
 * {@link EmulatorOptions} with every default applied.
 *
 * @example
 * createEmulator().options.successStatus; // 201
 */
export interface ResolvedEmulatorOptions extends Required<
  Omit<EmulatorOptions, 'publicKeys' | 'faults' | 'retryMs' | 'ruleStatus'>
> {
  readonly publicKeys: readonly PublicKeyConfig[];
  readonly faults: FaultPlan | string;
  readonly retryMs: number | undefined;
  readonly ruleStatus: Partial<Record<CombinationRule, number>>;
}

/**
 * Applies the named variants, then the defaults, to {@link EmulatorOptions}. An option given explicitly
 * wins over a variant's.
 *
 * @example
 * resolveEmulatorOptions({}).privateKeys; // ['emulator-private-key']
 * resolveEmulatorOptions({ variants: ['success-200'] }).successStatus; // 200
 */
export function resolveEmulatorOptions(given: EmulatorOptions): ResolvedEmulatorOptions {
  const options: EmulatorOptions = { ...variantOptions(given.variants ?? []), ...definedOnly(given) };
  return {
    privateKeys: options.privateKeys ?? [defaultPrivateKey],
    publicKeys: (options.publicKeys ?? [defaultPublicKey]).map((entry) =>
      typeof entry === 'string' ? { key: entry } : entry,
    ),
    assistants: options.assistants ?? [techflowAssistant],
    orgId: options.orgId ?? defaultOrgId,
    now: options.now ?? (() => new Date()),
    createId: options.createId ?? (() => crypto.randomUUID()),
    deltaDelayMs: options.deltaDelayMs ?? 0,
    testMode: options.testMode ?? false,
    faults: options.faults ?? {},
    successStatus: options.successStatus ?? 201,
    terminalEvent: options.terminalEvent ?? 'none',
    streamId: options.streamId ?? 'chat-id',
    sseEventLines: options.sseEventLines ?? false,
    pingIntervalMs: options.pingIntervalMs ?? 0,
    retryMs: options.retryMs,
    writeSplitBytes: options.writeSplitBytes ?? 0,
    ruleStatus: options.ruleStatus ?? {},
    unknownReferenceStatus: options.unknownReferenceStatus ?? 404,
    inactiveSessionStatus: options.inactiveSessionStatus ?? 400,
    assistantWithAssistantId: options.assistantWithAssistantId ?? 'assistant-id-wins',
    unknownFields: options.unknownFields ?? 'reject',
    midStreamFailure: options.midStreamFailure ?? 'close',
    toolCalls: options.toolCalls ?? false,
    chatMessages: options.chatMessages ?? 'full-history',
    sessionEndReply: options.sessionEndReply ?? 'empty-stream',
    responsesStreamByDefault: options.responsesStreamByDefault ?? true,
    responsesExtraEvents: options.responsesExtraEvents ?? false,
    previousResponseId: options.previousResponseId ?? 'ignore',
    publicKeyOnPrivateEndpoints: options.publicKeyOnPrivateEndpoints ?? 'reject',
    disallowedOriginStatus: options.disallowedOriginStatus ?? 401,
    rateLimit: options.rateLimit ?? false,
    cursorPagination: options.cursorPagination ?? false,
    billing: options.billing ?? 'ok',
    errorBodies: options.errorBodies ?? 'nest',
    unknownKeyMessage: options.unknownKeyMessage ?? 'hot-tip',
    requireUserAgent: options.requireUserAgent ?? false,
    errorsInStream: options.errorsInStream ?? false,
    streamErrorBody: options.streamErrorBody ?? 'nest',
    unterminatedLastEvent: options.unterminatedLastEvent ?? false,
    incompleteChats: options.incompleteChats ?? 'kept',
    outputEventShape: options.outputEventShape ?? 'string',
    responsesShape: options.responsesShape ?? 'spec',
    responsesCompleted: options.responsesCompleted ?? true,
    webUnknownSession: options.webUnknownSession ?? 'error',
    sessionExpiry: options.sessionExpiry ?? 'created',
    variants: options.variants ?? [],
  };
}

// `{ successStatus: undefined }` (an option passed through unset) must not hide a variant's value.
function definedOnly(options: EmulatorOptions): EmulatorOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
