/**
 * Messages between the bench and its two helper processes (the emulator host and the load client).
 * Times are `process.hrtime.bigint()` as a number of nanoseconds: CLOCK_MONOTONIC on Linux, so a time taken
 * in one process can be subtracted from one taken in another.
 */

/** How the load client reaches one path to the emulator. */
export interface StreamTarget {
  /** The streaming endpoint: the emulator's `/chat`, nginx's `/chat`, or our `/v1/chat/stream`. */
  readonly url: string;
  /** `vapi`: Vapi's `/chat` body and events; `proxy`: our `{sessionId, message}` and `event: delta`. */
  readonly format: 'vapi' | 'proxy';
  readonly headers: Readonly<Record<string, string>>;
  /** Sent in a Vapi body; nginx passes the client's body through unchanged. */
  readonly assistantId?: string;
}

/** One stream as the client saw it. */
export interface StreamResult {
  /** The user's message text: it reaches the emulator unchanged through every path, so it names the stream. */
  readonly key: string;
  readonly startedAt: number;
  readonly status: number;
  /** Our proxy's `start` event (sent before the upstream answers); absent on the Vapi format. */
  readonly startEventAt?: number;
  /** One arrival time per text delta, in order. */
  readonly deltaArrivals: readonly number[];
  /** When the client aborted (abort cycles only). */
  readonly abortedAt?: number;
  readonly error?: string;
}

export interface StreamsCommand {
  readonly kind: 'streams';
  readonly target: StreamTarget;
  readonly keyPrefix: string;
  readonly total: number;
  readonly concurrency: number;
  /** Abort each stream after this many deltas; unset = read to the end. */
  readonly abortAfterDeltas?: number;
}

export interface ClientRequest {
  readonly id: number;
  readonly command: StreamsCommand;
}

export type ClientReply =
  | { readonly id: number; readonly ok: true; readonly results: readonly StreamResult[] }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** What the emulator host recorded for one `/chat` stream. */
export interface UpstreamRecord {
  /** The monotonic time of each body write that carried a text delta (one entry per delta). */
  readonly deltaWrites: readonly number[];
  /** When the response closed: the end of the reply, or the peer going away. */
  readonly closedAt?: number;
  /** False when the connection closed before the reply was written out. */
  readonly finished: boolean;
}

/** `POST /__bench/take` on the emulator host: the records of closed streams, which it then forgets. */
export interface TakeReply {
  readonly records: Readonly<Record<string, UpstreamRecord>>;
  /** The emulator's requests that still have timed work (pacing timers, open streams). */
  readonly activeGenerations: number;
}
