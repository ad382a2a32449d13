import type { BillingGate } from '../http/billing-messages';

/**
 * How a stream fails when `cutAfter` is reached (reference §13.2, "Failure after streaming began").
 *
 * @example
 * const plan: FaultPlan = { cutAfter: 3, cutMode: 'reset' };
 */
export type CutMode = 'close' | 'reset' | 'error-event';

/**
 * Faults and stream shaping for one request. Every field is optional; a plan from the
 * `x-emulator-fault` header is laid over the one from the options, field by field.
 *
 * @example
 * createEmulator({ faults: { doneMarker: true, splitBytes: 1 } });
 */
export interface FaultPlan {
  /** Delay before the response starts (time to first byte), in ms. */
  readonly latencyMs?: number;
  /** Delay before each delta, in ms. */
  readonly deltaDelayMs?: number;
  /** Answer with this status and a Nest body instead of running the turn (e.g. 429, 402, 500). */
  readonly status?: number;
  /** `Retry-After` seconds sent with a 429; `null` leaves the header out. @default 1 */
  readonly retryAfterSeconds?: number | null;
  /** Which documented 402 message to send. @default 'payment-method' */
  readonly billing?: BillingGate;
  /** End the stream after this many deltas. */
  readonly cutAfter?: number;
  /** How the stream ends at `cutAfter`. @default 'close' */
  readonly cutMode?: CutMode;
  /** Stop writing after this many deltas and keep the connection open until the client leaves. */
  readonly stallAfter?: number;
  /** Write `data: [DONE]` after the last event. */
  readonly doneMarker?: boolean;
  /** Write a final `{id, sessionId?, output: "<full text>"}` event. */
  readonly outputEvent?: boolean;
  /** Write an `event: <name>` line before each `data:` line. */
  readonly eventLines?: boolean;
  /** Write an `id: <n>` line before each `data:` line. */
  readonly idLines?: boolean;
  /** Leave the last event without its line end and blank line (reference §15). */
  readonly unterminatedLastEvent?: boolean;
  /** Write `retry: <ms>` before the first event. */
  readonly retryMs?: number;
  /** Write a `: ping` comment every this many ms while the stream is open. */
  readonly pingMs?: number;
  /** End lines with CRLF instead of LF. */
  readonly crlf?: boolean;
  /** Split every write into pieces of this many bytes (1 = one byte per write). */
  readonly splitBytes?: number;
  /** Give the stream an id distinct from the chat id (reference §14 Q1). */
  readonly distinctStreamId?: boolean;
  /** Answer with a scripted tool-call turn: assistant `tool_calls`, `tool`, then the text on `output[2]`. */
  readonly toolCalls?: boolean;
}
