import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatChain } from '../transport/chat-transport';
import type { ChatMessage, ChatState, ChatStatus } from './chat-state';

// Selectors return values already in the state (or values memoized per state), so a subscriber that
// compares with `Object.is` (useSyncExternalStore) re-renders only when its slice changed.

/**
 * The transcript. A new array on every change, including each token: prefer
 * {@link selectMessageIds} plus {@link selectMessageById} for lists.
 *
 * @example
 * const messages = selectMessages(store.getState());
 */
export function selectMessages(state: ChatState): readonly ChatMessage[] {
  return state.messages;
}

/**
 * The chat's status.
 *
 * @example
 * element.dataset.status = selectStatus(store.getState());
 */
export function selectStatus(state: ChatState): ChatStatus {
  return state.status;
}

/**
 * The last turn's error, while `status` is `'error'`.
 *
 * @example
 * const error = selectError(store.getState());
 * if (error?.code === 'unauthorized') showSignIn();
 */
export function selectError(state: ChatState): VapiChatError | undefined {
  return state.error;
}

/**
 * The ids the conversation continues with (persist these with the transcript).
 *
 * @example
 * storage.setItem('chain', JSON.stringify(selectChain(store.getState())));
 */
export function selectChain(state: ChatState): ChatChain {
  return state.chain;
}

/**
 * Epoch ms until which a rate-limited turn waits, or `undefined`.
 *
 * @example
 * const until = selectRateLimitedUntil(store.getState());
 * if (until !== undefined) showCountdown(until - Date.now());
 */
export function selectRateLimitedUntil(state: ChatState): number | undefined {
  return state.rateLimitedUntil;
}

/**
 * True while a turn is in flight (`submitted` or `streaming`): Send is disabled, Stop is shown.
 *
 * @example
 * sendButton.disabled = selectIsBusy(store.getState());
 */
export function selectIsBusy(state: ChatState): boolean {
  return state.status === 'submitted' || state.status === 'streaming';
}

const messageIdsByMessages = new WeakMap<readonly ChatMessage[], readonly string[]>();
// The last ids of each chat, keyed by its `chainsBeforeTurn`: an object of its own per chat that stays the
// same across a turn's tokens, so two chats streaming at once never take each other's array.
const lastMessageIdsByChat = new WeakMap<ChatState['chainsBeforeTurn'], readonly string[]>();

/**
 * The ids of the messages, in order. The same array is returned for the same state, and also across
 * states whose ids are unchanged (e.g. every token after the first), so a list keyed by id does not
 * re-render while a reply streams.
 *
 * @example
 * const ids = selectMessageIds(store.getState());
 * ids.map((id) => renderBubble(selectMessageById(id)(store.getState())));
 */
export function selectMessageIds(state: ChatState): readonly string[] {
  const cached = messageIdsByMessages.get(state.messages);
  if (cached !== undefined) {
    lastMessageIdsByChat.set(state.chainsBeforeTurn, cached);
    return cached;
  }
  const ids = state.messages.map((message) => message.id);
  const last = lastMessageIdsByChat.get(state.chainsBeforeTurn);
  const result = last !== undefined && sameItems(ids, last) ? last : ids;
  lastMessageIdsByChat.set(state.chainsBeforeTurn, result);
  messageIdsByMessages.set(state.messages, result);
  return result;
}

/**
 * A selector for one message by id. Its result keeps its identity until that message changes, so a
 * bubble re-renders only for its own tokens. Create it once per bubble (e.g. in `useMemo`).
 *
 * @example
 * const selectLive = selectMessageById(activeId);
 * const message = selectLive(store.getState());
 */
export function selectMessageById(id: string): (state: ChatState) => ChatMessage | undefined {
  return (state) => {
    // Recent messages change most, so search from the end.
    for (let index = state.messages.length - 1; index >= 0; index -= 1) {
      const message = state.messages[index];
      if (message?.id === id) return message;
    }
    return undefined;
  };
}

/**
 * The newest assistant message (the greeting counts), or `undefined`.
 *
 * @example
 * const last = selectLastAssistantMessage(store.getState());
 * if (last?.status === 'done') speak(last.text);
 */
export function selectLastAssistantMessage(state: ChatState): ChatMessage | undefined {
  return state.messages.findLast((message) => message.role === 'assistant');
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
