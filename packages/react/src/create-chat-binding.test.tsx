import { act, render, renderHook, screen, waitFor, cleanup } from '@testing-library/react';
import {
  UnauthorizedError,
  vapiTransport,
  vapiWebTransport,
  type ChatTransport,
  persistChat,
  chatSnapshotVersion,
  createMemoryStorage,
  type ChatStorage,
} from '@vapi-chat-kit/core';
import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  defaultPublicKey,
  type Emulator,
} from '@vapi-chat-kit/emulator';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatBinding } from './create-chat-binding';
import { Chat } from './primitives/chat';
import { axeViolations } from './test-support/axe-violations';
import { countingFetch } from './test-support/counting-fetch';
import { immediateFrames } from './test-support/manual-frames';
import { useVapiChat } from './use-vapi-chat';

// Unmount what each test rendered (no vitest globals, so no automatic cleanup).
afterEach(cleanup);

const baseUrl = 'http://vapi.test';
const privateBase = {
  apiKey: defaultPrivateKey,
  assistantId: defaultAssistantId,
  baseUrl,
  dangerouslyAllowBrowser: true,
};

let emulator: Emulator = createEmulator({ testMode: true });
beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
});
afterEach(() => {
  emulator = createEmulator({ testMode: true });
});

/** A storage that counts its writes, over a map that several "tabs" may share. */
function countingStorage(items: Map<string, string>): ChatStorage & { writes: () => number } {
  let writes = 0;
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      writes += 1;
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    writes: () => writes,
  };
}

/** Holds every turn until `open()`, then sends it through `inner`. */
function gated(inner: ChatTransport): { transport: ChatTransport; open: () => void; requests: () => number } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let requests = 0;
  return {
    open: () => open(),
    requests: () => requests,
    transport: {
      async *sendTurn(request) {
        requests += 1;
        await gate;
        // A turn stopped while held never reaches the network.
        if (request.signal?.aborted === true) return;
        yield* inner.sendTurn(request);
      },
    },
  };
}

