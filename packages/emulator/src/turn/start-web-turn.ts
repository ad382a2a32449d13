import type { EmulatorDependencies } from '../emulator-dependencies';
import type { PublicKeyConfig } from '../emulator-options';
import { NestException } from '../http/nest-exception';
import { resolveAssistant } from '../model/resolve-assistant';
import { createSessionRecord } from '../store/create-session-record';
import type { SessionRecord } from '../store/emulator-store';
import { isSessionActive } from '../store/is-session-active';
import type { CreateWebChatRequest } from '../validation/validate-create-web-chat';
import { generateTurn } from './generate-turn';
import type { StartedTurn } from './start-chat-turn';
import { storeChat } from './store-chat';

/** What a `/chat/web` request led to: a turn, or the end of a session with no reply. */
export type WebTurnOutcome =
  | { readonly kind: 'turn'; readonly started: StartedTurn & { readonly session: SessionRecord } }
  | { readonly kind: 'ended'; readonly chatId: string; readonly sessionId?: string };

/**
 * Runs a `/chat/web` turn. Context is the session only: a missing, expired or completed session is
 * replaced by a new one (with `sessionExpirationSeconds`), and `sessionEnd: true` completes the
 * session without calling the model or storing the input (reference §5, §13.1.7).
 *
 * @example
 * const outcome = startWebTurn(deps, request, publicKey, false);
 */
export function startWebTurn(
  deps: EmulatorDependencies,
  request: CreateWebChatRequest,
  publicKey: PublicKeyConfig | undefined,
  toolCalls: boolean,
): WebTurnOutcome {
  const { options, store } = deps;
  let session = request.sessionId === undefined ? undefined : store.sessions.get(request.sessionId);
  // Unknown is not expired: whether Vapi refuses it or starts a new session is unknown (reference §15).
  if (request.sessionId !== undefined && session === undefined && options.webUnknownSession === 'error') {
    throw new NestException(options.unknownReferenceStatus, `Session ${request.sessionId} not found`);
  }

  if (request.sessionEnd === true) {
    if (session !== undefined && session.session.status === 'active') {
      session.session = { ...session.session, status: 'completed', updatedAt: options.now().toISOString() };
    }
    return {
      kind: 'ended',
      chatId: options.createId(),
      ...(session === undefined ? {} : { sessionId: session.session.id }),
    };
  }

  if (session === undefined || !isSessionActive(session.session, options.now(), options.sessionExpiry)) {
    checkKeyRestrictions(request, publicKey);
    const assistant = resolveAssistant(options, request);
    if (assistant === undefined) {
      throw new NestException(400, ['assistantId or assistant is required to start a session']);
    }
    session = createSessionRecord(
      deps,
      {
        ...(request.assistantId === undefined ? {} : { assistantId: request.assistantId }),
        ...(request.assistant === undefined ? {} : { assistant: request.assistant }),
        ...(request.assistantOverrides === undefined
          ? {}
          : { assistantOverrides: request.assistantOverrides }),
        ...(request.customer === undefined ? {} : { customer: request.customer }),
        ...(request.sessionExpirationSeconds === undefined
          ? {}
          : { expirationSeconds: request.sessionExpirationSeconds }),
      },
      assistant,
    );
  }

  const history = session.session.messages;
  const turn = generateTurn([...history, ...request.inputMessages], session.assistant, {
    toolCalls,
    createId: options.createId,
  });
  const record = storeChat(deps, {
    echo: {
      input: request.input,
      ...(request.stream === undefined ? {} : { stream: request.stream }),
      ...(session.session.assistantId === undefined ? {} : { assistantId: session.session.assistantId }),
    },
    inputMessages: request.inputMessages,
    history,
    turn,
    assistant: session.assistant,
    session,
  });
  return {
    kind: 'turn',
    started: { record, turn, inputMessages: request.inputMessages, session },
  };
}

// Public keys can be limited to some assistants and can forbid transient ones (reference §9).
function checkKeyRestrictions(request: CreateWebChatRequest, publicKey: PublicKeyConfig | undefined): void {
  if (publicKey === undefined) return;
  if (
    request.assistantId !== undefined &&
    publicKey.allowedAssistantIds !== undefined &&
    !publicKey.allowedAssistantIds.includes(request.assistantId)
  ) {
    throw new NestException(401, `This key is not allowed to use assistant ${request.assistantId}`);
  }
  if (
    request.assistantId === undefined &&
    request.assistant !== undefined &&
    publicKey.allowTransientAssistant === false
  ) {
    throw new NestException(401, 'This key is not allowed to use transient assistants');
  }
}
