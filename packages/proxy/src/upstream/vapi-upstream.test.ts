import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import type { ChatEvent, VapiChainNotice } from '@vapi-chat-kit/core';
import { describe, expect, it } from 'vitest';
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

const noHistory = () => Promise.resolve([]);
const ignore = () => undefined;

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
      history: noHistory,
      signal: new AbortController().signal,
      onChainReplaced: ignore,
    });
    if (!turn.ok) throw new Error('refused');
    const events = await collect(turn.events);
    expect(events.map((event) => event.type)).toEqual(['turn-start', 'text-delta', 'turn-end']);
    const end = events[2] as Extract<ChatEvent, { type: 'turn-end' }>;
    expect(end.text).toContain('Nice to meet you, Eve!');
    expect(end.chatId).toEqual(expect.any(String));
  });

  it('starts a new Vapi session when the stored one has expired, once, given the conversation so far', async () => {
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
    const first = await upstream.openTurn({
      message: 'My name is Eve',
      chain: undefined,
      history: noHistory,
      signal,
      onChainReplaced: ignore,
    });
    if (!first.ok) throw new Error('refused');
    const firstEvents = await collect(first.events);
    const sessionId = firstEvents[0]?.type === 'turn-start' ? firstEvents[0].sessionId : undefined;
    expect(sessionId).toEqual(expect.any(String));
    expect(paths).toEqual(['POST /session', 'POST /chat']);

    clock = new Date('2026-01-03T00:00:00.000Z');
    const notices: VapiChainNotice[] = [];
    const later = await upstream.openTurn({
      message: "What's my name?",
      chain: { kind: 'session', sessionId: sessionId! },
      history: () =>
        Promise.resolve([
          { role: 'user', content: 'My name is Eve' },
          { role: 'assistant', content: 'Nice to meet you, Eve!' },
        ]),
      signal,
      onChainReplaced: (notice) => notices.push(notice),
    });
    if (!later.ok) throw new Error('refused');
    const events = await collect(later.events);
    expect(paths).toEqual(['POST /session', 'POST /chat', 'POST /chat', 'POST /session', 'POST /chat']);
    const start = events[0] as Extract<ChatEvent, { type: 'turn-start' }>;
    expect(start.sessionId).toEqual(expect.any(String));
    expect(start.sessionId).not.toBe(sessionId);
    const end = events.at(-1) as Extract<ChatEvent, { type: 'turn-end' }>;
    expect(end.text).toContain('Your name is Eve');
    expect(notices.map((notice) => [notice.reason, notice.previous, notice.status, notice.messages])).toEqual(
      [['refused', 'session', 400, 2]],
    );
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
      history: noHistory,
      signal: new AbortController().signal,
      onChainReplaced: ignore,
    });
    expect(refused.ok === false && refused.error.code).toBe('network');
    const controller = new AbortController();
    controller.abort();
    const aborted = await upstream.openTurn({
      message: 'Hi',
      chain: undefined,
      history: noHistory,
      signal: controller.signal,
      onChainReplaced: ignore,
    });
    expect(aborted.ok === false && aborted.error.code).toBe('aborted');
  });
});