describe('persistence', () => {
  it('restores the transcript and chain after a reload (unmount, new store, same localStorage)', async () => {
    const { fetch, requests } = countingFetch(emulator);
    const transport = vapiTransport({ ...privateBase, fetch });
    const options = {
      transport,
      chatId: 'support',
      scheduleFrame: immediateFrames,
      persist: persistChat('local'),
    };
    const first = renderHook(() => useVapiChat(options));
    await act(() => first.result.current.send('My name is Alice'));
    await waitFor(() => expect(first.result.current.status).toBe('idle'));
    const chain = first.result.current.binding.state.getState().chain;
    const reply = first.result.current.binding.state.getState().messages[1]?.text ?? '';
    expect(reply).toContain('Alice');
    first.unmount();

    const saved = JSON.parse(window.localStorage.getItem('vapi-chat-kit:support') ?? 'null') as {
      version: number;
      chain: unknown;
    };
    expect(saved.version).toBe(chatSnapshotVersion);
    expect(saved.chain).toEqual(chain);

    const second = renderHook(() => useVapiChat(options));
    expect(second.result.current.binding.state).not.toBe(first.result.current.binding.state);
    expect(
      second.result.current.messages.map((message) => [message.role, message.text.slice(0, 16)]),
    ).toEqual([
      ['user', 'My name is Alice'],
      ['assistant', reply.slice(0, 16)],
    ]);
    await act(() => second.result.current.send("What's my name?"));
    await waitFor(() => expect(second.result.current.messages[3]?.status).toBe('done'));
    expect(second.result.current.messages[3]?.text).toContain('Alice');
    expect(requests).toHaveLength(2);
  });

  it('rebuilds typed errors on restore, so a failed message still offers Retry', async () => {
    const storage = createMemoryStorage();
    const transport = vapiTransport({ ...privateBase, apiKey: 'wrong-key', fetch: emulator.fetch });
    const first = createChatBinding({ transport, persist: persistChat(storage) });
    await first.actions.send('Hello?');
    const second = createChatBinding({ transport, persist: persistChat(storage) });
    const [message] = second.state.getState().messages;
    expect(message?.status).toBe('failed');
    expect(message?.text).toBe('Hello?');
    expect(UnauthorizedError.isInstance(message?.error)).toBe(true);
    expect(message?.error?.code).toBe('unauthorized');
    expect(message?.error?.status).toBe(401);
  });

  it('restores a turn saved mid-reply as stopped, and does not write per token', async () => {
    const items = new Map<string, string>();
    const storage = countingStorage(items);
    const inner = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const gate = gated(inner);
    const first = createChatBinding({ transport: gate.transport, persist: persistChat(storage) });
    const sent = first.actions.send('How do I reset my password?');
    expect(storage.writes()).toBe(1); // the user's message, saved at once
    const reloaded = createChatBinding({ transport: inner, persist: persistChat(countingStorage(items)) });
    expect(reloaded.state.getState().messages.map((message) => message.status)).toEqual(['stopped']);
    gate.open();
    await sent;
    // then turn-start (acknowledged, chain), the first token (reply created) and the end: none per token
    expect(storage.writes()).toBe(4);
  });

  it('ignores a stored chat of another version and reads an async storage', async () => {
    const items = new Map<string, string>([
      ['vapi-chat-kit:default', JSON.stringify({ version: 0, messages: [], chain: {} })],
    ]);
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const stale = createChatBinding({
      transport,
      greeting: 'Hi!',
      persist: persistChat(countingStorage(items)),
    });
    expect(stale.state.getState().messages.map((message) => message.text)).toEqual(['Hi!']);
    expect(items.has('vapi-chat-kit:default')).toBe(false);

    const source = createChatBinding({ transport, persist: persistChat(countingStorage(items)) });
    await source.actions.send('My name is Alice');
    const asyncStorage: ChatStorage = {
      getItem: (key) => Promise.resolve(items.get(key) ?? null),
      setItem: () => Promise.resolve(),
      removeItem: () => Promise.resolve(),
    };
    const restored = createChatBinding({ transport, persist: persistChat(asyncStorage) });
    expect(restored.state.getState().messages).toEqual([]);
    await vi.waitFor(() => expect(restored.state.getState().messages).toHaveLength(2));
  });

  it('keeps the "new conversation" marker of a replaced session across a reload', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    emulator = createEmulator({ testMode: true, now: () => new Date(now) });
    const transport = vapiWebTransport({
      publicKey: defaultPublicKey,
      assistantId: defaultAssistantId,
      baseUrl,
      fetch: emulator.fetch,
    });
    const storage = createMemoryStorage();
    const first = createChatBinding({ transport, persist: persistChat(storage) });
    await first.actions.send('Hi');
    now += 25 * 60 * 60 * 1000;
    await first.actions.send('Hello again');
    const secondUserId = first.state.getState().messages[2]?.id ?? '';

    const reloaded = createChatBinding({
      transport,
      scheduleFrame: immediateFrames,
      persist: persistChat(storage),
    });
    const view = render(
      <Chat.Root chat={reloaded}>
        <Chat.Messages>
          {(id) => (
            <Chat.Message messageId={id}>
              <Chat.SessionMarker />
              <Chat.MessageText />
            </Chat.Message>
          )}
        </Chat.Messages>
      </Chat.Root>,
    );
    const marker = screen.getByRole('separator', { name: 'New conversation' });
    expect(marker.closest('[data-role]')?.textContent).toBe('New conversationHello again');
    expect(document.querySelector('[data-new-session]')?.getAttribute('data-role')).toBe('user');
    expect(reloaded.state.getState().messages[2]?.id).toBe(secondUserId);
    expect(await axeViolations(view.container)).toEqual([]);
  });
});

