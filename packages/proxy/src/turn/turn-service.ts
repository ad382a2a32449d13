import type { ProxyLogger } from '../logging/logger';
import type { Scheduler } from '../scheduler/scheduler';
import {
  turnLockName,
  type ConversationStore,
  type ConversationRecord,
  type IdempotencyRecord,
} from '../store/conversation-store';
import type { VapiUpstream } from '../upstream/vapi-upstream';
import { pendingSource, replaySource } from './stored-turn-source';
import type { TurnStart } from './turn-event';
import { TurnRun } from './turn-run';

export interface TurnServiceOptions {
  readonly store: ConversationStore;
  readonly upstream: VapiUpstream;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly createId: (prefix: 'conv' | 'msg') => string;
  readonly logger: ProxyLogger;
  readonly logMessageText: boolean;
  readonly turnDurationMs: number;
  /** How often a retry polls the store for a first attempt running elsewhere. @default 500 */
  readonly pollMs?: number;
  /**
   * How long a turn's hold on its conversation (lock and idempotency lease) lasts without a heartbeat: the
   * turn of a process that died is given up this long after its last heartbeat. @default 5000
   */
  readonly leaseMs?: number;
  /** How often a running turn renews its hold and writes its reply so far. @default 1000 */
  readonly heartbeatMs?: number;
  /** How long a turn waits for a busy conversation (one ending) before it is refused. @default 2000 */
  readonly busyWaitMs?: number;
}

/** How often a waiting turn asks again for its conversation. */
const busyPollMs = 100;

export interface TurnRequest {
  readonly keyId: string;
  readonly sessionId: string;
  readonly message: string;
  readonly idempotencyKey?: string | undefined;
  /** A greeting the widget key lists, which the visitor saw before the conversation's first turn. */
  readonly greeting?: string | undefined;
  /** The signed-in visitor's id (from a verified token): the conversation is theirs. */
  readonly visitorId?: string | undefined;
  /** Given to Vapi as `assistantOverrides.variableValues` for this turn (from verified claims only). */
  readonly variableValues?: Readonly<Record<string, string>> | undefined;
}

/** How long an idempotency record is kept: a retry a day later is still answered from the store. */
const idempotencyTtlMs = 24 * 60 * 60 * 1000;
/** How many of a conversation's newest messages are checked for a reply a dead turn left `streaming`. */
const recentMessages = 50;

/**
 * A conversation's key in the store: the widget key id, the signed-in visitor's id if any, and the client's
 * `sessionId`, unambiguously joined (a `sessionId` has no `|`, and the ids are URI-encoded). An anonymous
 * caller who knows a visitor's `sessionId` reaches another conversation: their own.
 */
export function conversationScope(keyId: string, sessionId: string, visitorId?: string): string {
  return visitorId === undefined
    ? `${encodeURIComponent(keyId)}|${sessionId}`
    : `${visitorOwner(keyId, visitorId)}|${sessionId}`;
}

/** What a signed-in visitor's conversations share in the store (`ConversationRecord.owner`). */
export function visitorOwner(keyId: string, visitorId: string): string {
  return `${encodeURIComponent(keyId)}|v:${encodeURIComponent(visitorId)}`;
}

