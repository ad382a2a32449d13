import type { ChatChain } from '../transport/chat-transport';
import { chatReducer } from './chat-reducer';
import type { ChatMessage, ChatState } from './chat-state';

/**
 * Options of {@link createChatState}.
 *
 * @example
 * const options: CreateChatStateOptions = { messages: saved.messages, chain: saved.chain };
 */
export interface CreateChatStateOptions {
  /** A transcript to start from (restored). @default [] */
  readonly messages?: readonly ChatMessage[] | undefined;
  /** The chain to continue from. @default {} (a new conversation) */
  readonly chain?: ChatChain | undefined;
  /** The chain each restored turn was sent with. @default {} */
  readonly chainsBeforeTurn?: Readonly<Record<string, ChatChain>> | undefined;
  /** Shown as the first message when `messages` is empty. */
  readonly greeting?: ChatMessage | undefined;
}

/**
 * An idle chat state, empty or restored. Restored messages saved mid-turn come back `stopped`, as with
 * the reducer's `restore` action.
 *
 * @example
 * const state = createChatState({ chain: { sessionId: 's1' } });
 * state.status; // 'idle'
 */
export function createChatState(options: CreateChatStateOptions = {}): ChatState {
  const empty: ChatState = { messages: [], status: 'idle', chain: {}, chainsBeforeTurn: {} };
  return chatReducer(empty, {
    type: 'restore',
    snapshot: {
      messages: options.messages ?? [],
      chain: options.chain ?? {},
      chainsBeforeTurn: options.chainsBeforeTurn,
    },
    greeting: options.greeting,
  });
}
