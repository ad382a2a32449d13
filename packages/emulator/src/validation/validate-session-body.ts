import type { ResolvedEmulatorOptions } from '../emulator-options';
import { NestException } from '../http/nest-exception';
import type { ChatMessage } from '../protocol/chat-message';
import type { SessionStatus } from '../protocol/session';
import type { NewSessionFields } from '../store/create-session-record';
import {
  checkOptionalInteger,
  checkOptionalObject,
  checkOptionalString,
  checkUnknownFields,
} from './field-checks';
import { validateInput } from './validate-input';

const createFields = [
  'name',
  'status',
  'expirationSeconds',
  'assistantId',
  'assistant',
  'assistantOverrides',
  'squadId',
  'squad',
  'messages',
  'customer',
  'customerId',
  'phoneNumberId',
  'phoneNumber',
];
const updateFields = ['name', 'status', 'expirationSeconds', 'messages'];

/** The fields `PATCH /session/{id}` may change (reference §8). */
export interface SessionUpdate {
  readonly name?: string;
  readonly status?: SessionStatus;
  readonly expirationSeconds?: number;
  readonly messages?: readonly ChatMessage[];
}

/**
 * Validates a `CreateSessionDTO` (`kind: 'create'`) or `UpdateSessionDTO` (`kind: 'update'`):
 * `expirationSeconds` 60–2,592,000, `status` `active|completed`, `name` ≤ 40 (reference §8).
 *
 * @example
 * const fields = validateSessionBody(body, options, 'create');
 */
export function validateSessionBody(
  body: Record<string, unknown>,
  options: ResolvedEmulatorOptions,
  kind: 'create',
): NewSessionFields;
export function validateSessionBody(
  body: Record<string, unknown>,
  options: ResolvedEmulatorOptions,
  kind: 'update',
): SessionUpdate;
export function validateSessionBody(
  body: Record<string, unknown>,
  options: ResolvedEmulatorOptions,
  kind: 'create' | 'update',
): NewSessionFields | SessionUpdate {
  const problems: string[] = [];
  if (options.unknownFields === 'reject') {
    checkUnknownFields(body, kind === 'create' ? createFields : updateFields, problems);
  }
  checkOptionalString(body, 'name', problems, 40);
  checkOptionalInteger(body, 'expirationSeconds', problems, 60, 2_592_000);
  if (body.status !== undefined && body.status !== 'active' && body.status !== 'completed') {
    problems.push('status must be one of the following values: active, completed');
  }
  if (kind === 'create') {
    for (const field of ['assistantId', 'squadId', 'customerId', 'phoneNumberId']) {
      checkOptionalString(body, field, problems);
    }
    for (const field of ['assistant', 'assistantOverrides', 'squad', 'customer']) {
      checkOptionalObject(body, field, problems);
    }
  }
  let messages: ChatMessage[] | undefined;
  if (body.messages !== undefined) {
    if (Array.isArray(body.messages) && body.messages.length === 0) messages = [];
    else {
      const messageProblems: string[] = [];
      messages = validateInput(body.messages, messageProblems);
      problems.push(...messageProblems.map((problem) => problem.replace(/^input/, 'messages')));
    }
  }
  if (problems.length > 0) throw new NestException(400, problems);
  const fields = Object.fromEntries(
    Object.entries(body).filter(([name]) => (kind === 'create' ? createFields : updateFields).includes(name)),
  );
  return { ...fields, ...(messages === undefined ? {} : { messages }) };
}