async function fingerprintOf(sessionId: string, message: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${sessionId}\n${message}`));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Starts turns: finds or creates the conversation, honours `Idempotency-Key`, keeps one turn at a time per
 * conversation, and hands back the events to send.
 *
 * A turn holds its conversation with a lease it renews on every heartbeat (the lock and its idempotency
 * record), and writes its reply as it streams. A process that dies stops renewing: a lease later the
 * conversation is free again, its reply is found `streaming` and ends `failed` with its text, and a retry
 * of that turn takes it over and runs it once, however many retries race (compare-and-set on the record).
 *
 * A retried key is answered without Vapi: from the store when the first attempt finished its reply; by
 * joining the first attempt's live events when it still runs in this process; by waiting on the store when
 * it runs in another instance (taking it over if that instance dies meanwhile). A key reused for a different
 * message is refused. A retry of a turn whose reply stopped or failed part-way runs it again (once, however
 * many retries race), replacing that reply.
 */
export class TurnService {
  readonly #options: TurnServiceOptions;
  readonly #leaseMs: number;
  readonly #running = new Map<string, TurnRun>();
  readonly #all = new Set<TurnRun>();

  constructor(options: TurnServiceOptions) {
    this.#options = options;
    this.#leaseMs = options.leaseMs ?? 5000;
  }

  async start(request: TurnRequest): Promise<TurnStart> {
    const { store, now, createId } = this.#options;
    const leaseMs = this.#leaseMs;
    const scope = conversationScope(request.keyId, request.sessionId, request.visitorId);
    const conversation = await this.#conversation(scope, request);
    const messageId = createId('msg');

    let idempotency: { key: string; fingerprint: string; ttlMs: number } | undefined;
    let rerun: { messageId: string; previous: IdempotencyRecord } | undefined;
    if (request.idempotencyKey !== undefined) {
      const key = `${scope}|${request.idempotencyKey}`;
      const fingerprint = await fingerprintOf(request.sessionId, request.message);
      const pending = (id: string): IdempotencyRecord => ({
        state: 'pending',
        fingerprint,
        conversationId: conversation.id,
        messageId: id,
        leaseExpiresAt: now() + leaseMs,
      });
      let existing = await store.claimIdempotency(key, pending(messageId), idempotencyTtlMs);
      // A retry runs the turn again when its first attempt's reply stopped or failed part-way (core's
      // `retry`), or when that attempt's process died (its lease ran out). Take the record over atomically so
      // only one retry re-runs it; the losers join it.
      const runsAgain =
        existing?.fingerprint === fingerprint &&
        (existing.state === 'finished'
          ? existing.status !== 'done'
          : existing.leaseExpiresAt <= now() && !this.#running.has(key));
      if (existing && runsAgain) {
        const replaced = await store.replaceIdempotency(
          key,
          existing,
          pending(existing.messageId),
          idempotencyTtlMs,
        );
        if (replaced) rerun = { messageId: existing.messageId, previous: existing };
        else existing = (await store.readIdempotency(key)) ?? existing;
      }
      if (existing && !rerun) {
        if (existing.fingerprint !== fingerprint) return { ok: false, reason: 'key-reused' };
        if (existing.state === 'finished')
          return { ok: true, source: replaySource(existing), replayed: true };
        const local = this.#running.get(key);
        if (local) return { ok: true, source: local.subscribe, replayed: true };
        const source = pendingSource({
          store,
          key,
          record: existing,
          scheduler: this.#options.scheduler,
          now,
          pollMs: this.#options.pollMs ?? 500,
          // The first attempt's process died while this retry waited: run the turn here.
          takeOver: () => this.start(request),
        });
        return { ok: true, source, replayed: true };
      }
      idempotency = { key, fingerprint, ttlMs: idempotencyTtlMs };
    }

    const lockName = turnLockName(conversation.id);
    // A turn sent the moment the previous one was stopped finds it still storing its reply: wait briefly.
    let token = await store.tryLock(lockName, leaseMs);
    for (
      let waited = 0;
      token === undefined && waited < (this.#options.busyWaitMs ?? 2000);
      waited += busyPollMs
    ) {
      await new Promise<void>((resolve) => this.#options.scheduler.setTimeout(resolve, busyPollMs));
      token = await store.tryLock(lockName, leaseMs);
    }
    if (token === undefined) {
      if (rerun && idempotency)
        await store.finishIdempotency(idempotency.key, rerun.previous, idempotencyTtlMs);
      else if (idempotency) await store.releaseIdempotency(idempotency.key);
      return { ok: false, reason: 'busy' };
    }
    // This turn holds the conversation now: a reply still `streaming` was left by a turn that died.
    const recent = await store.listMessages(conversation.id, recentMessages);
    for (const message of recent) {
      if (message.status === 'streaming') {
        await store.updateMessage(conversation.id, { ...message, status: 'failed' });
      }
    }
    // The reply being replaced goes: the history keeps one reply per turn, as the browser does. Its question
    // was stored with it (both at once, when the turn was accepted); a turn that died before that has neither.
    const userMessageStored =
      rerun !== undefined &&
      (rerun.previous.state === 'finished' || recent.some((message) => message.id === rerun.messageId));
    if (rerun) await store.removeMessage(conversation.id, rerun.messageId);

    // While Vapi has no conversation yet, the greeting the visitor answers opens it (stored once).
    const greeting = conversation.chain === undefined ? request.greeting : undefined;
    const greetingStored = recent[0]?.role === 'assistant' && recent[0].text === greeting;

    const run = new TurnRun({
      ...this.#options,
      conversation,
      greeting,
      greetingStored,
      keyId: request.keyId,
      message: request.message,
      variableValues: request.variableValues,
      userMessageId: createId('msg'),
      userMessageStored,
      messageId: rerun?.messageId ?? messageId,
      idempotency,
      lock: { name: lockName, token },
      leaseMs,
      heartbeatMs: this.#options.heartbeatMs ?? 1000,
      onFinished: async () => {
        if (idempotency) this.#running.delete(idempotency.key);
        await store.unlock(lockName, token);
      },
    });
    if (idempotency) this.#running.set(idempotency.key, run);
    this.#all.add(run);
    void run.finished.then(() => this.#all.delete(run));
    return { ok: true, source: run.subscribe, replayed: false };
  }

  /** Resolves when every turn running in this process has finished (for graceful shutdown and tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.#all].map((run) => run.finished));
  }

  async #conversation(scope: string, request: TurnRequest): Promise<ConversationRecord> {
    const { store, now, createId } = this.#options;
    const found = await store.findConversation(scope);
    if (found) return found;
    const at = new Date(now()).toISOString();
    return store.createConversation({
      id: createId('conv'),
      scope,
      ...(request.visitorId === undefined
        ? {}
        : { owner: visitorOwner(request.keyId, request.visitorId), sessionId: request.sessionId }),
      createdAt: at,
      updatedAt: at,
    });
  }
}
