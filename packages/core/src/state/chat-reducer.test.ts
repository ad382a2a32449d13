import { describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error';
import { NetworkError } from '../errors/network-error';
import { UpstreamError } from '../errors/upstream-error';
import type { ChatEvent } from '../protocol/chat-event';
import { chatReducer, type ChatAction } from './chat-reducer';
import type { ChatMessage, ChatState } from './chat-state';
import { createChatState } from './create-chat-state';

const greeting: ChatMessage = {
  id: 'g',
  role: 'assistant',
  text: 'Hi! How can I help?',
  status: 'done',
  createdAt: 1,
};
const networkError = new NetworkError('The connection dropped');
const upstreamError = new UpstreamError('Internal server error', { status: 500 });

const submit: ChatAction = {
  type: 'turn-submit',
  turnId: 't1',
  userMessageId: 'u1',
  assistantMessageId: 'a1',
  text: 'Where is my order?',
  at: 10,
};

function turnEvent(event: ChatEvent, at = 20, turnId = 't1'): ChatAction {
  return { type: 'turn-event', turnId, event, at };
}

// The states of one turn, written out in full so every expectation is explicit.
const idle: ChatState = { messages: [greeting], status: 'idle', chain: {}, chainsBeforeTurn: {} };

const submitted: ChatState = {
  messages: [
    greeting,
    { id: 'u1', role: 'user', text: 'Where is my order?', status: 'sending', createdAt: 10, turnId: 't1' },
  ],
  status: 'submitted',
  chain: {},
  chainsBeforeTurn: { t1: {} },
  activeTurn: { turnId: 't1', userMessageId: 'u1', assistantMessageId: 'a1' },
};

const started: ChatState = {
  ...submitted,
  messages: [
    greeting,
    { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
  ],
  chain: { sessionId: 's0' },
};

const streaming: ChatState = {
  ...started,
  messages: [
    greeting,
    { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
    { id: 'a1', role: 'assistant', text: 'It ships', status: 'streaming', createdAt: 20, turnId: 't1' },
  ],
  status: 'streaming',
};

const ended: ChatState = {
  messages: [
    greeting,
    { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
    { id: 'a1', role: 'assistant', text: 'It ships today.', status: 'done', createdAt: 20, turnId: 't1' },
  ],
  status: 'idle',
  chain: { chatId: 'c2', sessionId: 's1' },
  chainsBeforeTurn: { t1: {} },
};

describe('chatReducer transitions', () => {
  const cases: readonly (readonly [
    name: string,
    from: ChatState,
    action: ChatAction,
    expected: ChatState,
  ])[] = [
    ['submit appends a sending user message and waits', idle, submit, submitted],
    [
      'turn-start acknowledges the user message and adopts the session; the chat id waits for the end',
      submitted,
      turnEvent({ type: 'turn-start', chatId: 'c1', sessionId: 's0' }),
      started,
    ],
    [
      'the first delta creates the reply and streams',
      started,
      turnEvent({ type: 'text-delta', text: 'It ships' }),
      streaming,
    ],
    [
      'a later delta appends to the same reply',
      streaming,
      turnEvent({ type: 'text-delta', text: ' today' }, 30),
      {
        ...streaming,
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          {
            id: 'a1',
            role: 'assistant',
            text: 'It ships today',
            status: 'streaming',
            createdAt: 20,
            turnId: 't1',
          },
        ],
      },
    ],
    [
      'turn-end adds what the deltas missed, moves the chain and ends idle',
      streaming,
      turnEvent({ type: 'turn-end', chatId: 'c2', sessionId: 's1', text: 'It ships today.' }),
      ended,
    ],
    [
      "turn-end through the proxy keeps the stored reply's id on the reply (a rating names it)",
      streaming,
      turnEvent({
        type: 'turn-end',
        chatId: 'c2',
        sessionId: 's1',
        text: 'It ships today.',
        messageId: 'msg_9',
      }),
      {
        ...ended,
        messages: ended.messages.map((message) =>
          message.id === 'a1' ? { ...message, remoteId: 'msg_9' } : message,
        ),
      },
    ],
    [
      'turn-end without deltas creates the reply',
      submitted,
      turnEvent({ type: 'turn-end', chatId: 'c1', text: 'Hello.' }, 25),
      {
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          { id: 'a1', role: 'assistant', text: 'Hello.', status: 'done', createdAt: 25, turnId: 't1' },
        ],
        status: 'idle',
        chain: { chatId: 'c1' },
        chainsBeforeTurn: { t1: {} },
      },
    ],
    [
      'an empty reply leaves no assistant message (the store makes it an error first)',
      started,
      turnEvent({ type: 'turn-end', text: '' }),
      { ...started, status: 'idle', activeTurn: undefined },
    ],
    [
      'a final text that cannot be read keeps the streamed reply, whole',
      streaming,
      turnEvent({ type: 'turn-end', chatId: 'c2', text: '' }),
      {
        ...streaming,
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          { id: 'a1', role: 'assistant', text: 'It ships', status: 'done', createdAt: 20, turnId: 't1' },
        ],
        status: 'idle',
        chain: { chatId: 'c2', sessionId: 's0' },
        activeTurn: undefined,
      },
    ],
    [
      'a final text that disagrees with the deltas never replaces or shortens them',
      streaming,
      turnEvent({ type: 'turn-end', chatId: 'c2', text: 'It' }),
      {
        ...streaming,
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          { id: 'a1', role: 'assistant', text: 'It ships', status: 'done', createdAt: 20, turnId: 't1' },
        ],
        status: 'idle',
        chain: { chatId: 'c2', sessionId: 's0' },
        activeTurn: undefined,
      },
    ],
    [
      'a turn that ends without a chat id leaves no stale chat id to chain from',
      { ...streaming, chain: { chatId: 'c1' } },
      turnEvent({ type: 'turn-end', text: 'It ships' }),
      {
        ...streaming,
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          { id: 'a1', role: 'assistant', text: 'It ships', status: 'done', createdAt: 20, turnId: 't1' },
        ],
        status: 'idle',
        chain: {},
        activeTurn: undefined,
      },
    ],
    [
      'an error before any token fails the user message, keeping its text',
      submitted,
      turnEvent({ type: 'error', error: networkError }),
      {
        messages: [
          greeting,
          {
            id: 'u1',
            role: 'user',
            text: 'Where is my order?',
            status: 'failed',
            error: networkError,
            createdAt: 10,
            turnId: 't1',
          },
        ],
        status: 'error',
        chain: {},
        chainsBeforeTurn: { t1: {} },
        error: networkError,
      },
    ],
    [
      'an error after tokens keeps the partial reply as failed',
      streaming,
      turnEvent({ type: 'error', error: upstreamError }),
      {
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          {
            id: 'a1',
            role: 'assistant',
            text: 'It ships',
            status: 'failed',
            error: upstreamError,
            createdAt: 20,
            turnId: 't1',
          },
        ],
        status: 'error',
        chain: { sessionId: 's0' },
        chainsBeforeTurn: { t1: {} },
        error: upstreamError,
      },
    ],
    [
      'an aborted error after tokens is a stop: partial kept as stopped, idle',
      streaming,
      turnEvent({ type: 'error', error: new AbortedError() }),
      {
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          { id: 'a1', role: 'assistant', text: 'It ships', status: 'stopped', createdAt: 20, turnId: 't1' },
        ],
        status: 'idle',
        chain: { sessionId: 's0' },
        chainsBeforeTurn: { t1: {} },
      },
    ],
    [
      'stop mid-stream keeps the partial reply as stopped and ends idle',
      streaming,
      { type: 'turn-stop', turnId: 't1' },
      {
        messages: [
          greeting,
          { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
          { id: 'a1', role: 'assistant', text: 'It ships', status: 'stopped', createdAt: 20, turnId: 't1' },
        ],
        status: 'idle',
        chain: { sessionId: 's0' },
        chainsBeforeTurn: { t1: {} },
      },
    ],
    [
      'stop before any token marks the user message stopped',
      submitted,
      { type: 'turn-stop', turnId: 't1' },
      {
        messages: [
          greeting,
          {
            id: 'u1',
            role: 'user',
            text: 'Where is my order?',
            status: 'stopped',
            createdAt: 10,
            turnId: 't1',
          },
        ],
        status: 'idle',
        chain: {},
        chainsBeforeTurn: { t1: {} },
      },
    ],
    [
      'a rate-limit wait shows until when',
      submitted,
      { type: 'turn-retry-wait', turnId: 't1', until: 1_500 },
      { ...submitted, rateLimitedUntil: 1_500 },
    ],
    [
      'the end of a rate-limit wait clears it',
      { ...submitted, rateLimitedUntil: 1_500 },
      { type: 'turn-retry-wait', turnId: 't1', until: undefined },
      submitted,
    ],
    [
      'reset keeps only the greeting and empties the chain',
      streaming,
      { type: 'reset', greeting },
      { messages: [greeting], status: 'idle', chain: {}, chainsBeforeTurn: {} },
    ],
    [
      'reset without a greeting empties the transcript',
      ended,
      { type: 'reset' },
      { messages: [], status: 'idle', chain: {}, chainsBeforeTurn: {} },
    ],
    [
      'restore replaces transcript and chain; a turn saved mid-way comes back stopped',
      streaming,
      {
        type: 'restore',
        snapshot: {
          messages: [
            { id: 'u9', role: 'user', text: 'Hello', status: 'done', createdAt: 5, turnId: 't9' },
            { id: 'a9', role: 'assistant', text: 'Hi', status: 'streaming', createdAt: 6, turnId: 't9' },
            { id: 'u10', role: 'user', text: 'And?', status: 'sending', createdAt: 7, turnId: 't10' },
          ],
          chain: { sessionId: 's9' },
          chainsBeforeTurn: { t9: {}, t10: { sessionId: 's9' } },
        },
        greeting,
      },
      {
        messages: [
          { id: 'u9', role: 'user', text: 'Hello', status: 'done', createdAt: 5, turnId: 't9' },
          { id: 'a9', role: 'assistant', text: 'Hi', status: 'stopped', createdAt: 6, turnId: 't9' },
          { id: 'u10', role: 'user', text: 'And?', status: 'stopped', createdAt: 7, turnId: 't10' },
        ],
        status: 'idle',
        chain: { sessionId: 's9' },
        chainsBeforeTurn: { t9: {}, t10: { sessionId: 's9' } },
      },
    ],
    [
      'restore of an empty transcript shows the greeting',
      ended,
      { type: 'restore', snapshot: { messages: [], chain: {} }, greeting },
      { messages: [greeting], status: 'idle', chain: {}, chainsBeforeTurn: {} },
    ],
  ];

  it.each(cases)('%s', (_name, from, action, expected) => {
    expect(chatReducer(from, action)).toEqual(expected);
  });
});

