/**
 * Compares a presented secret with a known one in time that depends only on the known one's length, so
 * response timing does not reveal how many leading characters a guess got right.
 */
export function constantTimeEqual(presented: string, known: string): boolean {
  let difference = presented.length ^ known.length;
  const length = Math.max(presented.length, 1);
  for (let index = 0; index < known.length; index++) {
    difference |= presented.charCodeAt(index % length) ^ known.charCodeAt(index);
  }
  return difference === 0;
}
