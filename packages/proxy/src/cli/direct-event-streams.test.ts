import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { HttpBindings } from '@hono/node-server';
import type { ProxyStreamEvent } from '@vapi-chat-kit/core/protocol';
import { startProxyServer, type ProxyServer } from '../cli';
import { sseResponse } from '../routes/sse-response';
import { ManualScheduler } from '../test-support/manual-scheduler';
import type { TurnEventSource } from '../turn/turn-event';
import { directEventStreams } from './direct-event-streams';
import { eventually } from '../test-support/eventually';
import { eventsOf, SseReader } from '../test-support/sse-events';
import { parseCliConfig } from './cli-config';

const origin = 'https://shop.example';
const headers = { 'content-type': 'application/json', 'x-api-key': 'wk_test_public_key', origin };

// The CLI as deployed, against "Vapi" on loopback: the upstream through Node's HTTP client, each event
// written straight to the socket, turns stored in SQLite.
const emulator = createEmulator({ deltaDelayMs: 20 });
let upstream: { url: string; close: () => Promise<void> };
let proxy: ProxyServer;
let directory: string;

beforeAll(async () => {
  upstream = await new Promise((resolve) => {
    const server = serve(
      { fetch: (request: Request) => emulator.fetch(request), port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => done());
            }),
        }),
    );
  });
  directory = await mkdtemp(path.join(tmpdir(), 'proxy-direct-'));
  const result = parseCliConfig(
    [
      ...['--port', '0', '--store', `file:${path.join(directory, 'chat.db')}`],
      ...['--vapi-base-url', upstream.url, '--assistant-id', defaultAssistantId],
      ...['--widget-key', `wk_test_public_key=${origin}`],
    ],
    { VAPI_API_KEY: defaultPrivateKey },
  );
  if (!result.ok || !('config' in result)) throw new Error('config refused');
  proxy = await startProxyServer(result.config, () => undefined);
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the CLI writes event streams straight to the socket', { timeout: 15_000 }, () => {
  it("streams a turn with every middleware's headers", async () => {
    const response = await fetch(`${proxy.url}/v1/chat/stream`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ sessionId: 's1', message: 'How do I reset my password?' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('ratelimit-limit')).toBe('60');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const events = eventsOf(await response.text());
    expect(events[0]![0]).toBe('start');
    expect(events.slice(1, -1).every(([name]) => name === 'delta')).toBe(true);
    const text = events
      .slice(1, -1)
      .map(([, data]) => String(data['text']))
      .join('');
    expect(events.at(-1)).toEqual([
      'done',
      { conversationId: events[0]![1]['conversationId'], message: text },
    ]);
    expect(text.length).toBeGreaterThan(20);
  });

  it('aborts the upstream when the browser goes away, and stores the partial reply as stopped', async () => {
    const browser = new AbortController();
    const response = await fetch(`${proxy.url}/v1/chat/stream`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ sessionId: 's2', message: 'How do I reset my password?' }),
      signal: browser.signal,
    });
    const reader = new SseReader(response.body!);
    const start = (await reader.nextEvent())!;
    const shown = [(await reader.nextEvent())!, (await reader.nextEvent())!]
      .map((event) => String(event.data['text']))
      .join('');
    expect(emulator.activeGenerations()).toBe(1);
    browser.abort();
    await eventually(() => expect(emulator.activeGenerations()).toBe(0));
    const query = new URLSearchParams({
      sessionId: 's2',
      conversationId: start.data['conversationId'] as string,
    });
    await eventually(async () => {
      const history = await fetch(`${proxy.url}/v1/chat/history?${query.toString()}`, { headers });
      const body = (await history.json()) as { messages: { role: string; text: string; status: string }[] };
      expect(body.messages[1]).toMatchObject({ role: 'assistant', status: 'stopped' });
      expect(body.messages[1]!.text.startsWith(shown)).toBe(true);
    });
  });
});

