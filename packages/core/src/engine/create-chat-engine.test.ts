import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../errors/unauthorized-error';
import { createMemoryStorage } from '../persist/chat-storage';
import { persistChat } from '../persist/persist-chat';
import type { ChatTransport } from '../transport/chat-transport';
import { vapiTransport } from '../transport/vapi-transport';
import { createChatEngine, type ChatEngine } from './create-chat-engine';

const base = { apiKey: defaultPrivateKey, assistantId: defaultAssistantId, baseUrl: 'http://vapi.test' };
let emulator = createEmulator({ testMode: true });
const engines: (() => void)[] = [];
afterEach(() => {
  for (const disconnect of engines.splice(0)) disconnect();
  emulator = createEmulator({ testMode: true });
});

/** Holds every turn until `open()`, and counts the turns that reached Vapi. */
function gated(inner: ChatTransport): { transport: ChatTransport; open: () => void; sent: () => number } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let sent = 0;
  return {
    transport: {
      async *sendTurn(request) {
        sent += 1;
        await gate;
        yield* inner.sendTurn(request);
      },
    },
    open: () => open(),
    sent: () => sent,
  };
}

/** Two tabs of one chat: the same storage, and a real BroadcastChannel each. */
function tab(transport: ChatTransport, storage = createMemoryStorage()): ChatEngine {
  const engine = createChatEngine({
    transport,
    chatId: 'support',
    persist: persistChat(storage, { syncTabs: true, createChannel: (name) => new BroadcastChannel(name) }),
  });
  engines.push(engine.connect());
  return engine;
}

describe('createChatEngine', () => {
  it("holds the tab lock in the store itself: no send reaches Vapi while another tab's turn runs", async () => {
    const storage = createMemoryStorage();
    const gate = gated(vapiTransport({ ...base, fetch: emulator.fetch }));
    const first = tab(gate.transport, storage);
    const second = tab(gate.transport, storage);
    const sending = first.actions.send('My name is Alice');
    await expect.poll(() => second.tabs.getState().busyElsewhere).toBe(true);

    // Through the actions, and straight through the state's own send: neither forks the chain.
    await expect(second.actions.send('Hello?')).resolves.toBe(false);
    await expect(second.state.getState().send('Hello?')).resolves.toBe(false);
    await second.state.getState().regenerate();
    expect(gate.sent()).toBe(1);
    expect(second.state.getState().messages.filter((message) => message.role === 'user')).toHaveLength(0);

    gate.open();
    await expect(sending).resolves.toBe(true);
    await expect.poll(() => second.tabs.getState().busyElsewhere).toBe(false);
    await expect.poll(() => second.state.getState().messages.length).toBe(2);
    await expect(second.actions.send("What's my name?")).resolves.toBe(true);
    expect(second.state.getState().messages[3]?.text).toContain('Alice');
  });

  it('gives a state to read and follow, without setState', () => {
    const engine = createChatEngine({ transport: vapiTransport({ ...base, fetch: emulator.fetch }) });
    expect(Object.keys(engine.state).sort()).toEqual(['getInitialState', 'getState', 'subscribe']);
    expect('setState' in engine.state).toBe(false);
    expect(engine.actions.send).toBe(engine.state.getState().send);
  });

  it('clearError clears the banner error; the failed message keeps its own, with Retry', async () => {
    const engine = createChatEngine({
      transport: vapiTransport({ ...base, apiKey: 'wrong-key', fetch: emulator.fetch }),
    });
    await expect(engine.actions.send('Hello?')).resolves.toBe(true);
    expect(engine.state.getState().status).toBe('error');
    engine.actions.clearError();
    const state = engine.state.getState();
    expect(state.status).toBe('idle');
    expect(state.error).toBeUndefined();
    expect(UnauthorizedError.isInstance(state.messages[0]?.error)).toBe(true);
    expect(state.messages[0]?.status).toBe('failed');
  });

  it('says whether send sent: blank text and a send while busy send nothing', async () => {
    const gate = gated(vapiTransport({ ...base, fetch: emulator.fetch }));
    const engine = createChatEngine({ transport: gate.transport });
    await expect(engine.actions.send('   ')).resolves.toBe(false);
    const sending = engine.actions.send('Hi');
    await expect(engine.actions.send('Again')).resolves.toBe(false);
    gate.open();
    await expect(sending).resolves.toBe(true);
    expect(gate.sent()).toBe(1);
  });
});