describe('chatReducer ignores what does not apply', () => {
  const cases: readonly (readonly [name: string, from: ChatState, action: ChatAction])[] = [
    ['a submit while a turn is in flight', streaming, { ...submit, turnId: 't2', userMessageId: 'u2' }],
    ['a blank submit', idle, { ...submit, text: '  \n ' }],
    [
      'a late delta after stop',
      chatReducer(streaming, { type: 'turn-stop', turnId: 't1' }),
      turnEvent({ type: 'text-delta', text: 'late' }),
    ],
    [
      'a late turn-end after stop',
      chatReducer(streaming, { type: 'turn-stop', turnId: 't1' }),
      turnEvent({ type: 'turn-end', chatId: 'c9', text: 'late' }),
    ],
    [
      'a late aborted error after stop',
      chatReducer(streaming, { type: 'turn-stop', turnId: 't1' }),
      turnEvent({ type: 'error', error: new AbortedError() }),
    ],
    [
      'a late delta after reset',
      chatReducer(streaming, { type: 'reset', greeting }),
      turnEvent({ type: 'text-delta', text: 'late' }),
    ],
    [
      'a late turn-start after reset',
      chatReducer(submitted, { type: 'reset', greeting }),
      turnEvent({ type: 'turn-start', chatId: 'c9' }),
    ],
    ['an event of another turn', streaming, turnEvent({ type: 'text-delta', text: 'other' }, 20, 't0')],
    ['an empty delta', streaming, turnEvent({ type: 'text-delta', text: '' })],
    [
      'a turn-start that changes nothing',
      started,
      turnEvent({ type: 'turn-start', chatId: 'c1', sessionId: 's0' }),
    ],
    ['a stop of another turn', streaming, { type: 'turn-stop', turnId: 't0' }],
    ['a stop when idle', ended, { type: 'turn-stop', turnId: 't1' }],
    ['a rate-limit wait of another turn', submitted, { type: 'turn-retry-wait', turnId: 't0', until: 5 }],
    ['retry while busy', streaming, { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a2' }],
    [
      'retry of a done user message',
      ended,
      { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a2' },
    ],
    [
      'retry of an assistant message',
      ended,
      { type: 'turn-retry', messageId: 'a1', assistantMessageId: 'a2' },
    ],
    [
      'retry of an unknown message',
      ended,
      { type: 'turn-retry', messageId: 'nope', assistantMessageId: 'a2' },
    ],
    ['regenerate while busy', streaming, { type: 'turn-regenerate', turnId: 't2', assistantMessageId: 'a2' }],
    [
      'regenerate with only the greeting',
      idle,
      { type: 'turn-regenerate', turnId: 't2', assistantMessageId: 'a2' },
    ],
  ];

  it.each(cases)('%s returns the same state object', (_name, from, action) => {
    expect(chatReducer(from, action)).toBe(from);
  });
});

describe('chatReducer retry and regenerate', () => {
  const failedBeforeTokens = chatReducer(started, turnEvent({ type: 'error', error: networkError }));

  it('retry of the failed last turn re-sends it as the same turn, from the chain it was sent with', () => {
    expect(failedBeforeTokens.chain).toEqual({ sessionId: 's0' });
    expect(
      chatReducer(failedBeforeTokens, { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a2' }),
    ).toEqual({
      messages: [
        greeting,
        {
          id: 'u1',
          role: 'user',
          text: 'Where is my order?',
          status: 'sending',
          createdAt: 10,
          turnId: 't1',
        },
      ],
      status: 'submitted',
      chain: {},
      chainsBeforeTurn: { t1: {} },
      activeTurn: { turnId: 't1', userMessageId: 'u1', assistantMessageId: 'a2' },
    });
  });

  it('retry of a turn that failed part-way drops the partial reply, by the user message or the reply', () => {
    const failedMidStream = chatReducer(streaming, turnEvent({ type: 'error', error: upstreamError }));
    const expected: ChatState = {
      messages: [
        greeting,
        {
          id: 'u1',
          role: 'user',
          text: 'Where is my order?',
          status: 'sending',
          createdAt: 10,
          turnId: 't1',
        },
      ],
      status: 'submitted',
      chain: {},
      chainsBeforeTurn: { t1: {} },
      activeTurn: { turnId: 't1', userMessageId: 'u1', assistantMessageId: 'a2' },
    };
    expect(
      chatReducer(failedMidStream, { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a2' }),
    ).toEqual(expected);
    expect(
      chatReducer(failedMidStream, { type: 'turn-retry', messageId: 'a1', assistantMessageId: 'a2' }),
    ).toEqual(expected);
  });

  it('retry of a turn stopped before any token re-sends it; a reply stopped on purpose is not retried', () => {
    const stoppedBeforeTokens = chatReducer(submitted, { type: 'turn-stop', turnId: 't1' });
    const stoppedMidStream = chatReducer(streaming, { type: 'turn-stop', turnId: 't1' });
    expect(
      chatReducer(stoppedBeforeTokens, { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a2' }),
    ).toEqual({
      messages: [
        greeting,
        {
          id: 'u1',
          role: 'user',
          text: 'Where is my order?',
          status: 'sending',
          createdAt: 10,
          turnId: 't1',
        },
      ],
      status: 'submitted',
      chain: {},
      chainsBeforeTurn: { t1: {} },
      activeTurn: { turnId: 't1', userMessageId: 'u1', assistantMessageId: 'a2' },
    });
    expect(
      chatReducer(stoppedMidStream, { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a2' }),
    ).toBe(stoppedMidStream);
  });

  it('retry of an older failed turn moves it to the end and continues from the current chain', () => {
    const second = chatReducer(
      chatReducer(failedBeforeTokens, {
        ...submit,
        turnId: 't2',
        userMessageId: 'u2',
        assistantMessageId: 'a2',
        text: 'Hello?',
        at: 40,
      }),
      turnEvent({ type: 'turn-end', chatId: 'c3', text: 'Hi.' }, 50, 't2'),
    );
    expect(chatReducer(second, { type: 'turn-retry', messageId: 'u1', assistantMessageId: 'a3' })).toEqual({
      messages: [
        greeting,
        { id: 'u2', role: 'user', text: 'Hello?', status: 'done', createdAt: 40, turnId: 't2' },
        { id: 'a2', role: 'assistant', text: 'Hi.', status: 'done', createdAt: 50, turnId: 't2' },
        {
          id: 'u1',
          role: 'user',
          text: 'Where is my order?',
          status: 'sending',
          createdAt: 10,
          turnId: 't1',
        },
      ],
      status: 'submitted',
      chain: { chatId: 'c3', sessionId: 's0' },
      // Only the last turn's chain is kept: the one retry and regenerate use.
      chainsBeforeTurn: { t1: { chatId: 'c3', sessionId: 's0' } },
      activeTurn: { turnId: 't1', userMessageId: 'u1', assistantMessageId: 'a3' },
    });
  });

  it('regenerate after a reply failed part-way re-asks as a new turn', () => {
    const failedMidStream = chatReducer(streaming, turnEvent({ type: 'error', error: upstreamError }));
    expect(
      chatReducer(failedMidStream, { type: 'turn-regenerate', turnId: 't2', assistantMessageId: 'a2' }),
    ).toEqual({
      messages: [
        greeting,
        {
          id: 'u1',
          role: 'user',
          text: 'Where is my order?',
          status: 'sending',
          createdAt: 10,
          turnId: 't2',
        },
      ],
      status: 'submitted',
      chain: {},
      chainsBeforeTurn: { t2: {} },
      activeTurn: { turnId: 't2', userMessageId: 'u1', assistantMessageId: 'a2' },
    });
  });

  it('regenerate drops the last reply and re-asks as a new turn from the chain before it', () => {
    const first = chatReducer(
      chatReducer(idle, submit),
      turnEvent({ type: 'turn-end', chatId: 'c1', text: 'A.' }),
    );
    const second = chatReducer(
      chatReducer(first, {
        ...submit,
        turnId: 't2',
        userMessageId: 'u2',
        assistantMessageId: 'a2',
        text: 'B?',
        at: 30,
      }),
      turnEvent({ type: 'turn-end', chatId: 'c2', text: 'B.' }, 40, 't2'),
    );
    expect(second.chain).toEqual({ chatId: 'c2' });
    const regenerated = chatReducer(second, {
      type: 'turn-regenerate',
      turnId: 't3',
      assistantMessageId: 'a3',
    });
    expect(regenerated).toEqual({
      messages: [
        greeting,
        { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 10, turnId: 't1' },
        { id: 'a1', role: 'assistant', text: 'A.', status: 'done', createdAt: 20, turnId: 't1' },
        { id: 'u2', role: 'user', text: 'B?', status: 'sending', createdAt: 30, turnId: 't3' },
      ],
      status: 'submitted',
      chain: { chatId: 'c1' },
      chainsBeforeTurn: { t3: { chatId: 'c1' } },
      activeTurn: { turnId: 't3', userMessageId: 'u2', assistantMessageId: 'a3' },
    });
    // Earlier messages keep their identity.
    expect(regenerated.messages[1]).toBe(second.messages[1]);
    expect(regenerated.messages[2]).toBe(second.messages[2]);
  });
});

describe('chatReducer sessions and kept chains', () => {
  /** Sends `n` turns; `ids(n)` are the ids the server answers turn n with. */
  function converse(count: number, ids: (n: number) => { sessionId?: string; chatId?: string }): ChatState {
    let state = idle;
    for (let n = 1; n <= count; n += 1) {
      const turnId = `t${n}`;
      state = chatReducer(state, {
        type: 'turn-submit',
        turnId,
        userMessageId: `u${n}`,
        assistantMessageId: `a${n}`,
        text: `Question ${n}`,
        at: n,
      });
      const { sessionId, chatId } = ids(n);
      state = chatReducer(state, turnEvent({ type: 'turn-start', sessionId }, n, turnId));
      state = chatReducer(state, turnEvent({ type: 'turn-end', chatId, text: 'Ok.' }, n, turnId));
    }
    return state;
  }

  it('keeps the chain of the last turn only, however long the conversation', () => {
    const state = converse(200, (n) => ({ chatId: `c${n}` }));
    expect(state.chainsBeforeTurn).toEqual({ t200: { chatId: 'c199' } });
    expect(state.messages.filter((message) => message.newSession)).toEqual([]);
  });

  it('marks the user message of a turn that ran in a new session, and only that one', () => {
    // Sessions s1, s1, then the server lost s1 and answered in s2, which goes on.
    const state = converse(4, (n) => ({ sessionId: n <= 2 ? 's1' : 's2' }));
    expect(state.messages.filter((message) => message.newSession).map((message) => message.id)).toEqual([
      'u3',
    ]);
  });

  it('marks a turn whose chat was refused and that moved the conversation into a session', () => {
    const state = converse(3, (n) => (n === 1 ? { chatId: 'c1' } : { sessionId: 's1', chatId: `c${n}` }));
    expect(state.messages.filter((message) => message.newSession).map((message) => message.id)).toEqual([
      'u2',
    ]);
  });

  it('a retried turn loses its mark until it runs in a new session again', () => {
    let state = converse(1, () => ({ sessionId: 's1' }));
    state = chatReducer(state, { ...submit, turnId: 't2', userMessageId: 'u2', assistantMessageId: 'a2' });
    state = chatReducer(state, turnEvent({ type: 'turn-start', sessionId: 's2' }, 2, 't2'));
    state = chatReducer(state, turnEvent({ type: 'error', error: upstreamError }, 2, 't2'));
    expect(state.messages.find((message) => message.id === 'u2')?.newSession).toBe(true);
    state = chatReducer(state, { type: 'turn-retry', messageId: 'u2', assistantMessageId: 'a3' });
    expect(state.chain).toEqual({ sessionId: 's1' });
    expect(state.messages.find((message) => message.id === 'u2')?.newSession).toBeUndefined();
    state = chatReducer(state, turnEvent({ type: 'turn-start', sessionId: 's1' }, 3, 't2'));
    expect(state.messages.find((message) => message.id === 'u2')?.newSession).toBeUndefined();
  });
});

describe('chatReducer structural sharing', () => {
  it('a delta replaces only the live message object and the array', () => {
    const next = chatReducer(streaming, turnEvent({ type: 'text-delta', text: '!' }));
    expect(next.messages).not.toBe(streaming.messages);
    expect(next.messages[0]).toBe(streaming.messages[0]);
    expect(next.messages[1]).toBe(streaming.messages[1]);
    expect(next.messages[2]).not.toBe(streaming.messages[2]);
    expect(next.chain).toBe(streaming.chain);
    expect(next.chainsBeforeTurn).toBe(streaming.chainsBeforeTurn);
    expect(next.activeTurn).toBe(streaming.activeTurn);
  });

  it('a 2,000-delta stream leaves earlier messages untouched', () => {
    let state = chatReducer(
      chatReducer(idle, submit),
      turnEvent({ type: 'turn-end', chatId: 'c1', text: 'First.' }),
    );
    const earlier = state.messages;
    state = chatReducer(state, {
      ...submit,
      turnId: 't2',
      userMessageId: 'u2',
      assistantMessageId: 'a2',
      text: 'Tell me more',
      at: 30,
    });
    const secondUser = state.messages[3];
    state = chatReducer(state, turnEvent({ type: 'turn-start', chatId: 'c2' }, 40, 't2'));
    const acknowledgedUser = state.messages[3];
    for (let index = 0; index < 2_000; index += 1) {
      state = chatReducer(state, turnEvent({ type: 'text-delta', text: 'x' }, 50 + index, 't2'));
      expect(state.messages[3]).toBe(acknowledgedUser);
    }
    expect(state.messages).toHaveLength(5);
    expect(state.messages[0]).toBe(earlier[0]);
    expect(state.messages[1]).toBe(earlier[1]);
    expect(state.messages[2]).toBe(earlier[2]);
    expect(secondUser?.status).toBe('sending');
    expect(acknowledgedUser?.status).toBe('done');
    expect(state.messages[4]).toEqual({
      id: 'a2',
      role: 'assistant',
      text: 'x'.repeat(2_000),
      status: 'streaming',
      createdAt: 50,
      turnId: 't2',
    });
    expect(state.status).toBe('streaming');
  });
});

describe('createChatState', () => {
  it('starts idle and empty', () => {
    expect(createChatState()).toEqual({ messages: [], status: 'idle', chain: {}, chainsBeforeTurn: {} });
  });

  it('shows the greeting when there is no transcript', () => {
    expect(createChatState({ greeting })).toEqual(idle);
  });

  it('restores a transcript and chain, without the greeting', () => {
    const message: ChatMessage = {
      id: 'u1',
      role: 'user',
      text: 'Hi',
      status: 'done',
      createdAt: 1,
      turnId: 't1',
    };
    const state = createChatState({ messages: [message], chain: { sessionId: 's1' }, greeting });
    expect(state).toEqual({
      messages: [message],
      status: 'idle',
      chain: { sessionId: 's1' },
      chainsBeforeTurn: {},
    });
    expect(state.messages[0]).toBe(message);
  });
});