/** A Node response that records what is written to it. */
class RecordingResponse extends EventEmitter {
  head: [number, Record<string, string | string[]>] | undefined;
  written = '';
  writes = 0;
  ended = false;
  writeHead(status: number, headers: Record<string, string | string[]>) {
    this.head = [status, headers];
    return this;
  }
  write(chunk: string) {
    this.writes += 1;
    this.written += chunk;
    return true;
  }
  end() {
    this.ended = true;
    this.emit('close');
    return this;
  }
}

/** A turn's events, sent by the test. */
function manualTurn() {
  const sent: ProxyStreamEvent[] = [];
  let listener: ((event: ProxyStreamEvent) => void) | undefined;
  let unsubscribed = 0;
  const source: TurnEventSource = (next) => {
    for (const event of sent) next(event);
    listener = next;
    return () => (unsubscribed += 1);
  };
  return {
    source,
    send(event: ProxyStreamEvent) {
      sent.push(event);
      listener?.(event);
    },
    unsubscribed: () => unsubscribed,
  };
}

describe('directEventStreams', () => {
  const start: ProxyStreamEvent = { event: 'start', data: { conversationId: 'c1', messageId: 'm1' } };
  const delta: ProxyStreamEvent = { event: 'delta', data: { text: 'Hi' } };
  const done: ProxyStreamEvent = { event: 'done', data: { conversationId: 'c1', message: 'Hi' } };

  it('writes the head the middleware left and each event as text, and tells the server it answered', async () => {
    const turn = manualTurn();
    turn.send(start);
    let closed = 0;
    const outgoing = new RecordingResponse();
    const fetchDirect = directEventStreams(() => {
      const response = sseResponse(turn.source, {
        scheduler: new ManualScheduler(),
        pingIntervalMs: 15_000,
        onClose: () => (closed += 1),
      });
      response.headers.set('X-Request-Id', 'r1');
      return response;
    });
    const answer = await fetchDirect(new Request('http://proxy.test/v1/chat/stream'), {
      outgoing,
    } as unknown as HttpBindings);
    expect(answer.headers.get('x-hono-already-sent')).toBe('true');
    expect(outgoing.head).toEqual([
      200,
      expect.objectContaining({
        'content-type': 'text/event-stream; charset=utf-8',
        'x-request-id': 'r1',
      }) as unknown,
    ]);
    expect(outgoing.written).toBe('event: start\ndata: {"conversationId":"c1","messageId":"m1"}\n\n');
    turn.send(delta);
    turn.send(done);
    expect(eventsOf(outgoing.written).map(([name]) => name)).toEqual(['start', 'delta', 'done']);
    // One write per event, as it happens.
    expect(outgoing.writes).toBe(3);
    expect(outgoing.ended).toBe(true);
    expect(closed).toBe(1);
  });

  it('stops the turn when the connection closes first', async () => {
    const turn = manualTurn();
    let closed = 0;
    const outgoing = new RecordingResponse();
    await directEventStreams(() =>
      sseResponse(turn.source, {
        scheduler: new ManualScheduler(),
        pingIntervalMs: 15_000,
        onClose: () => (closed += 1),
      }),
    )(new Request('http://proxy.test/v1/chat/stream'), { outgoing } as unknown as HttpBindings);
    turn.send(start);
    outgoing.emit('close');
    expect(turn.unsubscribed()).toBe(1);
    expect(closed).toBe(1);
    turn.send(delta);
    expect(eventsOf(outgoing.written).map(([name]) => name)).toEqual(['start']);
  });

  it('passes any other response through, and a stream someone already reads', async () => {
    const outgoing = new RecordingResponse();
    const json = Response.json({ ok: true });
    expect(
      await directEventStreams(() => json)(new Request('http://proxy.test/'), {
        outgoing,
      } as unknown as HttpBindings),
    ).toBe(json);
    const turn = manualTurn();
    const events = sseResponse(turn.source, {
      scheduler: new ManualScheduler(),
      pingIntervalMs: 15_000,
      onClose: () => undefined,
    });
    const reader = events.body!.getReader();
    expect(
      await directEventStreams(() => events)(new Request('http://proxy.test/'), {
        outgoing,
      } as unknown as HttpBindings),
    ).toBe(events);
    expect(outgoing.head).toBeUndefined();
    turn.send(start);
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: start');
  });
});
