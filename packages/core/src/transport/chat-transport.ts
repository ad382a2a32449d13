import type { ChatEvent } from '../protocol/chat-event';

/**
 * How a conversation continues: the ids the last turn returned. Each transport reads the ones it uses
 * (`chatId` → Vapi `previousChatId`; `sessionId` → a Vapi session or the proxy's session key;
 * `conversationId` → the proxy's transcript). An empty chain starts a new conversation.
 */
export interface ChatChain {
  readonly chatId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly conversationId?: string | undefined;
}

/** A message the server has not seen but the reader has, e.g. a greeting shown before the first turn. */
export interface ChatContextMessage {
  readonly role: 'assistant' | 'user';
  readonly content: string;
}

export interface ChatTurnRequest {
  /** What the user typed. */
  readonly text: string;
  /** The ids of the previous turn; `{}` for the first turn of a conversation. */
  readonly chain: ChatChain;
  /** Sent before `text` as prior context where the transport supports it (Vapi `input` as a message list). */
  readonly context?: readonly ChatContextMessage[] | undefined;
  /**
   * The conversation before this turn as the reader saw it (the greeting, the questions, the replies that
   * finished or were stopped), oldest first. A transport sends it only when the server lost the
   * conversation (an expired, unknown or refused chain), so the assistant keeps its context.
   */
  readonly history?: readonly ChatContextMessage[] | undefined;
  /**
   * Unique per turn, and the same when that turn is retried: the proxy answers a retried turn from its
   * store (`Idempotency-Key`) instead of asking Vapi twice.
   */
  readonly turnId: string;
  /** Aborting it stops the request; the transport then yields an `aborted` error and ends. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The network behind one interface. `sendTurn` never rejects and never throws while iterating: every
 * failure (HTTP status, dropped connection, abort, malformed payload) is one final `error` event.
 * A successful turn is `turn-start`, any `text-delta`s, `turn-end`.
 *
 * Nothing here re-sends a turn on its own.
 *
 * @example
 * for await (const event of transport.sendTurn({ text: 'Hi', chain: {}, turnId: crypto.randomUUID() })) {
 *   if (event.type === 'text-delta') process.stdout.write(event.text);
 * }
 */
export interface ChatTransport {
  sendTurn(request: ChatTurnRequest): AsyncIterable<ChatEvent>;
  /**
   * The longest message the server takes, in UTF-16 code units (`String.length`): the store refuses a longer
   * one with a clear error instead of sending it, and a composer can say so before. Undefined: no limit known.
   */
  readonly maxMessageLength?: number | undefined;
  /**
   * Ends the conversation on the server where the format has such a thing (`/chat/web` `sessionEnd`).
   * Resolves when done; transports without it leave it undefined.
   */
  endConversation?(chain: ChatChain, options?: { readonly signal?: AbortSignal }): Promise<void>;
}
