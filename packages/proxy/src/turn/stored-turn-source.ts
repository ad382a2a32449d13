import type { ProxyStreamEvent } from '@vapi-chat-kit/core/protocol';
import type { Scheduler, TimerHandle } from '../scheduler/scheduler';
import type { ConversationStore, IdempotencyRecord } from '../store/conversation-store';
import { errorEvent, type TurnEventSource, type TurnStart } from './turn-event';

/**
 * The events that answer a retry of a finished turn: `start`, the whole text as one `delta`, then `done`.
 * A reply that stopped or failed part-way ends with `error` instead: it is not a whole reply, and a retry
 * of it re-runs the turn.
 */
export function replayEvents(record: Extract<IdempotencyRecord, { state: 'finished' }>): ProxyStreamEvent[] {
  const { conversationId, messageId, text } = record;
  return [
    { event: 'start', data: { conversationId, messageId } },
    ...(text === '' ? [] : [{ event: 'delta', data: { text } } as const]),
    record.status !== 'done'
      ? errorEvent(record.errorCode ?? 'upstream_error')
      : { event: 'done', data: { conversationId, message: text } },
  ];
}

/** A source that replays a finished turn from the store. */
export function replaySource(record: Extract<IdempotencyRecord, { state: 'finished' }>): TurnEventSource {
  return (listener) => {
    for (const event of replayEvents(record)) listener(event);
    return () => undefined;
  };
}

export interface PendingSourceOptions {
  readonly store: ConversationStore;
  readonly key: string;
  readonly record: Extract<IdempotencyRecord, { state: 'pending' }>;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly pollMs: number;
  /**
   * Starts the turn here, once the first attempt's lease has run out (its process died) or it was refused
   * and released: the same request again, which takes the turn over (only one of racing retries does).
   */
  readonly takeOver: () => Promise<TurnStart>;
}

/**
 * A retry of a turn whose first attempt runs elsewhere (another instance): says `start` at once, then polls
 * the store until the attempt finishes and replays it, never sending the turn to Vapi a second time. If the
 * attempt's process dies meanwhile (its lease runs out), or it was refused and released, the retry takes the
 * turn over and goes on with its events; if it cannot (another retry got the conversation first), it ends
 * with `upstream_error` and the client may send the turn again.
 */
export function pendingSource(options: PendingSourceOptions): TurnEventSource {
  const { store, key, record, scheduler, now, pollMs } = options;
  return (listener) => {
    let cancelled = false;
    let timer: TimerHandle;
    let unsubscribe: (() => void) | undefined;
    listener({
      event: 'start',
      data: { conversationId: record.conversationId, messageId: record.messageId },
    });
    const takeOver = async () => {
      const started = await options.takeOver().catch(() => undefined);
      if (cancelled) return;
      if (started?.ok !== true) {
        listener(errorEvent('upstream_error'));
        return;
      }
      // `start` was said already; the rest of the turn follows.
      let first = true;
      unsubscribe = started.source((event) => {
        if (first && event.event === 'start') {
          first = false;
          return;
        }
        first = false;
        listener(event);
      });
    };
    const check = async () => {
      if (cancelled) return;
      const current = await store.readIdempotency(key).catch(() => record);
      if (cancelled) return;
      if (current?.state === 'finished') {
        for (const event of replayEvents(current).slice(1)) listener(event);
        return;
      }
      // The lease as stored now: the first attempt renews it on every heartbeat.
      const leaseExpiresAt = current?.state === 'pending' ? current.leaseExpiresAt : record.leaseExpiresAt;
      if (current === undefined || now() >= leaseExpiresAt) {
        await takeOver();
        return;
      }
      timer = scheduler.setTimeout(() => void check(), pollMs);
    };
    timer = scheduler.setTimeout(() => void check(), pollMs);
    return () => {
      cancelled = true;
      scheduler.clearTimeout(timer);
      unsubscribe?.();
    };
  };
}
