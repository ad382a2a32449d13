import { describe, expect, it } from 'vitest';
import { chatReducer } from '../state/chat-reducer';
import type { ChatState } from '../state/chat-state';
import { createChatState } from '../state/create-chat-state';
import { conversationSnapshot, snapshotFromHistory } from './history-snapshot';

const history = {
  conversationId: 'conv_1',
  messages: [
    { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-01T00:00:00.000Z' },
    { id: 'm2', role: 'assistant', text: 'Hel', status: 'failed', createdAt: '2026-01-01T00:00:01.000Z' },
  ],
} as const;

const empty: ChatState = createChatState({ chain: { sessionId: 's1' } });
const written = chatReducer(empty, {
  type: 'turn-submit',
  turnId: 't1',
  userMessageId: 'u1',
  assistantMessageId: 'a1',
  text: 'Local question',
  at: 1,
});

describe('snapshotFromHistory', () => {
  it('restores the stored conversation on a device that has none of it, a cut reply as stopped', () => {
    expect(snapshotFromHistory(empty, history)).toEqual({
      messages: [
        {
          id: 'm1',
          role: 'user',
          text: 'Hi',
          status: 'done',
          createdAt: Date.parse(history.messages[0].createdAt),
          remoteId: 'm1',
        },
        {
          id: 'm2',
          role: 'assistant',
          text: 'Hel',
          status: 'stopped',
          createdAt: Date.parse(history.messages[1].createdAt),
          remoteId: 'm2',
        },
      ],
      chain: { sessionId: 's1', conversationId: 'conv_1' },
    });
  });

  it('reopens a stored conversation in place of the current one, with the chain that continues it', () => {
    expect(conversationSnapshot(history, 'laptop-1')).toEqual({
      messages: snapshotFromHistory(empty, history)?.messages,
      chain: { sessionId: 'laptop-1', conversationId: 'conv_1' },
    });
  });

  it('keeps what the user wrote here (if-empty) and never replaces a turn in flight', () => {
    expect(snapshotFromHistory(written, history)).toBeUndefined();
    expect(snapshotFromHistory(written, history, 'always')).toBeUndefined(); // a turn is in flight
    const settled = chatReducer(written, { type: 'turn-stop', turnId: 't1' });
    expect(snapshotFromHistory(settled, history)).toBeUndefined();
    expect(snapshotFromHistory(settled, history, 'always')?.messages).toHaveLength(2);
  });
});
