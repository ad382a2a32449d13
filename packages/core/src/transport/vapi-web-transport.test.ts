import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  defaultPublicKey,
} from '@vapi-chat-kit/emulator';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../protocol/chat-event';
import type { ChatTransport, ChatTurnRequest } from './chat-transport';
import { vapiWebTransport } from './vapi-web-transport';

async function turn(transport: ChatTransport, request: Partial<ChatTurnRequest> & { text: string }) {
  const events: ChatEvent[] = [];
  for await (const event of transport.sendTurn({ chain: {}, turnId: crypto.randomUUID(), ...request })) {
    events.push(event);
  }
  const end = events.at(-1);
  return {
    types: events.map((event) => event.type),
    text: end?.type === 'turn-end' ? end.text : undefined,
    sessionId: end?.type === 'turn-end' ? end.sessionId : undefined,
    error: end?.type === 'error' ? end.error : undefined,
  };
}

const base = { publicKey: defaultPublicKey, assistantId: defaultAssistantId, baseUrl: 'http://vapi.test' };

async function session(emulator: ReturnType<typeof createEmulator>, id: string) {
  const response = await emulator.app.request(`/session/${id}`, {
    headers: { authorization: `Bearer ${defaultPrivateKey}` },
  });
  return (await response.json()) as { status: string };
}

describe('vapiWebTransport against the emulator', () => {
  it('keeps context through the session named on the stream', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = vapiWebTransport({ ...base, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'My name is Alice' });
    expect(first.types.at(-1)).toBe('turn-end');
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await turn(transport, { text: "What's my name?", chain: { sessionId: first.sessionId } });
    expect(second.text).toContain('Alice');
    expect(second.sessionId).toBe(first.sessionId);
  });

  it('works without streaming too', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = vapiWebTransport({ ...base, stream: false, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'My name is Alice' });
    expect(first.types).toEqual(['turn-start', 'text-delta', 'turn-end']);
    const second = await turn(transport, { text: "What's my name?", chain: { sessionId: first.sessionId } });
    expect(second.text).toContain('Alice');
  });

  it('gets a new session from Vapi when the old one expired, without an error', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const emulator = createEmulator({ testMode: true, now: () => new Date(now) });
    const transport = vapiWebTransport({ ...base, sessionExpirationSeconds: 60, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'My name is Alice' });
    now += 61_000;
    const second = await turn(transport, { text: "What's my name?", chain: { sessionId: first.sessionId } });
    expect(second.error).toBeUndefined();
    expect(second.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.text).not.toContain('Alice');
  });

  it('ends the conversation with sessionEnd, which completes the session', async () => {
    const emulator = createEmulator({ testMode: true });
    const transport = vapiWebTransport({ ...base, fetch: emulator.fetch });
    const first = await turn(transport, { text: 'Hi' });
    expect((await session(emulator, first.sessionId!)).status).toBe('active');
    await transport.endConversation?.({ sessionId: first.sessionId });
    expect((await session(emulator, first.sessionId!)).status).toBe('completed');
  });

  it('is refused with a private key, and from an origin the public key does not allow', async () => {
    const emulator = createEmulator({
      testMode: true,
      publicKeys: [{ key: defaultPublicKey, allowedOrigins: ['https://shop.example'] }],
    });
    const wrongKind = await turn(
      vapiWebTransport({ ...base, publicKey: defaultPrivateKey, fetch: emulator.fetch }),
      {
        text: 'Hi',
      },
    );
    expect([wrongKind.types, wrongKind.error?.code]).toEqual([['error'], 'unauthorized']);
    const wrongOrigin = await turn(
      vapiWebTransport({ ...base, fetch: emulator.fetch, headers: { origin: 'https://evil.example' } }),
      { text: 'Hi' },
    );
    expect(wrongOrigin.error?.code).toBe('unauthorized');
    const rightOrigin = await turn(
      vapiWebTransport({ ...base, fetch: emulator.fetch, headers: { origin: 'https://shop.example' } }),
      { text: 'Hi' },
    );
    expect(rightOrigin.types.at(-1)).toBe('turn-end');
  });
});
