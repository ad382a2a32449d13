import { version } from 'react';
import { describe, expect, it } from 'vitest';

// The same tests run on React 19 (`unit`) and on React 18.3 (`react18`, through an alias): this one proves
// which React each run really had.
describe('the React under test', () => {
  it('is the one its project says', () => {
    expect(version.split('.')[0]).toBe(process.env['EXPECTED_REACT_MAJOR'] ?? '19');
  });
});
