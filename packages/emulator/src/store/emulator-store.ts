import type { ResolvedAssistant } from '../model/assistant-config';
import type { Chat } from '../protocol/chat';
import type { ChatMessage } from '../protocol/chat-message';
import type { Session } from '../protocol/session';

/** A stored chat with what the emulator needs to continue it. */
export interface ChatRecord {
  readonly chat: Chat;
  /** The full conversation up to and including this chat's output, whatever `Chat.messages` shows. */
  readonly history: readonly ChatMessage[];
  readonly assistant: ResolvedAssistant;
  /** Insertion order, so equal timestamps (a frozen test clock) still sort stably. */
  readonly sequence: number;
}

/** A stored session with its assistant, resolved (and substituted) when the session was made. */
export interface SessionRecord {
  session: Session;
  readonly assistant: ResolvedAssistant;
  readonly sequence: number;
}

/**
 * The emulator's in-memory state: chats and sessions. One per emulator; nothing is shared between
 * two emulators in the same process.
 *
 * @example
 * const store = new EmulatorStore();
 * store.sessions.size; // 0
 */
export class EmulatorStore {
  readonly chats = new Map<string, ChatRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  #sequence = 0;

  /** The next insertion number. */
  nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }
}
