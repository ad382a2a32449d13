import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatEvent } from '../protocol/chat-event';
import type { ChatChain } from '../transport/chat-transport';
import type { ChatActiveTurn, ChatMessage, ChatSnapshot, ChatState } from './chat-state';
import { ranInNewSession } from './new-session';

/**
 * Everything that can change a {@link ChatState}: the user's intents, the store's lifecycle bookkeeping,
 * and the {@link ChatEvent}s of the turn in flight. Ids and timestamps are made by the caller (the store),
 * so the reducer stays pure.
 *
 * - `turn-submit`: a new turn with the user's `text`; ignored while a turn is in flight or for blank text.
 * - `turn-retry`: re-sends the turn of `messageId` (its user message or its reply) as the same turn (same
 *   `turnId`), dropping its partial reply. Only a turn that did not get through is retried: its user
 *   message `failed` or `stopped` before any token, or its reply `failed` part-way. Ignored otherwise
 *   and while busy.
 * - `turn-regenerate`: drops the reply to the last user message and re-asks it as the new turn `turnId`,
 *   from the chain that turn was sent with; ignored while busy or when there is no user message.
 * - `turn-event`: a {@link ChatEvent} of turn `turnId`; ignored unless that turn is in flight.
 * - `turn-retry-wait`: a rate-limited turn waits until `until` (epoch ms), or stops waiting (`undefined`).
 * - `turn-stop`: the user stopped turn `turnId`; the partial reply is kept as `stopped`; ends in `idle`.
 * - `reset`: a new conversation: no messages but the `greeting`, an empty chain.
 * - `restore`: replaces the transcript and chain (persistence, history, another tab). A message saved
 *   mid-turn (`sending`/`streaming`) comes back `stopped`, since nothing is in flight any more.
 *
 * @example
 * let state = createChatState();
 * state = chatReducer(state, { type: 'turn-submit', turnId: 't1', userMessageId: 'u1', assistantMessageId: 'a1', text: 'Hi', at: Date.now() });
 * state = chatReducer(state, { type: 'turn-event', turnId: 't1', event: { type: 'text-delta', text: 'Hello' }, at: Date.now() });
 * state.status; // 'streaming'
 */
export type ChatAction =
  | {
      readonly type: 'turn-submit';
      readonly turnId: string;
      readonly userMessageId: string;
      readonly assistantMessageId: string;
      readonly text: string;
      /** Epoch ms: the user message's `createdAt`. */
      readonly at: number;
    }
  | { readonly type: 'turn-retry'; readonly messageId: string; readonly assistantMessageId: string }
  | { readonly type: 'turn-regenerate'; readonly turnId: string; readonly assistantMessageId: string }
  | {
      readonly type: 'turn-event';
      readonly turnId: string;
      readonly event: ChatEvent;
      /** Epoch ms: the `createdAt` of an assistant message this event creates. */
      readonly at: number;
    }
  | { readonly type: 'turn-retry-wait'; readonly turnId: string; readonly until: number | undefined }
  | { readonly type: 'turn-stop'; readonly turnId: string }
  | { readonly type: 'reset'; readonly greeting?: ChatMessage | undefined }
  | { readonly type: 'clear-error' }
  | {
      readonly type: 'restore';
      readonly snapshot: ChatSnapshot;
      readonly greeting?: ChatMessage | undefined;
    };

