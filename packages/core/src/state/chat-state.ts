import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatChain } from '../transport/chat-transport';

/**
 * Where the chat as a whole is. `'submitted'` means a turn was sent and no token has arrived yet;
 * `'streaming'` means the reply is arriving; `'error'` means the last turn failed (see {@link ChatState.error}).
 * A stop is not a failure: it ends in `'idle'`.
 *
 * @example
 * const busy = state.status === 'submitted' || state.status === 'streaming';
 */
export type ChatStatus = 'idle' | 'submitted' | 'streaming' | 'error';

/**
 * Where one message is.
 * - `sending`: a user message the server has not acknowledged yet.
 * - `streaming`: the assistant reply that is arriving.
 * - `done`: acknowledged (user) or complete (assistant).
 * - `stopped`: stopped on purpose; a partial reply is kept, a user message can be retried.
 * - `failed`: see {@link ChatMessage.error}; a user message can be retried, a partial reply is kept.
 *
 * @example
 * const canRetry = message.role === 'user' && (message.status === 'failed' || message.status === 'stopped');
 */
export type ChatMessageStatus = 'sending' | 'streaming' | 'done' | 'stopped' | 'failed';

/**
 * Who wrote a message.
 *
 * @example
 * const role: ChatMessageRole = 'assistant';
 */
export type ChatMessageRole = 'user' | 'assistant';

/**
 * One bubble in the transcript. Messages are immutable: a change makes a new object, and every other
 * message keeps its identity, so a selector over one message re-renders only that message.
 *
 * @example
 * const message: ChatMessage = { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: 0, turnId: 't1' };
 */
export interface ChatMessage {
  readonly id: string;
  readonly role: ChatMessageRole;
  readonly text: string;
  readonly status: ChatMessageStatus;
  /** Why the message failed; set only when `status` is `'failed'`. */
  readonly error?: VapiChatError | undefined;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** The turn the message belongs to: a user message and its reply share it. A greeting has none. */
  readonly turnId?: string | undefined;
  /**
   * On a user message: its turn ran in a new server session that replaced one the server no longer had,
   * so the assistant does not remember what came before (a "new conversation" divider goes above it).
   */
  readonly newSession?: true | undefined;
  /** On a finished reply through the proxy: the id it is stored under there (what a rating names). */
  readonly remoteId?: string | undefined;
}

/**
 * The turn in flight: its id (sent as the idempotency key), and the ids of its user message and of the
 * assistant message the first token will create.
 *
 * @example
 * const live = state.activeTurn && state.messages.find((m) => m.id === state.activeTurn?.assistantMessageId);
 */
export interface ChatActiveTurn {
  readonly turnId: string;
  readonly userMessageId: string;
  readonly assistantMessageId: string;
}

/**
 * Everything a chat shows and needs to continue. Changed only by {@link chatReducer}.
 *
 * @example
 * const state = createChatState({ greeting: { id: 'g', role: 'assistant', text: 'Hi!', status: 'done', createdAt: 0 } });
 * state.status; // 'idle'
 */
export interface ChatState {
  /** The transcript, oldest first. */
  readonly messages: readonly ChatMessage[];
  readonly status: ChatStatus;
  /** The ids to continue the conversation with; `{}` starts a new one. */
  readonly chain: ChatChain;
  /**
   * The chain the last turn was sent with, by its turn id (one entry: an older turn is never re-sent
   * with its own chain): `retry` re-sends the last turn with it and `regenerate` re-asks from it, so a
   * dropped reply is not part of the new reply's context (with `chatId` chaining).
   */
  readonly chainsBeforeTurn: Readonly<Record<string, ChatChain>>;
  /** The turn in flight, if any. */
  readonly activeTurn?: ChatActiveTurn | undefined;
  /** The last turn's error, when `status` is `'error'`; cleared by the next turn. */
  readonly error?: VapiChatError | undefined;
  /** Epoch milliseconds until which a rate-limited turn waits before it is sent again (a visible back-off). */
  readonly rateLimitedUntil?: number | undefined;
}

/**
 * What a chat can be restored from (persistence, history, another tab).
 *
 * @example
 * const snapshot: ChatSnapshot = { messages: state.messages, chain: state.chain, chainsBeforeTurn: state.chainsBeforeTurn };
 */
export interface ChatSnapshot {
  readonly messages: readonly ChatMessage[];
  readonly chain: ChatChain;
  /** @default {} — without it, `retry`/`regenerate` of a restored turn chain from the current chain. */
  readonly chainsBeforeTurn?: Readonly<Record<string, ChatChain>> | undefined;
}
