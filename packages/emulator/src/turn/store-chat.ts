import type { EmulatorDependencies } from '../emulator-dependencies';
import type { ResolvedAssistant } from '../model/assistant-config';
import type { Chat } from '../protocol/chat';
import type { ChatMessage } from '../protocol/chat-message';
import type { ChatRecord, SessionRecord } from '../store/emulator-store';
import type { GeneratedTurn } from './generate-turn';

/** The request fields a `Chat` echoes (reference §3). */
export interface EchoedChatFields {
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
  readonly squadId?: string;
  readonly squad?: Record<string, unknown>;
  readonly name?: string;
  readonly input: string | readonly ChatMessage[];
  readonly stream?: boolean;
  readonly previousChatId?: string;
}

/** Inputs of {@link storeChat}. */
export interface StoreChatParams {
  readonly echo: EchoedChatFields;
  readonly inputMessages: readonly ChatMessage[];
  /** The conversation before this turn. */
  readonly history: readonly ChatMessage[];
  readonly turn: GeneratedTurn;
  readonly assistant: ResolvedAssistant;
  readonly session?: SessionRecord;
}

/**
 * Persists a finished turn as a `Chat` (so `GET /chat/{id}` and `previousChatId` work) and, for a
 * session turn, appends the input and output to the session. The whole turn is stored before the
 * first byte is streamed, so a cut or a client abort does not change what `GET /chat` returns.
 *
 * @example
 * const record = storeChat(deps, { echo, inputMessages, history: [], turn, assistant });
 */
export function storeChat(deps: EmulatorDependencies, params: StoreChatParams): ChatRecord {
  const { echo, inputMessages, history, turn, assistant, session } = params;
  const now = deps.options.now().toISOString();
  const conversation = [...history, ...inputMessages];
  const assistantId = echo.assistantId ?? assistant.id;
  const promptTokens = countWords(conversation);
  const completionTokens = countWords(turn.output);
  const chat: Chat = {
    id: deps.options.createId(),
    orgId: deps.options.orgId,
    ...echo,
    ...(assistantId === undefined ? {} : { assistantId }),
    ...(session === undefined ? {} : { sessionId: session.session.id }),
    messages: deps.options.chatMessages === 'turn-input' ? inputMessages : conversation,
    output: turn.output,
    createdAt: now,
    updatedAt: now,
    costs: [
      {
        type: 'model',
        model: { provider: 'emulator', model: 'techflow-emulator' },
        promptTokens,
        completionTokens,
        cost: 0,
      },
      { type: 'chat', cost: 0 },
    ],
    cost: 0,
  };
  const record: ChatRecord = {
    chat,
    history: [...conversation, ...turn.output],
    assistant,
    sequence: deps.store.nextSequence(),
  };
  deps.store.chats.set(chat.id, record);
  if (session !== undefined) {
    session.session = {
      ...session.session,
      messages: [...session.session.messages, ...inputMessages, ...turn.output],
      updatedAt: now,
    };
  }
  return record;
}

function countWords(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (total, message) =>
      total + (typeof message.content === 'string' ? message.content.split(/\s+/).filter(Boolean).length : 0),
    0,
  );
}
