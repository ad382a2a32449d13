import type { ChatMessage, ChatState } from '@vapi-chat-kit/core';
import { describe, expect, it } from 'vitest';
import { selectNewSessionMessageIds } from './select-new-session-message-ids';

function turn(n: number): ChatMessage[] {
  return [
    { id: `u${n}`, role: 'user', text: `q${n}`, status: 'done', createdAt: n, turnId: `t${n}` },
    { id: `a${n}`, role: 'assistant', text: `r${n}`, status: 'done', createdAt: n, turnId: `t${n}` },
  ];
}

function state(partial: Pick<ChatState, 'messages' | 'chain' | 'chainsBeforeTurn'>): ChatState {
  return { status: 'idle', ...partial };
}

describe('selectNewSessionMessageIds', () => {
  it('marks the turn whose session differs from the one before it, including the last turn', () => {
    const chainsBeforeTurn = {
      t1: {},
      t2: { sessionId: 's1' },
      t3: { sessionId: 's1' },
      t4: { sessionId: 's2' },
    };
    const messages = [...turn(1), ...turn(2), ...turn(3), ...turn(4)];
    expect(
      selectNewSessionMessageIds(state({ messages, chainsBeforeTurn, chain: { sessionId: 's2' } })),
    ).toEqual(['u3']);
    expect(
      selectNewSessionMessageIds(state({ messages, chainsBeforeTurn, chain: { sessionId: 's3' } })),
    ).toEqual(['u3', 'u4']);
  });

  it('marks the turn whose refused chat moved the conversation to a session, and none after it', () => {
    expect(
      selectNewSessionMessageIds(
        state({
          messages: [...turn(1), ...turn(2), ...turn(3)],
          chainsBeforeTurn: { t1: {}, t2: { chatId: 'stream_1' }, t3: { chatId: 'c2', sessionId: 's1' } },
          chain: { chatId: 'c3', sessionId: 's1' },
        }),
      ),
    ).toEqual(['u2']);
  });

  it('marks nothing for the first session, chatId chaining, or a failed turn', () => {
    expect(
      selectNewSessionMessageIds(
        state({
          messages: [...turn(1), ...turn(2)],
          chainsBeforeTurn: { t1: {}, t2: { chatId: 'c1' } },
          chain: { chatId: 'c2' },
        }),
      ),
    ).toEqual([]);
    expect(
      selectNewSessionMessageIds(
        state({
          messages: turn(1),
          chainsBeforeTurn: { t1: { sessionId: 's1' } },
          chain: { sessionId: 's1' },
        }),
      ),
    ).toEqual([]);
  });

  it('keeps the same array while tokens stream', () => {
    const chainsBeforeTurn = { t1: { sessionId: 's1' } };
    const first = selectNewSessionMessageIds(
      state({ messages: turn(1), chainsBeforeTurn, chain: { sessionId: 's2' } }),
    );
    const next = selectNewSessionMessageIds(
      state({ messages: [...turn(1)], chainsBeforeTurn, chain: { sessionId: 's2' } }),
    );
    expect(first).toEqual(['u1']);
    expect(next).toBe(first);
  });

  it('answers a token of the streaming reply without walking the thread', () => {
    const chainsBeforeTurn = { t1: {}, t2: { sessionId: 's1' }, t3: { sessionId: 's2' } };
    const chain = { sessionId: 's2' };
    const messages = [...turn(1), ...turn(2), ...turn(3)];
    const first = selectNewSessionMessageIds(state({ messages, chainsBeforeTurn, chain }));
    expect(first).toEqual(['u2']);

    let reads = 0;
    const streamed = messages.map((message, index) =>
      index === messages.length - 1 ? { ...message, text: `${message.text} more` } : message,
    );
    const counted = new Proxy(streamed, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        if (key === Symbol.iterator) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(selectNewSessionMessageIds(state({ messages: counted, chainsBeforeTurn, chain }))).toBe(first);
    expect(reads).toBe(0);
  });
});
