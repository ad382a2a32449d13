import { describe, expect, it } from 'vitest';
import { chatReducer } from '../state/chat-reducer';
import type { ChatState } from '../state/chat-state';
import { createChatState } from '../state/create-chat-state';
import { conversationSnapshot, snapshotFromHistory, transcriptFromHistory } from './history-snapshot';

const rating = { value: 'down', comment: 'Cut off', ratedAt: '2026-01-01T00:00:02.000Z' } as const;
const history = {
  conversationId: 'conv_1',
  messages: [
    { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: '2026-01-01T00:00:00.000Z' },
    {
      id: 'm2',
      role: 'assistant',
      text: 'Hel',
      status: 'failed',
      createdAt: '2026-01-01T00:00:01.000Z',
      rating,
    },
  ],
} as const;
const transcript = transcriptFromHistory(history);

const empty: ChatState = createChatState({ chain: { sessionId: 's1' } });
const written = chatReducer(empty, {
  type: 'turn-submit',
  turnId: 't1',
  userMessageId: 'u1',
  assistantMessageId: 'a1',
  text: 'Local question',
  at: 1,
});

describe('transcriptFromHistory', () => {
  it('maps a stored conversation once: a cut reply as stopped, stored ids kept, ratings by message', () => {
    expect(transcript).toEqual({
      conversationId: 'conv_1',
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
      ratings: { m2: rating },
    });
  });
});

describe('snapshotFromHistory', () => {
  it('restores the stored transcript on a device that has none of it, sharing its messages', () => {
    const snapshot = snapshotFromHistory(empty, transcript);
    expect(snapshot).toEqual({
      messages: transcript.messages,
      chain: { sessionId: 's1', conversationId: 'conv_1' },
    });
    const restored = chatReducer(empty, { type: 'restore', snapshot: snapshot! });
    // The chat's state holds the transcript's own array: one copy between a query's cache and the chat.
    expect(restored.messages).toBe(transcript.messages);
  });

  it('reopens a stored conversation in place of the current one, with the chain that continues it', () => {
    const snapshot = conversationSnapshot(transcript, 'laptop-1');
    expect(snapshot).toEqual({
      messages: transcript.messages,
      chain: { sessionId: 'laptop-1', conversationId: 'conv_1' },
    });
    expect(chatReducer(written, { type: 'restore', snapshot }).messages).toBe(transcript.messages);
  });

  it('keeps what the user wrote here (if-empty) and never replaces a turn in flight', () => {
    expect(snapshotFromHistory(written, transcript)).toBeUndefined();
    expect(snapshotFromHistory(written, transcript, 'always')).toBeUndefined(); // a turn is in flight
    const settled = chatReducer(written, { type: 'turn-stop', turnId: 't1' });
    expect(snapshotFromHistory(settled, transcript)).toBeUndefined();
    expect(snapshotFromHistory(settled, transcript, 'always')?.messages).toHaveLength(2);
  });
});
