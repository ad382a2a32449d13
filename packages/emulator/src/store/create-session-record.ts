import type { EmulatorDependencies } from '../emulator-dependencies';
import type { ResolvedAssistant } from '../model/assistant-config';
import { readVariableValues } from '../model/resolve-assistant';
import type { ChatMessage } from '../protocol/chat-message';
import type { Session, SessionStatus } from '../protocol/session';
import type { SessionRecord } from './emulator-store';

/** The fields a new session takes from `POST /session` or `POST /chat/web`. */
export interface NewSessionFields {
  readonly name?: string;
  readonly status?: SessionStatus;
  readonly expirationSeconds?: number;
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
  readonly squadId?: string;
  readonly squad?: Record<string, unknown>;
  readonly messages?: readonly ChatMessage[];
  readonly customer?: Record<string, unknown>;
  readonly customerId?: string;
  readonly phoneNumberId?: string;
}

/** Sessions last 24 hours unless told otherwise (reference §8). */
export const defaultSessionExpirationSeconds = 86_400;

/**
 * Makes and stores a session. Variables are substituted now, into the stored assistant, and the
 * values are kept in `metadata.variableValues`, as Vapi documents (reference §8).
 *
 * @example
 * const record = createSessionRecord(deps, { assistantId }, assistant);
 */
export function createSessionRecord(
  deps: EmulatorDependencies,
  fields: NewSessionFields,
  assistant: ResolvedAssistant,
): SessionRecord {
  const now = deps.options.now().toISOString();
  const variableValues = readVariableValues(fields.assistantOverrides);
  const session: Session = {
    id: deps.options.createId(),
    orgId: deps.options.orgId,
    createdAt: now,
    updatedAt: now,
    status: fields.status ?? 'active',
    expirationSeconds: fields.expirationSeconds ?? defaultSessionExpirationSeconds,
    ...(fields.name === undefined ? {} : { name: fields.name }),
    ...(fields.assistantId !== undefined
      ? { assistantId: fields.assistantId }
      : fields.assistant === undefined
        ? {}
        : { assistant: fields.assistant }),
    ...(fields.assistantOverrides === undefined ? {} : { assistantOverrides: fields.assistantOverrides }),
    ...(fields.squadId !== undefined
      ? { squadId: fields.squadId }
      : fields.squad === undefined
        ? {}
        : { squad: fields.squad }),
    ...(fields.customer === undefined ? {} : { customer: fields.customer }),
    ...(fields.customerId === undefined ? {} : { customerId: fields.customerId }),
    ...(fields.phoneNumberId === undefined ? {} : { phoneNumberId: fields.phoneNumberId }),
    ...(Object.keys(variableValues).length === 0 ? {} : { metadata: { variableValues } }),
    messages: fields.messages ?? [],
    cost: 0,
    costs: [{ type: 'session', cost: 0 }],
  };
  const record: SessionRecord = { session, assistant, sequence: deps.store.nextSequence() };
  deps.store.sessions.set(session.id, record);
  return record;
}