describe('persistence over a long conversation', () => {
  it('writes one chain, not one per turn, and says when the storage refuses a save', async () => {
    const items = new Map<string, string>();
    const storage = countingStorage(items);
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const errors: unknown[] = [];
    const binding = createChatBinding({
      transport,
      persist: persistChat(storage, { onSaveError: (error) => errors.push(error) }),
    });
    for (let turn = 1; turn <= 12; turn += 1) await binding.actions.send(`Question ${turn}`);
    const saved = JSON.parse(items.get('vapi-chat-kit:default') ?? 'null') as {
      messages: unknown[];
      chainsBeforeTurn: Record<string, unknown>;
    };
    expect(saved.messages).toHaveLength(24);
    expect(Object.keys(saved.chainsBeforeTurn)).toHaveLength(1);
    expect(errors).toEqual([]);

    // The storage is full: the chat goes on, the app hears of it, and the next change tries again.
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const setItem = vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw quota;
    });
    await binding.actions.send('One more');
    expect(binding.state.getState().messages.at(-1)?.status).toBe('done');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error === quota)).toBe(true);
    setItem.mockRestore();
    await binding.actions.send('And another');
    expect(
      (JSON.parse(items.get('vapi-chat-kit:default') ?? 'null') as { messages: unknown[] }).messages,
    ).toHaveLength(28);
  });

  it('warns on the console once, by default, until a save succeeds again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const rejecting: ChatStorage = {
      getItem: () => null,
      setItem: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
      removeItem: () => undefined,
    };
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const binding = createChatBinding({ transport, chatId: 'support', persist: persistChat(rejecting) });
    await binding.actions.send('Hello');
    await binding.actions.send('Hello again');
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(warn.mock.calls).toHaveLength(1);
    expect(warn.mock.calls[0]?.[0]).toBe(
      'vapi-chat-kit: the chat "support" could not be saved, and will not survive a reload',
    );
    warn.mockRestore();
  });

  it('reads a chat saved with the chain of every turn: keeps its markers and only the last chain', () => {
    const message = (id: string, role: 'user' | 'assistant', turnId: string) => ({
      id,
      role,
      text: id,
      status: 'done',
      createdAt: 1,
      turnId,
    });
    const items = new Map<string, string>([
      [
        'vapi-chat-kit:default',
        JSON.stringify({
          version: chatSnapshotVersion,
          messages: [
            message('u1', 'user', 't1'),
            message('a1', 'assistant', 't1'),
            message('u2', 'user', 't2'),
            message('a2', 'assistant', 't2'),
          ],
          chain: { sessionId: 's2' },
          chainsBeforeTurn: { t1: {}, t2: { sessionId: 's1' } },
        }),
      ],
    ]);
    const transport = vapiTransport({ ...privateBase, fetch: emulator.fetch });
    const binding = createChatBinding({ transport, persist: persistChat(countingStorage(items)) });
    const state = binding.state.getState();
    expect(state.messages.filter((item) => item.newSession).map((item) => item.id)).toEqual(['u2']);
    expect(state.chainsBeforeTurn).toEqual({ t2: { sessionId: 's1' } });
  });
});

