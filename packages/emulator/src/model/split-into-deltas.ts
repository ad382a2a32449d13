/**
 * Splits a reply into word-sized deltas that keep their whitespace, so joining the deltas gives the
 * exact reply back (newlines and indentation included).
 *
 * @example
 * splitIntoDeltas('Hello  big\nworld'); // ['Hello  ', 'big\n', 'world']
 */
export function splitIntoDeltas(text: string): string[] {
  return text.match(/\s+$|\s*\S+\s*/gy) ?? [];
}
