import { describe, expect, it } from 'vitest';
import { NetworkError } from '../errors/network-error';
import { chatReducer, type ChatAction } from './chat-reducer';
import {
  selectChain,
  selectError,
  selectIsBusy,
  selectLastAssistantMessage,
  selectMessageById,
  selectMessageIds,
  selectMessages,
  selectRateLimitedUntil,
  selectStatus,
} from './chat-selectors';
import type { ChatMessage, ChatState } from './chat-state';
import { createChatState } from './create-chat-state';

const greeting: ChatMessage = { id: 'g', role: 'assistant', text: 'Hi!', status: 'done', createdAt: 1 };
const submit: ChatAction = {
  type: 'turn-submit',
  turnId: 't1',
  userMessageId: 'u1',
  assistantMessageId: 'a1',
  text: 'Where is my order?',
  at: 10,
};
const idle = createChatState({ greeting });
const submitted = chatReducer(idle, submit);
const streaming = chatReducer(submitted, {
  type: 'turn-event',
  turnId: 't1',
  event: { type: 'text-delta', text: 'It' },
  at: 20,
});
const streamingMore = chatReducer(streaming, {
  type: 'turn-event',
  turnId: 't1',
  event: { type: 'text-delta', text: ' ships' },
  at: 21,
});

describe('chat selectors', () => {
  it('read the plain slices', () => {
    expect(selectMessages(streaming)).toBe(streaming.messages);
    expect(selectStatus(streaming)).toBe('streaming');
    expect(selectChain(streaming)).toBe(streaming.chain);
    expect(selectError(streaming)).toBeUndefined();
    expect(selectRateLimitedUntil({ ...submitted, rateLimitedUntil: 1_500 })).toBe(1_500);
  });

  it('selectError returns the failed turn error', () => {
    const error = new NetworkError('offline');
    const failed = chatReducer(submitted, {
      type: 'turn-event',
      turnId: 't1',
      event: { type: 'error', error },
      at: 20,
    });
    expect(selectError(failed)).toBe(error);
    expect(selectStatus(failed)).toBe('error');
  });

  it.each([
    ['idle', idle, false],
    ['submitted', submitted, true],
    ['streaming', streaming, true],
    ['error', { ...idle, status: 'error' } satisfies ChatState, false],
  ] as const)('selectIsBusy is %s → %s', (_status, state, expected) => {
    expect(selectIsBusy(state)).toBe(expected);
  });

  it('selectMessageIds lists ids and keeps its array while the ids do not change', () => {
    const first = selectMessageIds(streaming);
    expect(first).toEqual(['g', 'u1', 'a1']);
    expect(selectMessageIds(streaming)).toBe(first);
    // A token changes the messages array but not the ids.
    expect(selectMessageIds(streamingMore)).toBe(first);
    expect(selectMessageIds(submitted)).toEqual(['g', 'u1']);
    expect(selectMessageIds(submitted)).toBe(selectMessageIds(submitted));
  });

  it('selectMessageIds keeps each chat its own array while two chats stream at once', () => {
    const other = (text: string) => (state: ChatState) =>
      chatReducer(state, { type: 'turn-event', turnId: 't1', event: { type: 'text-delta', text }, at: 30 });
    // A second chat, the same turn ids but its own state: tokens of both interleave.
    let second = other('Hello')(chatReducer(createChatState({}), submit));
    let first = streaming;
    const firstIds = selectMessageIds(first);
    const secondIds = selectMessageIds(second);
    for (const token of [' a', ' b', ' c']) {
      first = other(token)(first);
      second = other(token)(second);
      expect(selectMessageIds(first)).toBe(firstIds);
      expect(selectMessageIds(second)).toBe(secondIds);
    }
    expect(secondIds).toEqual(['u1', 'a1']);
  });

  it('selectMessageById returns the message object, the same until that message changes', () => {
    const selectUser = selectMessageById('u1');
    const selectReply = selectMessageById('a1');
    expect(selectUser(streaming)).toEqual({
      id: 'u1',
      role: 'user',
      text: 'Where is my order?',
      status: 'done',
      createdAt: 10,
      turnId: 't1',
    });
    expect(selectUser(streamingMore)).toBe(selectUser(streaming));
    expect(selectReply(streamingMore)).not.toBe(selectReply(streaming));
    expect(selectReply(streamingMore)?.text).toBe('It ships');
    expect(selectMessageById('nope')(streaming)).toBeUndefined();
  });

  it('selectLastAssistantMessage returns the newest assistant message', () => {
    expect(selectLastAssistantMessage(createChatState())).toBeUndefined();
    expect(selectLastAssistantMessage(submitted)).toBe(greeting);
    expect(selectLastAssistantMessage(streamingMore)?.id).toBe('a1');
  });
});
