/**
 * A random UUID (version 4). `crypto.randomUUID` exists only in secure contexts (https, localhost); a chat
 * on a plain `http://` intranet or staging page builds the same from `crypto.getRandomValues`, which every
 * context has.
 *
 * @example
 * randomId(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(31));
  let index = 0;
  // The template's 4 is the version; its 8 takes the RFC 9562 variant (10xx); each 0 is a random digit.
  return '00000000-0000-4000-8000-000000000000'.replace(/[08]/g, (digit) => {
    const random = bytes[index++]! & 15;
    return (digit === '8' ? 8 | (random & 3) : random).toString(16);
  });
}
