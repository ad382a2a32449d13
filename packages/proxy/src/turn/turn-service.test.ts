import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import { createHarness, historyHeaders, turnInit } from '../test-support/proxy-harness';
import { eventsOf, SseReader } from '../test-support/sse-events';
import { eventually } from '../test-support/eventually';
import type { ManualScheduler } from '../test-support/manual-scheduler';

const key = (value: string) => ({ 'idempotency-key': value });

/** Moves the test's clock on, 50 ms at a time, until `work` settles. */
async function advancingUntil<T>(scheduler: ManualScheduler, pending: T | Promise<T>): Promise<T> {
  const work = Promise.resolve(pending);
  let settled = false;
  void work.finally(() => (settled = true)).catch(() => undefined);
  for (let step = 0; step < 400 && !settled; step++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (!settled) scheduler.advance(50);
  }
  return work;
}

async function historyOf(
  harness: ReturnType<typeof createHarness>,
  sessionId: string,
  conversationId: string,
) {
  const query = new URLSearchParams({ sessionId, conversationId });
  const response = await harness.app.request(`/v1/chat/history?${query.toString()}`, {
    headers: historyHeaders,
  });
  return ((await response.json()) as { messages: { role: string; text: string; status: string }[] }).messages;
}

describe('Idempotency-Key', () => {
  it('answers a retried JSON turn from the store without calling Vapi again', async () => {
    const harness = createHarness();
    const first = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')),
    );
    const second = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')),
    );
    expect(second.status).toBe(200);
    const firstBody = (await first.json()) as { conversationId: string; message: string };
    expect(await second.json()).toEqual(firstBody);
    expect(harness.calls).toHaveLength(1);
    expect(await historyOf(harness, 's1', firstBody.conversationId)).toHaveLength(2);
  });

  it('replays a finished streamed turn as start, the whole text, done', async () => {
    const harness = createHarness();
    const first = eventsOf(
      await (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')),
        )
      ).text(),
    );
    const replay = eventsOf(
      await (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')),
        )
      ).text(),
    );
    const text = first
      .filter(([name]) => name === 'delta')
      .map(([, data]) => data['text'])
      .join('');
    expect(replay).toEqual([first[0], ['delta', { text }], first.at(-1)]);
    expect(harness.calls).toHaveLength(1);
  });

  it('scopes keys per conversation and refuses a key reused for another message with 422', async () => {
    const harness = createHarness();
    await harness.app.request('/v1/chat', turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')));
    const reused = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Something else' }, key('t-1')),
    );
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      error: 'Idempotency-Key was already used for a different request',
      code: 'idempotency_key_reused',
    });
    const otherSession = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's2', message: 'Something else' }, key('t-1')),
    );
    expect(otherSession.status).toBe(200);
    expect(harness.calls).toHaveLength(2);
  });

  it('joins a retry to the first attempt still in flight; the upstream stops only when both have left', async () => {
    const harness = createHarness();
    harness.fault = 'stall-after=2';
    const first = new SseReader(
      (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'How do I reset my password?' }, key('t-1')),
        )
      ).body!,
    );
    const start = (await first.nextEvent())!;
    const deltas = [(await first.nextEvent())!, (await first.nextEvent())!];

    const retry = new SseReader(
      (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'How do I reset my password?' }, key('t-1')),
        )
      ).body!,
    );
    expect(await retry.nextEvent()).toEqual(start);
    expect(await retry.nextEvent()).toEqual(deltas[0]);
    expect(await retry.nextEvent()).toEqual(deltas[1]);
    expect(harness.calls).toHaveLength(1);

    await first.cancel();
    expect(harness.calls[0]!.signal!.aborted).toBe(false);
    expect(harness.emulator.activeGenerations()).toBe(1);
    await retry.cancel();
    expect(harness.calls[0]!.signal!.aborted).toBe(true);

    const partial = `${String(deltas[0]!.data['text'])}${String(deltas[1]!.data['text'])}`;
    const conversationId = start.data['conversationId'] as string;
    await eventually(async () =>
      expect((await historyOf(harness, 's1', conversationId))[1]).toMatchObject({
        text: partial,
        status: 'stopped',
      }),
    );

    // A third attempt (core's `retry`) asks for the reply again: the turn runs once more and its reply
    // replaces the stopped one.
    harness.fault = '';
    const third = eventsOf(
      await (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'How do I reset my password?' }, key('t-1')),
        )
      ).text(),
    );
    expect(third[0]).toEqual(['start', start.data]);
    expect(third.at(-1)![0]).toBe('done');
    const reply = third.at(-1)![1]['message'] as string;
    expect(reply.startsWith(partial)).toBe(true);
    expect(reply.length).toBeGreaterThan(partial.length);
    expect(harness.calls).toHaveLength(2);
    expect(harness.calls[1]!.body['previousChatId']).toBeUndefined();
    expect(await historyOf(harness, 's1', conversationId)).toEqual([
      expect.objectContaining({ role: 'user', text: 'How do I reset my password?', status: 'done' }),
      expect.objectContaining({
        id: start.data['messageId'],
        role: 'assistant',
        text: reply,
        status: 'done',
      }),
    ]);

    // Now the turn is done: a fourth attempt is answered from the store.
    const fourth = eventsOf(
      await (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'How do I reset my password?' }, key('t-1')),
        )
      ).text(),
    );
    expect(fourth).toEqual([
      ['start', start.data],
      ['delta', { text: reply }],
      ['done', { conversationId, message: reply }],
    ]);
    expect(harness.calls).toHaveLength(2);
  });

  it('re-runs a turn that failed part-way once, however many retries race', async () => {
    const harness = createHarness();
    harness.fault = 'cut-after=1, cut-mode=error-event';
    const init = () => turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1'));
    const failed = await harness.app.request('/v1/chat', init());
    expect(failed.status).toBe(502);
    harness.fault = 'stall-after=1';
    const [a, b] = await Promise.all([
      harness.app.request('/v1/chat/stream', init()),
      harness.app.request('/v1/chat/stream', init()),
    ]);
    const readers = [new SseReader(a.body!), new SseReader(b.body!)];
    for (const reader of readers) {
      expect(await reader.nextEvent()).toMatchObject({ event: 'start' });
      expect(await reader.nextEvent()).toMatchObject({ event: 'delta' });
    }
    expect(harness.calls).toHaveLength(2);
    for (const reader of readers) await reader.cancel();
  });

  it('keeps a re-run retryable when Vapi refuses it, without storing the user message twice', async () => {
    const harness = createHarness();
    harness.fault = 'cut-after=1, cut-mode=error-event';
    const init = () => turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1'));
    const { conversationId } = (await (await harness.app.request('/v1/chat/stream', init())).text()).match(
      /"conversationId":"(?<conversationId>[^"]+)"/,
    )!.groups!;
    harness.fault = 'server-error';
    expect((await harness.app.request('/v1/chat', init())).status).toBe(502);

    harness.fault = '';
    expect((await harness.app.request('/v1/chat', init())).status).toBe(200);
    expect(harness.calls).toHaveLength(3);
    const messages = await historyOf(harness, 's1', conversationId!);
    expect(messages.map((message) => `${message.role}:${message.status}`)).toEqual([
      'user:done',
      'assistant:done',
    ]);
  });

  it('waits for a first attempt running in another instance and replays it, without calling Vapi', async () => {
    const store = createMemoryStore();
    const a = createHarness({ store });
    const b = createHarness({ store, proxy: {} });
    a.fault = 'stall-after=1';
    const first = new SseReader(
      (await a.app.request('/v1/chat/stream', turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1'))))
        .body!,
    );
    const start = (await first.nextEvent())!;
    const delta = (await first.nextEvent())!;

    const retry = new SseReader(
      (await b.app.request('/v1/chat/stream', turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1'))))
        .body!,
    );
    expect(await retry.nextEvent()).toEqual(start);
    b.scheduler.advance(500);
    await first.cancel();
    await eventually(async () =>
      expect(await historyOf(a, 's1', start.data['conversationId'] as string)).toHaveLength(2),
    );
    b.scheduler.advance(500);
    // The first attempt stopped part-way (its browser left): the waiting retry gets the text and an error,
    expect(await retry.nextEvent()).toEqual({ event: 'delta', data: delta.data });
    expect(await retry.nextEvent()).toEqual({
      event: 'error',
      data: { error: 'The assistant is unavailable', code: 'upstream_error' },
    });
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
    // and the browser's next retry re-runs the turn, on whichever instance it reaches.
    a.fault = '';
    const rerun = await b.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')),
    );
    expect(rerun.status).toBe(200);
    expect(b.calls).toHaveLength(1);
  });

  it('takes over a first attempt whose instance died once its lease runs out, and runs it once', async () => {
    const store = createMemoryStore();
    const harness = createHarness({ store });
    // What a crashed instance leaves behind: a pending record nobody will finish.
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('s1\nHi there'));
    const fingerprint = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(
      '',
    );
    const dead = {
      state: 'pending',
      fingerprint,
      conversationId: 'conv_dead',
      messageId: 'msg_dead',
      leaseExpiresAt: Date.now() + 60_000,
    } as const;
    await store.claimIdempotency('wk_test_public_key|s1|t-1', dead, 86_400_000);
    const open = () =>
      harness.app.request('/v1/chat/stream', turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')));
    const waiting = new SseReader((await open()).body!);
    expect(await waiting.nextEvent()).toEqual({
      event: 'start',
      data: { conversationId: 'conv_dead', messageId: 'msg_dead' },
    });
    harness.scheduler.advance(500);
    await eventually(() => expect(harness.scheduler.pending).toBeGreaterThan(1));
    expect(harness.calls).toHaveLength(0);
    // The lease is on the wall clock (it is shared between machines): it runs out while the retry waits.
    await store.finishIdempotency('wk_test_public_key|s1|t-1', { ...dead, leaseExpiresAt: 0 }, 86_400_000);
    harness.scheduler.advance(500);
    // The waiting retry takes the turn over and runs it; another retry racing it joins, and Vapi is asked once.
    const racing = eventsOf(await (await open()).text());
    const rest: string[] = [];
    for (let event = await waiting.nextEvent(); event; event = await waiting.nextEvent())
      rest.push(event.event);
    expect(rest.at(-1)).toBe('done');
    expect(racing.at(-1)?.[0]).toBe('done');
    expect(harness.calls).toHaveLength(1);
  });

  it('frees the conversation before the last event, so the next turn right after done is accepted', async () => {
    const memory = createMemoryStore();
    // A slow store (a remote Redis): unlocking takes a while.
    const store = {
      ...memory,
      unlock: async (name: string, token: string) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await memory.unlock(name, token);
      },
    };
    const harness = createHarness({ store });
    for (const message of ['My name is Ann', "What's my name?", 'Hi there']) {
      const response = await harness.app.request('/v1/chat', turnInit({ sessionId: 's1', message }));
      expect(response.status).toBe(200);
    }
    expect(harness.calls).toHaveLength(3);
  });

  it('accepts a turn sent the moment the previous one was stopped, waiting for it to end', async () => {
    const harness = createHarness();
    harness.fault = 'stall-after=1';
    const first = new SseReader(
      (await harness.app.request('/v1/chat/stream', turnInit({ sessionId: 's1', message: 'Hi there' })))
        .body!,
    );
    await first.nextEvent();
    await first.nextEvent();
    harness.fault = '';
    await first.cancel();
    const next = harness.app.request('/v1/chat', turnInit({ sessionId: 's1', message: 'Another' }));
    expect((await advancingUntil(harness.scheduler, next)).status).toBe(200);
    expect(harness.scheduler.now).toBeLessThan(2000);
  });

  it('refuses a second turn on a conversation while one is in flight with 409', async () => {
    const harness = createHarness();
    harness.fault = 'stall-after=1';
    const first = new SseReader(
      (
        await harness.app.request(
          '/v1/chat/stream',
          turnInit({ sessionId: 's1', message: 'Hi there' }, key('t-1')),
        )
      ).body!,
    );
    await first.nextEvent(); // start
    await first.nextEvent(); // the one delta before the stall: the upstream request has been made
    harness.fault = '';
    const answer = harness.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 's1', message: 'Another' }, key('t-2')),
    );
    // It waits two seconds for the running turn to end (one that was just stopped would), then gives up.
    const second = await advancingUntil(harness.scheduler, answer);
    expect(harness.scheduler.now).toBeGreaterThanOrEqual(2000);
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({
      error: 'A reply is already in progress for this conversation',
      code: 'conversation_busy',
    });
    await first.cancel();
    await eventually(async () => {
      const third = await harness.app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: 'Another' }, key('t-2')),
      );
      expect(third.status).toBe(200);
    });
    // The stopped first turn left no chain but a question and part of a reply: the next turn goes on in a
    // session given them, so the assistant knows what the user saw.
    expect(harness.calls.map((call) => call.path)).toEqual(['/chat', '/session', '/chat']);
    expect(harness.calls[2]?.body['input']).toEqual([
      { role: 'user', content: 'Hi there' },
      { role: 'assistant', content: expect.any(String) as unknown },
      { role: 'user', content: 'Another' },
    ]);
  });
});

