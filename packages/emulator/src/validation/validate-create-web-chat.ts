import type { ResolvedEmulatorOptions } from '../emulator-options';
import { NestException } from '../http/nest-exception';
import type { ChatMessage } from '../protocol/chat-message';
import {
  checkOptionalBoolean,
  checkOptionalInteger,
  checkOptionalObject,
  checkOptionalString,
  checkUnknownFields,
} from './field-checks';
import { validateInput } from './validate-input';

/** A `CreateWebChatDTO` (or `OpenAIWebChatRequest`) that passed validation (reference §5). */
export interface CreateWebChatRequest {
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
  readonly sessionId?: string;
  readonly sessionExpirationSeconds?: number;
  readonly customer?: Record<string, unknown>;
  readonly input: string | readonly ChatMessage[];
  readonly inputMessages: readonly ChatMessage[];
  readonly stream?: boolean;
  readonly sessionEnd?: boolean;
}

const webFields = [
  'assistantId',
  'assistant',
  'assistantOverrides',
  'sessionId',
  'sessionExpirationSeconds',
  'customer',
  'input',
  'stream',
  'sessionEnd',
];

/**
 * Validates a `POST /chat/web` or `/chat/web/responses` body. The web path has no
 * `previousChatId`: context is the session only (reference §5), so that field is always refused.
 *
 * @example
 * const request = validateCreateWebChat(body, options, 'chat');
 */
export function validateCreateWebChat(
  body: Record<string, unknown>,
  options: ResolvedEmulatorOptions,
  kind: 'chat' | 'responses',
): CreateWebChatRequest {
  if (body.input === undefined || body.input === null) {
    throw new NestException(options.ruleStatus['missing-input'] ?? 400, [
      'input must be a string or an array of messages',
    ]);
  }
  const problems: string[] = [];
  if (body.previousChatId !== undefined) problems.push('property previousChatId should not exist');
  if (options.unknownFields === 'reject') {
    checkUnknownFields(
      body,
      kind === 'chat' ? [...webFields, 'previousChatId'] : [...webFields, 'previousChatId', 'model'],
      problems,
    );
  }
  checkOptionalString(body, 'assistantId', problems);
  checkOptionalString(body, 'sessionId', problems);
  checkOptionalObject(body, 'assistant', problems);
  checkOptionalObject(body, 'assistantOverrides', problems);
  checkOptionalObject(body, 'customer', problems);
  checkOptionalInteger(body, 'sessionExpirationSeconds', problems, 60, 2_592_000);
  checkOptionalBoolean(body, 'stream', problems);
  checkOptionalBoolean(body, 'sessionEnd', problems);
  const inputMessages = validateInput(body.input, problems);
  if (problems.length > 0) throw new NestException(400, problems);
  return { ...(body as unknown as Omit<CreateWebChatRequest, 'inputMessages'>), inputMessages };
}
