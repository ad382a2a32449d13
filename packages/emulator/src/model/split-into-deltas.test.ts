import { describe, expect, it } from 'vitest';
import { splitIntoDeltas } from './split-into-deltas';

describe('splitIntoDeltas', () => {
  it('keeps whitespace on each word so the deltas join to the exact text', () => {
    expect(splitIntoDeltas('Hello  big\nworld')).toEqual(['Hello  ', 'big\n', 'world']);
    expect(splitIntoDeltas('  indented\n\n- item ')).toEqual(['  indented\n\n', '- ', 'item ']);
    expect(splitIntoDeltas('')).toEqual([]);
    expect(splitIntoDeltas('   ')).toEqual(['   ']);
  });

  it('round-trips text with code fences and multi-byte characters', () => {
    const text = '```bash\ncurl -H "x"\n```\n\n| a | € |\n| — | ✓ |';
    expect(splitIntoDeltas(text).join('')).toBe(text);
  });
});