/**
 * The only thing that changes chat state. Pure: it returns `state` itself when an action changes nothing
 * (so a store does not notify), and otherwise a new state in which every message that did not change
 * keeps its identity; a `text-delta` replaces only the live message object and the array.
 *
 * @example
 * const next = chatReducer(state, { type: 'turn-stop', turnId: 't1' });
 * next.status; // 'idle'
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'turn-submit':
      return submitTurn(state, action);
    case 'turn-retry':
      return retryTurn(state, action.messageId, action.assistantMessageId);
    case 'turn-regenerate':
      return regenerateTurn(state, action.turnId, action.assistantMessageId);
    case 'turn-event': {
      const turn = state.activeTurn;
      // A late event (after stop, reset or a newer turn) must change nothing.
      if (turn === undefined || turn.turnId !== action.turnId) return state;
      return applyEvent(state, turn, action.event, action.at);
    }
    case 'turn-retry-wait': {
      if (state.activeTurn?.turnId !== action.turnId || state.rateLimitedUntil === action.until) return state;
      return { ...state, rateLimitedUntil: action.until };
    }
    case 'turn-stop': {
      const turn = state.activeTurn;
      if (turn === undefined || turn.turnId !== action.turnId) return state;
      return endTurn(state, turn, 'stopped', undefined);
    }
    case 'reset':
      return {
        ...state,
        messages: action.greeting === undefined ? [] : [action.greeting],
        status: 'idle',
        chain: {},
        chainsBeforeTurn: {},
        activeTurn: undefined,
        error: undefined,
        rateLimitedUntil: undefined,
      };
    case 'restore':
      return restore(state, action.snapshot, action.greeting);
    case 'clear-error':
      return state.status === 'error' ? { ...state, status: 'idle', error: undefined } : state;
    default:
      action satisfies never;
      return state;
  }
}

function submitTurn(state: ChatState, action: Extract<ChatAction, { type: 'turn-submit' }>): ChatState {
  if (state.activeTurn !== undefined || action.text.trim() === '') return state;
  const { turnId, userMessageId, assistantMessageId } = action;
  const user: ChatMessage = {
    id: userMessageId,
    role: 'user',
    text: action.text,
    status: 'sending',
    createdAt: action.at,
    turnId,
  };
  return {
    ...state,
    messages: [...state.messages, user],
    status: 'submitted',
    chainsBeforeTurn: { [turnId]: state.chain },
    activeTurn: { turnId, userMessageId, assistantMessageId },
    error: undefined,
    rateLimitedUntil: undefined,
  };
}

function retryTurn(state: ChatState, messageId: string, assistantMessageId: string): ChatState {
  if (state.activeTurn !== undefined) return state;
  const turnId = state.messages.find((message) => message.id === messageId)?.turnId;
  if (turnId === undefined) return state;
  const index = state.messages.findIndex((message) => message.role === 'user' && message.turnId === turnId);
  const user = state.messages[index];
  if (user === undefined) return state;
  const reply = state.messages.find((message) => message.role === 'assistant' && message.turnId === turnId);
  // A turn is retryable when it did not get through: its user message failed or was stopped before any
  // token, or its reply failed part-way. A reply stopped on purpose is regenerated, not retried.
  const retryable = user.status === 'failed' || user.status === 'stopped' || reply?.status === 'failed';
  if (!retryable) return state;
  // The last turn is re-sent exactly as it was (same chain, so the proxy can answer it from its
  // idempotency store). An older turn has been overtaken: it moves to the end and continues from now.
  const isLastTurn = state.messages.slice(index + 1).every((message) => message.turnId === turnId);
  const chain = isLastTurn ? (state.chainsBeforeTurn[turnId] ?? state.chain) : state.chain;
  const others = state.messages.filter((message) => message.turnId !== turnId);
  return {
    ...state,
    messages: [...others, { ...user, status: 'sending', error: undefined, newSession: undefined }],
    status: 'submitted',
    chain,
    chainsBeforeTurn: { [turnId]: chain },
    activeTurn: { turnId, userMessageId: user.id, assistantMessageId },
    error: undefined,
    rateLimitedUntil: undefined,
  };
}

function regenerateTurn(state: ChatState, turnId: string, assistantMessageId: string): ChatState {
  if (state.activeTurn !== undefined) return state;
  const index = state.messages.findLastIndex(
    (message) => message.role === 'user' && message.turnId !== undefined,
  );
  const user = state.messages[index];
  if (user?.turnId === undefined) return state;
  // Re-ask from the chain the dropped turn was sent with, so (with chatId chaining) the dropped reply
  // is not part of the new reply's context. A server-side session still remembers it.
  const chain = state.chainsBeforeTurn[user.turnId] ?? state.chain;
  return {
    ...state,
    messages: [
      ...state.messages.slice(0, index),
      { ...user, turnId, status: 'sending', error: undefined, newSession: undefined },
    ],
    status: 'submitted',
    chain,
    chainsBeforeTurn: { [turnId]: chain },
    activeTurn: { turnId, userMessageId: user.id, assistantMessageId },
    error: undefined,
    rateLimitedUntil: undefined,
  };
}

function applyEvent(state: ChatState, turn: ChatActiveTurn, event: ChatEvent, at: number): ChatState {
  switch (event.type) {
    case 'turn-start': {
      // A session or a proxy conversation exists once the turn started; a chat id waits for the turn's end.
      const chain = mergeChain(state.chain, {
        sessionId: event.sessionId,
        conversationId: event.conversationId,
      });
      const messages = markNewSession(state, turn, chain, acknowledge(state.messages, turn.userMessageId));
      if (chain === state.chain && messages === state.messages) return state;
      return { ...state, chain, messages };
    }
    case 'text-delta': {
      if (event.text === '') return state;
      const index = indexOfFromEnd(state.messages, turn.assistantMessageId);
      const live = state.messages[index];
      if (live === undefined) {
        // The first token creates the reply: no empty bubble while waiting.
        const reply: ChatMessage = {
          id: turn.assistantMessageId,
          role: 'assistant',
          text: event.text,
          status: 'streaming',
          createdAt: at,
          turnId: turn.turnId,
        };
        return {
          ...state,
          messages: [...acknowledge(state.messages, turn.userMessageId), reply],
          status: 'streaming',
          rateLimitedUntil: undefined,
        };
      }
      return {
        ...state,
        messages: replaceAt(state.messages, index, { ...live, text: live.text + event.text }),
      };
    }
    case 'turn-end': {
      let messages = acknowledge(state.messages, turn.userMessageId);
      const index = indexOfFromEnd(messages, turn.assistantMessageId);
      const live = messages[index];
      if (live === undefined) {
        // No bubble for an empty reply. (The store turns one into an error before it gets here: a turn
        // never ends silently.)
        if (event.text !== '') {
          const reply: ChatMessage = {
            id: turn.assistantMessageId,
            role: 'assistant',
            text: event.text,
            status: 'done',
            createdAt: at,
            turnId: turn.turnId,
            remoteId: event.messageId,
          };
          messages = [...messages, reply];
        }
      } else {
        // The final text may add what the deltas missed; it never shortens or replaces what was shown.
        const text = event.text.startsWith(live.text) ? event.text : live.text;
        messages = replaceAt(messages, index, { ...live, text, status: 'done', remoteId: event.messageId });
      }
      // The chain moves only when a turn completes: the chat of a stopped or cut turn may not exist.
      const chain = mergeChain(state.chain, event, true);
      return {
        ...state,
        messages: markNewSession(state, turn, chain, messages),
        status: 'idle',
        chain,
        activeTurn: undefined,
        rateLimitedUntil: undefined,
      };
    }
    case 'error':
      // An abort is a stop, never a failure.
      if (event.error.code === 'aborted') return endTurn(state, turn, 'stopped', undefined);
      return endTurn(state, turn, 'failed', event.error);
    default:
      event satisfies never;
      return state;
  }
}

/**
 * Marks the turn's user message `newSession` when `chain` moved it into another server session than the
 * chain it was sent with (the server had lost that one). A turn sent with no chain starts the first.
 */
