import type { ChatMessage, ChatSnapshot } from '../state/chat-state';
import type { ChatChain } from '../transport/chat-transport';
import { describe, expect, it } from 'vitest';
import { compactSnapshotChains } from './snapshot-chains';

function turn(n: number): ChatMessage[] {
  return [
    { id: `u${n}`, role: 'user', text: `q${n}`, status: 'done', createdAt: n, turnId: `t${n}` },
    { id: `a${n}`, role: 'assistant', text: `r${n}`, status: 'done', createdAt: n, turnId: `t${n}` },
  ];
}

function marked(snapshot: ChatSnapshot): string[] {
  return snapshot.messages.filter((message) => message.newSession === true).map((message) => message.id);
}

describe('compactSnapshotChains (a snapshot saved with the chain of every turn)', () => {
  it('marks the turn whose session differs from the one before it, including the last turn', () => {
    const chainsBeforeTurn: Record<string, ChatChain> = {
      t1: {},
      t2: { sessionId: 's1' },
      t3: { sessionId: 's1' },
      t4: { sessionId: 's2' },
    };
    const messages = [...turn(1), ...turn(2), ...turn(3), ...turn(4)];
    expect(marked(compactSnapshotChains({ messages, chainsBeforeTurn, chain: { sessionId: 's2' } }))).toEqual(
      ['u3'],
    );
    const moved = compactSnapshotChains({ messages, chainsBeforeTurn, chain: { sessionId: 's3' } });
    expect(marked(moved)).toEqual(['u3', 'u4']);
    // Only the last turn's chain is kept: the one retry and regenerate use.
    expect(moved.chainsBeforeTurn).toEqual({ t4: { sessionId: 's2' } });
  });

  it('marks the turn whose refused chat moved the conversation to a session, and none after it', () => {
    const snapshot = compactSnapshotChains({
      messages: [...turn(1), ...turn(2), ...turn(3)],
      chainsBeforeTurn: { t1: {}, t2: { chatId: 'stream_1' }, t3: { chatId: 'c2', sessionId: 's1' } },
      chain: { chatId: 'c3', sessionId: 's1' },
    });
    expect(marked(snapshot)).toEqual(['u2']);
  });

  it('marks nothing for the first session or chatId chaining', () => {
    const snapshot = compactSnapshotChains({
      messages: [...turn(1), ...turn(2)],
      chainsBeforeTurn: { t1: {}, t2: { chatId: 'c1' } },
      chain: { chatId: 'c2' },
    });
    expect(marked(snapshot)).toEqual([]);
    expect(snapshot.chainsBeforeTurn).toEqual({ t2: { chatId: 'c1' } });
  });

  it('returns a snapshot already in the new shape as it is', () => {
    const snapshot: ChatSnapshot = {
      messages: turn(1).map((message, index) => (index === 0 ? { ...message, newSession: true } : message)),
      chainsBeforeTurn: { t1: { sessionId: 's1' } },
      chain: { sessionId: 's2' },
    };
    expect(compactSnapshotChains(snapshot)).toBe(snapshot);
  });
});
