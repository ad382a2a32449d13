import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import type { ChatEvent } from '@vapi-chat-kit/core';
import { describe, expect, it } from 'vitest';
import type { ChainHandle } from '../store/chat-store';
import { createVapiUpstream } from './vapi-upstream';

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const list: ChatEvent[] = [];
  for await (const event of events) list.push(event);
  return list;
}

function recordingFetch(emulator: ReturnType<typeof createEmulator>, paths: string[]) {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    paths.push(`${request.method} ${new URL(request.url).pathname}`);
    return emulator.fetch(request);
  };
}

describe('createVapiUpstream', () => {
  it('reads a JSON Chat reply as the same events as a stream', async () => {
    const emulator = createEmulator();
    const upstream = createVapiUpstream({
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: 'http://vapi.test/',
      // A Vapi that ignores `stream: true` and answers JSON.
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const body = (await request.json()) as Record<string, unknown>;
        return emulator.fetch(
          new Request(request.url, {
            method: 'POST',
            headers: request.headers,
            body: JSON.stringify({ ...body, stream: false }),
          }),
        );
      },
    });
    const turn = await upstream.openTurn({
      message: 'My name is Eve',
      chain: undefined,
      signal: new AbortController().signal,
    });
    if (!turn.ok) throw new Error('refused');
    const events = await collect(turn.events);
    expect(events.map((event) => event.type)).toEqual(['turn-start', 'text-delta', 'turn-end']);
    const end = events[2] as Extract<ChatEvent, { type: 'turn-end' }>;
    expect(end.text).toContain('Nice to meet you, Eve!');
    expect(end.chatId).toEqual(expect.any(String));
  });

  it('starts a new Vapi session when the stored one has expired, once', async () => {
    let clock = new Date('2026-01-01T00:00:00.000Z');
    const emulator = createEmulator({ now: () => clock });
    const paths: string[] = [];
    const upstream = createVapiUpstream({
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: 'http://vapi.test',
      chain: 'session',
      fetch: recordingFetch(emulator, paths),
    });
    const signal = new AbortController().signal;
    const first = await upstream.openTurn({ message: 'Hi', chain: undefined, signal });
    if (!first.ok) throw new Error('refused');
    await collect(first.events);
    const session = first.createdSession as Extract<ChainHandle, { kind: 'session' }>;
    expect(paths).toEqual(['POST /session', 'POST /chat']);

    clock = new Date('2026-01-03T00:00:00.000Z');
    const later = await upstream.openTurn({ message: 'Hi again', chain: session, signal });
    if (!later.ok) throw new Error('refused');
    await collect(later.events);
    expect(paths).toEqual(['POST /session', 'POST /chat', 'POST /chat', 'POST /session', 'POST /chat']);
    expect(later.createdSession).toEqual({ kind: 'session', sessionId: expect.any(String) as unknown });
    expect((later.createdSession as { sessionId: string }).sessionId).not.toBe(session.sessionId);
  });

  it('reports an unreachable Vapi as a network error, and an abort as aborted', async () => {
    const upstream = createVapiUpstream({
      apiKey: 'k',
      assistantId: 'a',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const refused = await upstream.openTurn({
      message: 'Hi',
      chain: undefined,
      signal: new AbortController().signal,
    });
    expect(refused.ok === false && refused.error.code).toBe('network');
    const controller = new AbortController();
    controller.abort();
    const aborted = await upstream.openTurn({ message: 'Hi', chain: undefined, signal: controller.signal });
    expect(aborted.ok === false && aborted.error.code).toBe('aborted');
  });
});