describe('a chain Vapi lost', () => {
  it('continues the conversation with its context after Vapi forgot it, and says so once in the log', async () => {
    for (const chain of ['previous-chat', 'session'] as const) {
      const harness = createHarness({ chain });
      const first = await harness.app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: 'My name is Alice' }),
      );
      const { conversationId } = (await first.json()) as { conversationId: string };
      // A restarted in-process emulator, or a Vapi that deleted the chat or session: 404 for the chain.
      harness.emulator.reset();
      const second = await harness.app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: "What's my name?" }),
      );
      expect(second.status).toBe(200);
      expect(((await second.json()) as { message: string }).message).toContain('Your name is Alice');
      const third = await harness.app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: 'Who am I?' }),
      );
      expect(((await third.json()) as { message: string }).message).toContain('Your name is Alice');

      const replaced = harness.logs.filter((entry) => entry['event'] === 'chain-replaced');
      expect(replaced).toEqual([
        {
          level: 'warn',
          event: 'chain-replaced',
          conversationId,
          reason: 'refused',
          previous: chain,
          upstreamStatus: 404,
          contextMessages: 2,
        },
      ]);
      expect(JSON.stringify(replaced)).not.toContain('Alice');
      expect((await historyOf(harness, 's1', conversationId)).map((message) => message.role)).toEqual([
        'user',
        'assistant',
        'user',
        'assistant',
        'user',
        'assistant',
      ]);
    }
  });
});
