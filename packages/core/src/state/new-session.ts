import type { ChatChain } from '../transport/chat-transport';

/**
 * Whether a turn sent with the chain `before` ran in another server session (`sessionId`, after it): the
 * server had lost the one it was sent with. A turn sent with no chain starts the first session, which is
 * not a new one. The reducer marks such a turn (`newSession`); reading older snapshots uses the same rule.
 *
 * @example
 * ranInNewSession({ sessionId: 's1' }, 's2'); // true
 */
export function ranInNewSession(before: ChatChain | undefined, sessionId: string | undefined): boolean {
  const hadChain = before?.sessionId !== undefined || before?.chatId !== undefined;
  return hadChain && sessionId !== undefined && sessionId !== before?.sessionId;
}
