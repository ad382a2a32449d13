import type { Session } from '../protocol/session';

/**
 * A session is usable while it is `active` and younger than `expirationSeconds`, counted from
 * `createdAt` (Vapi documents "expire after 24 h"; the emulator does not extend on activity).
 *
 * @example
 * isSessionActive(session, new Date());
 */
export function isSessionActive(session: Session, now: Date): boolean {
  if (session.status !== 'active') return false;
  return now.getTime() < Date.parse(session.createdAt) + session.expirationSeconds * 1000;
}