function markNewSession(
  state: ChatState,
  turn: ChatActiveTurn,
  chain: ChatChain,
  messages: readonly ChatMessage[],
): readonly ChatMessage[] {
  if (!ranInNewSession(state.chainsBeforeTurn[turn.turnId], chain.sessionId)) return messages;
  return update(messages, turn.userMessageId, (message) =>
    message.newSession === true ? message : { ...message, newSession: true },
  );
}

/**
 * Ends the turn in flight without a complete reply. A partial reply is kept with `status`; without one,
 * the user message takes `status`, so its text stays in the thread and can be retried.
 */
function endTurn(
  state: ChatState,
  turn: ChatActiveTurn,
  status: 'stopped' | 'failed',
  error: VapiChatError | undefined,
): ChatState {
  const index = indexOfFromEnd(state.messages, turn.assistantMessageId);
  const live = state.messages[index];
  const messages =
    live === undefined
      ? update(state.messages, turn.userMessageId, (message) => ({ ...message, status, error }))
      : replaceAt(acknowledge(state.messages, turn.userMessageId), index, { ...live, status, error });
  return {
    ...state,
    messages,
    status: error === undefined ? 'idle' : 'error',
    activeTurn: undefined,
    error,
    rateLimitedUntil: undefined,
  };
}