describe('two tabs of one chat', () => {
  it('stay in step, never fork the chain, and a second tab cannot send while the first is mid-turn', async () => {
    const items = new Map<string, string>();
    const storageA = countingStorage(items);
    const storageB = countingStorage(items);
    const a = countingFetch(emulator);
    const b = countingFetch(emulator);
    const gate = gated(vapiTransport({ ...privateBase, fetch: a.fetch }));
    const tabA = createChatBinding({
      transport: gate.transport,
      chatId: 'support',
      persist: persistChat(storageA, { syncTabs: true }),
    });
    const tabB = createChatBinding({
      transport: vapiTransport({ ...privateBase, fetch: b.fetch }),
      chatId: 'support',
      persist: persistChat(storageB, { syncTabs: true }),
    });
    const disconnectA = tabA.connect();
    const disconnectB = tabB.connect();

    const sentA = tabA.actions.send('My name is Alice');
    await vi.waitFor(() => expect(tabB.tabs.getState().busyElsewhere).toBe(true));
    await tabB.actions.send('Am I first?');
    expect(b.requests).toHaveLength(0);
    expect(tabB.state.getState().messages).toEqual([]);
    expect(storageB.writes()).toBe(0);

    gate.open();
    await sentA;
    await vi.waitFor(() => expect(tabB.tabs.getState().busyElsewhere).toBe(false));
    await vi.waitFor(() => expect(tabB.state.getState().messages).toHaveLength(2));
    expect(tabB.state.getState().chain).toEqual(tabA.state.getState().chain);
    expect(tabB.state.getState().messages.map((message) => message.text)).toEqual(
      tabA.state.getState().messages.map((message) => message.text),
    );
    // Only the tab that sent the turn wrote its result.
    expect(storageB.writes()).toBe(0);

    await tabB.actions.send("What's my name?");
    expect(b.requests).toHaveLength(1);
    expect(tabB.state.getState().messages[3]?.text).toContain('Alice');
    await vi.waitFor(() => expect(tabA.state.getState().messages).toHaveLength(4));
    expect(tabA.state.getState().chain).toEqual(tabB.state.getState().chain);
    expect(a.requests).toHaveLength(1);
    expect(gate.requests()).toBe(1);
    disconnectA();
    disconnectB();
  });

  it('keeps a tab on the channel until its turn settles, when its last component leaves mid-turn', async () => {
    const items = new Map<string, string>();
    const gate = gated(vapiTransport({ ...privateBase, fetch: emulator.fetch }));
    const tabA = createChatBinding({
      transport: gate.transport,
      persist: persistChat(countingStorage(items), { syncTabs: true }),
    });
    const tabB = createChatBinding({
      transport: gate.transport,
      persist: persistChat(countingStorage(items), { syncTabs: true }),
    });
    const disconnectA = tabA.connect();
    const disconnectB = tabB.connect();
    const sent = tabA.actions.send('My name is Alice');
    await vi.waitFor(() => expect(tabB.tabs.getState().busyElsewhere).toBe(true));
    disconnectA();
    gate.open();
    await sent;
    await vi.waitFor(() => expect(tabB.state.getState().messages).toHaveLength(2));
    expect(tabB.state.getState().messages.map((message) => message.status)).toEqual(['done', 'done']);
    expect(tabB.state.getState().chain).toEqual(tabA.state.getState().chain);
    expect(tabB.tabs.getState().busyElsewhere).toBe(false);
    disconnectB();
  });

  it('when two tabs send at the same moment, one turn goes on and the other stays, stopped, for Retry', async () => {
    // A hub that delivers only when told, so both sends happen before either tab hears of the other.
    let queue: (() => void)[] = [];
    const deliver = (): void => {
      while (queue.length > 0) {
        const pending = queue;
        queue = [];
        for (const send of pending) send();
      }
    };
    const channels = new Set<{ listeners: Set<(event: MessageEvent) => void> }>();
    const createChannel = () => {
      const self = { listeners: new Set<(event: MessageEvent) => void>() };
      channels.add(self);
      return {
        postMessage: (data: unknown) => {
          for (const other of channels) {
            if (other === self) continue;
            queue.push(() => {
              for (const listener of other.listeners) listener(new MessageEvent('message', { data }));
            });
          }
        },
        addEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => {
          self.listeners.add(listener);
        },
        removeEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => {
          self.listeners.delete(listener);
        },
        close: () => {
          channels.delete(self);
        },
      };
    };
    const { fetch, requests } = countingFetch(emulator);
    const gateA = gated(vapiTransport({ ...privateBase, fetch }));
    const gateB = gated(vapiTransport({ ...privateBase, fetch }));
    const tabA = createChatBinding({
      transport: gateA.transport,
      persist: persistChat('memory', { syncTabs: true, createChannel }),
    });
    const tabB = createChatBinding({
      transport: gateB.transport,
      persist: persistChat('memory', { syncTabs: true, createChannel }),
    });
    tabA.connect();
    tabB.connect();
    deliver();
    const sentA = tabA.actions.send('My name is Alice');
    const sentB = tabB.actions.send('My name is Bob');
    deliver();
    const aLost = tabA.state.getState().activeTurn === undefined;
    const [winner, loser] = aLost ? [tabB, tabA] : [tabA, tabB];
    expect(winner.state.getState().activeTurn).toBeDefined();
    expect(loser.state.getState().activeTurn).toBeUndefined();
    gateA.open();
    gateB.open();
    await Promise.all([sentA, sentB]);
    deliver();
    const loserText = aLost ? 'My name is Alice' : 'My name is Bob';
    const winnerText = aLost ? 'My name is Bob' : 'My name is Alice';
    for (const tab of [winner, loser]) {
      expect(tab.state.getState().messages.map((message) => [message.role, message.status])).toEqual([
        ['user', 'done'],
        ['assistant', 'done'],
        ['user', 'stopped'],
      ]);
      expect(tab.state.getState().messages[0]?.text).toBe(winnerText);
      expect(tab.state.getState().messages[2]?.text).toBe(loserText);
    }
    expect(loser.state.getState().chain).toEqual(winner.state.getState().chain);
    expect(requests).toHaveLength(1);

    // The stopped message is retried from the shared chain: no fork.
    await loser.actions.retry(loser.state.getState().messages[2]?.id ?? '');
    expect(requests).toHaveLength(2);
    expect((JSON.parse(requests[1]?.body ?? '{}') as { previousChatId?: string }).previousChatId).toBe(
      winner.state.getState().chain.chatId,
    );
    deliver();
    expect(winner.state.getState().messages).toHaveLength(4);
    expect(winner.state.getState().chain).toEqual(loser.state.getState().chain);
  });

  it('tells a tab opened mid-turn that another tab is busy', async () => {
    const items = new Map<string, string>();
    const gate = gated(vapiTransport({ ...privateBase, fetch: emulator.fetch }));
    const tabA = createChatBinding({
      transport: gate.transport,
      persist: persistChat(countingStorage(items), { syncTabs: true }),
    });
    const disconnectA = tabA.connect();
    const sent = tabA.actions.send('Hi');
    const tabB = createChatBinding({
      transport: gate.transport,
      persist: persistChat(countingStorage(items), { syncTabs: true }),
    });
    const disconnectB = tabB.connect();
    await vi.waitFor(() => expect(tabB.tabs.getState().busyElsewhere).toBe(true));
    gate.open();
    await sent;
    await vi.waitFor(() => expect(tabB.tabs.getState().busyElsewhere).toBe(false));
    disconnectA();
    disconnectB();
  });

  it('frees the other tabs when the busy tab goes silent, and keeps them locked while it beats', async () => {
    vi.useFakeTimers();
    try {
      // An in-memory hub: messages reach every other channel of the same name at once.
      const open = new Set<{ name: string; listeners: Set<(event: MessageEvent) => void> }>();
      const createChannel = (name: string) => {
        const self = { name, listeners: new Set<(event: MessageEvent) => void>() };
        open.add(self);
        return {
          postMessage: (data: unknown) => {
            if (!open.has(self)) return;
            for (const other of open) {
              if (other !== self && other.name === name) {
                for (const listener of other.listeners) listener(new MessageEvent('message', { data }));
              }
            }
          },
          addEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => {
            self.listeners.add(listener);
          },
          removeEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => {
            self.listeners.delete(listener);
          },
          close: () => {
            open.delete(self);
          },
        };
      };
      const gate = gated(vapiTransport({ ...privateBase, fetch: emulator.fetch }));
      const tabA = createChatBinding({
        transport: gate.transport,
        persist: persistChat('memory', { syncTabs: true, createChannel, tabLockTimeoutMs: 3000 }),
      });
      const tabB = createChatBinding({
        transport: gate.transport,
        persist: persistChat('memory', { syncTabs: true, createChannel, tabLockTimeoutMs: 3000 }),
      });
      tabA.connect();
      tabB.connect();
      const sent = tabA.actions.send('Hi');
      expect(tabB.tabs.getState().busyElsewhere).toBe(true);
      vi.advanceTimersByTime(10_000); // A beats every second: B stays locked
      expect(tabB.tabs.getState().busyElsewhere).toBe(true);

      // A dies without a word (no pagehide, no close): its channel, the first opened, stops delivering.
      const [channelOfA] = open;
      if (channelOfA !== undefined) open.delete(channelOfA);
      vi.advanceTimersByTime(2999);
      expect(tabB.tabs.getState().busyElsewhere).toBe(true);
      vi.advanceTimersByTime(1);
      expect(tabB.tabs.getState().busyElsewhere).toBe(false);
      tabA.actions.stop();
      await sent;
    } finally {
      vi.useRealTimers();
    }
  });
});
