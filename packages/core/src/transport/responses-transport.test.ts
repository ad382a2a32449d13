import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../protocol/chat-event';
import type { ChatTransport, ChatTurnRequest } from './chat-transport';
import { responsesTransport } from './responses-transport';

async function turn(transport: ChatTransport, request: Partial<ChatTurnRequest> & { text: string }) {
  const events: ChatEvent[] = [];
  for await (const event of transport.sendTurn({ chain: {}, turnId: crypto.randomUUID(), ...request })) {
    events.push(event);
  }
  const end = events.at(-1);
  return {
    types: events.map((event) => event.type),
    deltas: events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join(''),
    text: end?.type === 'turn-end' ? end.text : undefined,
    chatId: end?.type === 'turn-end' ? end.chatId : undefined,
    error: end?.type === 'error' ? end.error : undefined,
  };
}

const base = { apiKey: defaultPrivateKey, assistantId: defaultAssistantId, baseUrl: 'http://vapi.test' };

describe('responsesTransport against the emulator', () => {
  it('streams Responses events and chains with the response id as previousChatId', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = responsesTransport({ ...base, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'My name is Alice' });
    expect(first.types[0]).toBe('turn-start');
    expect(first.types.at(-1)).toBe('turn-end');
    expect(first.text).toBe(first.deltas);
    expect(first.chatId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await turn(transport, { text: "What's my name?", chain: { chatId: first.chatId } });
    expect(second.text).toContain('Alice');
  });

  it('reads the ResponseObject when stream is false', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = responsesTransport({ ...base, stream: false, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'My name is Alice' });
    expect(first.types).toEqual(['turn-start', 'text-delta', 'turn-end']);
    const second = await turn(transport, { text: "What's my name?", chain: { chatId: first.chatId } });
    expect(second.text).toContain('Alice');
  });

  it('reports an error event mid-stream as an upstream error, after the partial text', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = responsesTransport({
      ...base,
      fetch: emulator.fetch,
      headers: { 'x-emulator-fault': 'cut-after=2, cut-mode=error-event' },
    });
    const result = await turn(transport, { text: 'How do I reset my password?' });
    expect(result.types).toEqual(['turn-start', 'text-delta', 'text-delta', 'error']);
    expect(result.error?.code).toBe('upstream');
  });

  it('reports a stream that closes before response.completed as dropped', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = responsesTransport({
      ...base,
      fetch: emulator.fetch,
      headers: { 'x-emulator-fault': 'cut-after=2' },
    });
    const result = await turn(transport, { text: 'How do I reset my password?' });
    expect(result.types).toEqual(['turn-start', 'text-delta', 'text-delta', 'error']);
    expect(result.error?.code).toBe('network');
  });
});
