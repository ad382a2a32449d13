import type { Session } from '../protocol/session';

/**
 * A session is usable while it is `active` and younger than `expirationSeconds`, counted from `createdAt`
 * (Vapi documents "expire after 24 h"), or with `expiry: 'inactivity'` from its last use (`updatedAt`), as
 * live reports of SMS sessions suggest (reference §15).
 *
 * @example
 * isSessionActive(session, new Date(), 'created');
 */
export function isSessionActive(session: Session, now: Date, expiry: 'created' | 'inactivity'): boolean {
  if (session.status !== 'active') return false;
  const from = expiry === 'inactivity' ? session.updatedAt : session.createdAt;
  return now.getTime() < Date.parse(from) + session.expirationSeconds * 1000;
}
