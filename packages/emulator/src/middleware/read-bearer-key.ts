/**
 * The key of an `Authorization: Bearer <key>` header, or undefined.
 *
 * @example
 * readBearerKey('Bearer emulator-private-key'); // 'emulator-private-key'
 */
export function readBearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
