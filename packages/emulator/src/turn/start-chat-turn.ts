import type { EmulatorDependencies } from '../emulator-dependencies';
import { NestException } from '../http/nest-exception';
import type { ResolvedAssistant } from '../model/assistant-config';
import { resolveAssistant } from '../model/resolve-assistant';
import type { ChatMessage } from '../protocol/chat-message';
import type { ChatRecord, SessionRecord } from '../store/emulator-store';
import { isSessionActive } from '../store/is-session-active';
import type { CreateChatRequest } from '../validation/validate-create-chat';
import { generateTurn, type GeneratedTurn } from './generate-turn';
import { storeChat } from './store-chat';

/** A turn that has been generated and stored, ready to be sent as JSON or a stream. */
export interface StartedTurn {
  readonly record: ChatRecord;
  readonly turn: GeneratedTurn;
  /** The request's input, as the messages appended to the conversation. */
  readonly inputMessages: readonly ChatMessage[];
  readonly session?: SessionRecord;
}

/**
 * Runs a `POST /chat` or `/chat/responses` turn: finds the context (session, previous chat or
 * none), the assistant, generates the reply and stores the chat.
 *
 * @example
 * const { record, turn } = startChatTurn(deps, request, plan.toolCalls ?? false);
 */
export function startChatTurn(
  deps: EmulatorDependencies,
  request: CreateChatRequest,
  toolCalls: boolean,
): StartedTurn {
  const { options, store } = deps;
  let history: readonly ChatMessage[] = [];
  let assistant: ResolvedAssistant | undefined;
  let session: SessionRecord | undefined;

  if (request.sessionId !== undefined) {
    session = store.sessions.get(request.sessionId);
    if (session === undefined) {
      throw new NestException(options.unknownReferenceStatus, `Session ${request.sessionId} not found`);
    }
    if (!isSessionActive(session.session, options.now(), options.sessionExpiry)) {
      const reason = session.session.status === 'completed' ? 'is completed' : 'has expired';
      throw new NestException(options.inactiveSessionStatus, [`Session ${request.sessionId} ${reason}`]);
    }
    history = session.session.messages;
    assistant = session.assistant;
  } else if (request.previousChatId !== undefined) {
    const previous = store.chats.get(request.previousChatId);
    if (previous === undefined) {
      throw new NestException(options.unknownReferenceStatus, `Chat ${request.previousChatId} not found`);
    }
    history = previous.history;
    assistant = resolveAssistant(options, request) ?? previous.assistant;
  } else {
    assistant = resolveAssistant(options, request);
  }
  if (assistant === undefined) {
    // Unreachable after validation; kept so a future rule change fails loudly, not with a crash.
    throw new NestException(400, ['an assistant is required']);
  }

  const turn = generateTurn([...history, ...request.inputMessages], assistant, {
    toolCalls,
    createId: options.createId,
  });
  const { inputMessages, sessionId: _sessionId, transport: _transport, ...echo } = request;
  const record = storeChat(deps, {
    echo,
    inputMessages,
    history,
    turn,
    assistant,
    ...(session === undefined ? {} : { session }),
  });
  return { record, turn, inputMessages, ...(session === undefined ? {} : { session }) };
}
