import type { ProxyStreamEvent } from '@vapi-chat-kit/core/protocol';
import { describe, expect, it } from 'vitest';
import type { Scheduler } from '../scheduler/scheduler';
import { SseReader } from '../test-support/sse-events';
import type { TurnEventSource } from '../turn/turn-event';
import { sseResponse } from './sse-response';

/** Timers the test moves, counting how many are made and how often one is restarted in place. */
class RefreshingScheduler implements Scheduler {
  now = 0;
  created = 0;
  refreshed = 0;
  readonly #timers = new Map<number, { at: number; delayMs: number; run: () => void }>();

  setTimeout(run: () => void, delayMs: number): number {
    this.created += 1;
    this.#timers.set(this.created, { at: this.now + delayMs, delayMs, run });
    return this.created;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  refreshTimeout(handle: unknown): boolean {
    const timer = this.#timers.get(handle as number);
    if (!timer) return false;
    this.refreshed += 1;
    timer.at = this.now + timer.delayMs;
    return true;
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.#timers]) {
      if (timer.at > this.now) continue;
      this.#timers.delete(id);
      timer.run();
    }
  }
}

function manualTurn() {
  const sent: ProxyStreamEvent[] = [];
  let listener: ((event: ProxyStreamEvent) => void) | undefined;
  const source: TurnEventSource = (next) => {
    for (const event of sent) next(event);
    listener = next;
    return () => (listener = undefined);
  };
  return {
    source,
    send(event: ProxyStreamEvent) {
      sent.push(event);
      listener?.(event);
    },
  };
}

describe('sseResponse', () => {
  it('keeps one ping timer per stream, restarted in place on each event, never one per delta', async () => {
    const scheduler = new RefreshingScheduler();
    const turn = manualTurn();
    turn.send({ event: 'start', data: { conversationId: 'c1', messageId: 'm1' } });
    const reader = new SseReader(
      sseResponse(turn.source, { scheduler, pingIntervalMs: 15_000, onClose: () => undefined }).body!,
    );
    expect(await reader.next()).toMatchObject({ event: 'start' });
    for (let delta = 0; delta < 50; delta++) {
      scheduler.advance(10_000);
      turn.send({ event: 'delta', data: { text: `${delta} ` } });
      expect(await reader.next()).toMatchObject({ event: 'delta' });
    }
    // One timer, restarted by each of the 51 events (the start and 50 deltas).
    expect([scheduler.created, scheduler.refreshed]).toEqual([1, 51]);
    // Silence: a ping after the interval (the fired timer is set again: the only other timer made).
    scheduler.advance(15_000);
    expect(await reader.next()).toEqual({ comment: 'ping' });
    expect(scheduler.created).toBe(2);
    await reader.cancel();
  });
});
