import type { ProxyLogger } from '../logging/logger';
import type { Scheduler } from '../scheduler/scheduler';
import type { ChatStore, ConversationRecord, IdempotencyRecord } from '../store/chat-store';
import type { VapiUpstream } from '../upstream/vapi-upstream';
import { pendingSource, replaySource } from './stored-turn-source';
import type { TurnEventSource } from './turn-event';
import { TurnRun } from './turn-run';

export interface TurnServiceOptions {
  readonly store: ChatStore;
  readonly upstream: VapiUpstream;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly createId: (prefix: 'conv' | 'msg') => string;
  readonly logger: ProxyLogger;
  readonly logMessageText: boolean;
  readonly turnDurationMs: number;
  /** How often a retry polls the store for a first attempt running elsewhere. @default 500 */
  readonly pollMs?: number;
}

export interface TurnRequest {
  readonly keyId: string;
  readonly sessionId: string;
  readonly message: string;
  readonly idempotencyKey?: string | undefined;
}

export type TurnStart =
  | { readonly ok: true; readonly source: TurnEventSource; readonly replayed: boolean }
  | { readonly ok: false; readonly reason: 'busy' | 'key-reused' };

/** How long an idempotency record is kept: a retry a day later is still answered from the store. */
const idempotencyTtlMs = 24 * 60 * 60 * 1000;
/** Extra time a first attempt's lease (and its conversation lock) outlives the turn's maximum duration. */
const leaseMarginMs = 30_000;

/** A conversation's key in the store: the widget key id and the client's `sessionId`, unambiguously joined. */
export function conversationScope(keyId: string, sessionId: string): string {
  return `${encodeURIComponent(keyId)}|${sessionId}`;
}

async function fingerprintOf(sessionId: string, message: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${sessionId}\n${message}`));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Starts turns: finds or creates the conversation, honours `Idempotency-Key`, keeps one turn at a time per
 * conversation, and hands back the events to send.
 *
 * A retried key is answered without Vapi: from the store when the first attempt finished its reply; by
 * joining the first attempt's live events when it still runs in this process; by waiting on the store when
 * it runs in another instance. A key reused for a different message is refused. A retry of a turn whose
 * reply stopped or failed part-way runs it again (once, however many retries race), replacing that reply.
 */
export class TurnService {
  readonly #options: TurnServiceOptions;
  readonly #running = new Map<string, TurnRun>();
  readonly #all = new Set<TurnRun>();

  constructor(options: TurnServiceOptions) {
    this.#options = options;
  }

  async start(request: TurnRequest): Promise<TurnStart> {
    const { store, now, createId, turnDurationMs } = this.#options;
    const scope = conversationScope(request.keyId, request.sessionId);
    const conversation = await this.#conversation(scope);
    const messageId = createId('msg');
    const leaseMs = turnDurationMs + leaseMarginMs;

    let idempotency: { key: string; fingerprint: string; ttlMs: number } | undefined;
    let rerun: Extract<IdempotencyRecord, { state: 'finished' }> | undefined;
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
      if (
        existing?.state === 'finished' &&
        existing.status !== 'done' &&
        existing.fingerprint === fingerprint
      ) {
        // The first attempt's reply stopped or failed part-way: a retry asks for the reply again (core's
        // `retry`). Take the record over atomically so only one retry re-runs it; the loser joins it.
        const replaced = await store.replaceIdempotency(
          key,
          existing,
          pending(existing.messageId),
          idempotencyTtlMs,
        );
        if (replaced) rerun = existing;
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
        });
        return { ok: true, source, replayed: true };
      }
      idempotency = { key, fingerprint, ttlMs: idempotencyTtlMs };
    }

    const lockName = `turn:${conversation.id}`;
    const token = await store.tryLock(lockName, leaseMs);
    if (token === undefined) {
      if (rerun && idempotency) await store.finishIdempotency(idempotency.key, rerun, idempotencyTtlMs);
      else if (idempotency) await store.releaseIdempotency(idempotency.key);
      return { ok: false, reason: 'busy' };
    }
    // The reply being replaced goes: the history keeps one reply per turn, as the browser does.
    if (rerun) await store.removeMessage(conversation.id, rerun.messageId);

    const run = new TurnRun({
      ...this.#options,
      conversation,
      keyId: request.keyId,
      message: request.message,
      userMessageId: createId('msg'),
      userMessageStored: rerun !== undefined,
      messageId: rerun?.messageId ?? messageId,
      idempotency,
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

  async #conversation(scope: string): Promise<ConversationRecord> {
    const { store, now, createId } = this.#options;
    const found = await store.findConversation(scope);
    if (found) return found;
    const at = new Date(now()).toISOString();
    return store.createConversation({ id: createId('conv'), scope, createdAt: at, updatedAt: at });
  }
}
