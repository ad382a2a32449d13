import type { ResolvedEmulatorOptions } from '../emulator-options';
import { NestException } from '../http/nest-exception';
import type { ChatMessage } from '../protocol/chat-message';
import type { CombinationRule } from './combination-rule';
import {
  checkOptionalBoolean,
  checkOptionalObject,
  checkOptionalString,
  checkUnknownFields,
} from './field-checks';
import { validateInput } from './validate-input';

/** A `CreateChatDTO` (or `OpenAIResponsesRequest`) that passed validation (reference §2). */
export interface CreateChatRequest {
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
  readonly squadId?: string;
  readonly squad?: Record<string, unknown>;
  readonly name?: string;
  readonly sessionId?: string;
  readonly previousChatId?: string;
  readonly input: string | readonly ChatMessage[];
  readonly inputMessages: readonly ChatMessage[];
  readonly stream?: boolean;
  readonly transport?: Record<string, unknown>;
}

const chatFields = [
  'assistantId',
  'assistant',
  'assistantOverrides',
  'squadId',
  'squad',
  'name',
  'sessionId',
  'previousChatId',
  'input',
  'stream',
  'transport',
];

// The Responses variant takes the same fields; `model` is accepted and ignored (reference §6).
const responsesFields = [...chatFields, 'model', 'previous_response_id'];

/**
 * Validates a `POST /chat` or `POST /chat/responses` body: DTO constraints first (one 400 with every
 * message), then the combination rules of reference §2.2, each with its configurable status.
 *
 * @example
 * const request = validateCreateChat(body, options, 'chat');
 */
export function validateCreateChat(
  body: Record<string, unknown>,
  options: ResolvedEmulatorOptions,
  kind: 'chat' | 'responses',
): CreateChatRequest {
  const ruleFailure = (rule: CombinationRule, message: string): NestException =>
    new NestException(options.ruleStatus[rule] ?? 400, [message]);

  if (body.input === undefined || body.input === null) {
    throw ruleFailure('missing-input', 'input must be a string or an array of messages');
  }

  const problems: string[] = [];
  if (options.unknownFields === 'reject') {
    checkUnknownFields(body, kind === 'chat' ? chatFields : responsesFields, problems);
  }
  for (const field of ['assistantId', 'squadId', 'sessionId', 'previousChatId']) {
    checkOptionalString(body, field, problems);
  }
  checkOptionalString(body, 'name', problems, 40);
  for (const field of ['assistant', 'assistantOverrides', 'squad', 'transport']) {
    checkOptionalObject(body, field, problems);
  }
  checkOptionalBoolean(body, 'stream', problems);
  const inputMessages = validateInput(body.input, problems);
  if (problems.length > 0) throw new NestException(400, problems);

  const request = body as unknown as Omit<CreateChatRequest, 'inputMessages'>;
  let previousChatId = request.previousChatId;
  if (
    kind === 'responses' &&
    options.previousResponseId === 'alias' &&
    previousChatId === undefined &&
    typeof body.previous_response_id === 'string'
  ) {
    previousChatId = body.previous_response_id;
  }

  const hasAssistant = request.assistantId !== undefined || request.assistant !== undefined;
  if (request.sessionId !== undefined && previousChatId !== undefined) {
    throw ruleFailure('session-with-previous-chat', 'sessionId and previousChatId are mutually exclusive');
  }
  if (request.sessionId !== undefined && hasAssistant) {
    throw ruleFailure(
      'session-with-assistant',
      'assistantId and assistant cannot be used with sessionId: the session fixes the assistant',
    );
  }
  if (request.sessionId !== undefined && request.transport !== undefined) {
    throw ruleFailure('session-with-transport', 'sessionId cannot be used with transport');
  }
  if (
    !hasAssistant &&
    request.squadId === undefined &&
    request.squad === undefined &&
    request.sessionId === undefined &&
    previousChatId === undefined
  ) {
    throw ruleFailure(
      'no-assistant',
      'one of assistantId, assistant, squadId, squad, sessionId or previousChatId is required',
    );
  }
  if (
    options.assistantWithAssistantId === 'reject' &&
    request.assistantId !== undefined &&
    request.assistant !== undefined
  ) {
    throw new NestException(400, ['assistant and assistantId cannot be used together']);
  }

  return pickDefined({
    assistantId: request.assistantId,
    assistant: request.assistant,
    assistantOverrides: request.assistantOverrides,
    squadId: request.squadId,
    squad: request.squad,
    name: request.name,
    sessionId: request.sessionId,
    previousChatId,
    input: request.input,
    inputMessages,
    stream: request.stream,
    transport: request.transport,
  });
}

// Echoed fields must be absent, not `undefined`, or they would still appear as keys in tests.
function pickDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