function restore(state: ChatState, snapshot: ChatSnapshot, greeting: ChatMessage | undefined): ChatState {
  // Nothing is in flight after a restore: a turn saved mid-way counts as stopped (retryable). Otherwise the
  // snapshot's array itself becomes the transcript: a restored copy (a query's cache) is shared, not copied.
  const inFlight = (message: ChatMessage) => message.status === 'sending' || message.status === 'streaming';
  const messages =
    snapshot.messages.length === 0 && greeting !== undefined
      ? [greeting]
      : snapshot.messages.some(inFlight)
        ? snapshot.messages.map((message) =>
            inFlight(message) ? { ...message, status: 'stopped' as const } : message,
          )
        : snapshot.messages;
  return {
    ...state,
    messages,
    status: 'idle',
    chain: snapshot.chain,
    chainsBeforeTurn: snapshot.chainsBeforeTurn ?? {},
    activeTurn: undefined,
    error: undefined,
    rateLimitedUntil: undefined,
  };
}

/**
 * A defined id replaces the old one; with `completed`, the turn's `chatId` replaces the old one even when
 * it has none (a turn that ended without a chat id leaves nothing to chain from). Returns `chain` itself
 * when nothing changes.
 */
function mergeChain(chain: ChatChain, ids: ChatChain, completed = false): ChatChain {
  const chatId = completed ? ids.chatId : (ids.chatId ?? chain.chatId);
  const sessionId = ids.sessionId ?? chain.sessionId;
  const conversationId = ids.conversationId ?? chain.conversationId;
  if (chatId === chain.chatId && sessionId === chain.sessionId && conversationId === chain.conversationId) {
    return chain;
  }
  return {
    ...(chatId === undefined ? {} : { chatId }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(conversationId === undefined ? {} : { conversationId }),
  };
}

/** The server has the user message once anything of the reply arrives. */
function acknowledge(messages: readonly ChatMessage[], userMessageId: string): readonly ChatMessage[] {
  return update(messages, userMessageId, (message) =>
    message.status === 'sending' ? { ...message, status: 'done' } : message,
  );
}

function update(
  messages: readonly ChatMessage[],
  id: string,
  change: (message: ChatMessage) => ChatMessage,
): readonly ChatMessage[] {
  const index = indexOfFromEnd(messages, id);
  const message = messages[index];
  if (message === undefined) return messages;
  const changed = change(message);
  return changed === message ? messages : replaceAt(messages, index, changed);
}

// The live turn's messages are at the end, so searching from there is O(1) in practice.
function indexOfFromEnd(messages: readonly ChatMessage[], id: string): number {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index]?.id === id) return index;
  }
  return -1;
}

function replaceAt(
  messages: readonly ChatMessage[],
  index: number,
  message: ChatMessage,
): readonly ChatMessage[] {
  const next = messages.slice();
  next[index] = message;
  return next;
}
