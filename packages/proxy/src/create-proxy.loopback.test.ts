import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { createHarness, historyHeaders, siteOrigin, turnInit } from './test-support/proxy-harness';
import { SseReader } from './test-support/sse-events';
import { eventually } from './test-support/eventually';

async function listen(app: ReturnType<typeof createHarness>['app']) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

describe('over loopback (@hono/node-server)', () => {
  it('aborts the upstream when the browser drops the connection, and stores the partial reply as stopped', async () => {
    const harness = createHarness();
    harness.fault = 'stall-after=2';
    const server = await listen(harness.app);
    try {
      const browser = new AbortController();
      const response = await fetch(`${server.url}/v1/chat/stream`, {
        ...turnInit({ sessionId: 's1', message: 'How do I reset my password?' }),
        signal: browser.signal,
      });
      const reader = new SseReader(response.body!);
      const start = (await reader.nextEvent())!;
      const deltas = [(await reader.nextEvent())!, (await reader.nextEvent())!];
      expect(harness.calls[0]!.signal!.aborted).toBe(false);
      browser.abort();
      await eventually(() => expect(harness.calls[0]!.signal!.aborted).toBe(true));
      await eventually(() => expect(harness.emulator.activeGenerations()).toBe(0));
      const query = new URLSearchParams({
        sessionId: 's1',
        conversationId: start.data['conversationId'] as string,
      });
      await eventually(async () => {
        const history = await fetch(`${server.url}/v1/chat/history?${query.toString()}`, {
          headers: historyHeaders,
        });
        const body = (await history.json()) as { messages: { role: string; text: string; status: string }[] };
        expect(body.messages[1]).toMatchObject({
          role: 'assistant',
          text: `${String(deltas[0]!.data['text'])}${String(deltas[1]!.data['text'])}`,
          status: 'stopped',
        });
      });
    } finally {
      await server.close();
    }
  });

  it('aborts the upstream of a JSON turn when the client goes away', async () => {
    const harness = createHarness();
    harness.fault = 'stall-after=1';
    const server = await listen(harness.app);
    try {
      const client = new AbortController();
      const pending = fetch(`${server.url}/v1/chat`, {
        ...turnInit({ sessionId: 's1', message: 'Hi there' }),
        signal: client.signal,
      });
      await eventually(() => expect(harness.emulator.activeGenerations()).toBe(1));
      client.abort();
      await expect(pending).rejects.toThrow();
      await eventually(() => expect(harness.calls[0]!.signal!.aborted).toBe(true));
      await eventually(() => expect(harness.emulator.activeGenerations()).toBe(0));
    } finally {
      await server.close();
    }
  });

  it('streams each delta to the socket as it arrives', async () => {
    const harness = createHarness();
    harness.fault = 'stall-after=3';
    const server = await listen(harness.app);
    try {
      const response = await fetch(`${server.url}/v1/chat/stream`, {
        ...turnInit({ sessionId: 's1', message: 'Hi there' }),
        headers: { ...(turnInit({}).headers as Record<string, string>), origin: siteOrigin },
      });
      const reader = new SseReader(response.body!);
      // The upstream is stalled after 3 deltas: all 3 reach the client without the turn having ended.
      const names = [
        (await reader.nextEvent())!.event,
        (await reader.nextEvent())!.event,
        (await reader.nextEvent())!.event,
        (await reader.nextEvent())!.event,
      ];
      expect(names).toEqual(['start', 'delta', 'delta', 'delta']);
      await reader.cancel();
    } finally {
      await server.close();
    }
  });
});
