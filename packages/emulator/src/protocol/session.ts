import type { ChatMessage } from './chat-message';

/**
 * Session status (reference §8).
 *
 * @example
 * const status: SessionStatus = 'completed';
 */
export type SessionStatus = 'active' | 'completed';

/**
 * The `Session` object of the `/session` endpoints (reference §8).
 *
 * @example
 * const session = (await response.json()) as Session; // session.status
 */
export interface Session {
  readonly id: string;
  readonly orgId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly status: SessionStatus;
  readonly expirationSeconds: number;
  readonly name?: string;
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
  readonly squadId?: string;
  readonly squad?: Record<string, unknown>;
  readonly messages: readonly ChatMessage[];
  readonly customer?: Record<string, unknown>;
  readonly customerId?: string;
  readonly phoneNumberId?: string;
  readonly metadata?: { readonly variableValues?: Record<string, unknown> };
  readonly cost: number;
  readonly costs: readonly { readonly type: 'session'; readonly cost: number }[];
}
