import { defaultOrgId, defaultPrivateKey, defaultPublicKey } from './default-credentials';
import type { FaultPlan } from './fault/fault-plan';
import type { BillingGate } from './http/billing-messages';
import type { AssistantConfig } from './model/assistant-config';
import { techflowAssistant } from './model/techflow-assistant';
import type { CombinationRule } from './validation/combination-rule';

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

  /** Success status of `POST /chat`, `/chat/responses`, `/chat/web` (Q5). @default 200 */
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
  /** Unknown body fields: ignored, or 400 `property <name> should not exist`. @default 'ignore' */
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
}

/**
 * {@link EmulatorOptions} with every default applied.
 *
 * @example
 * createEmulator().options.successStatus; // 200
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
 * Applies the defaults to {@link EmulatorOptions}.
 *
 * @example
 * resolveEmulatorOptions({}).privateKeys; // ['emulator-private-key']
 */
export function resolveEmulatorOptions(options: EmulatorOptions): ResolvedEmulatorOptions {
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
    successStatus: options.successStatus ?? 200,
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
    unknownFields: options.unknownFields ?? 'ignore',
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
  };
}
