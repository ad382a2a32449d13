// The size budgets the test command checks (`size-limit`). The checks are `size/checks.json`; each bundled
// one is measured as the page's initial chunk (see size/initial-chunk.mjs).
import checks from './size/checks.json' with { type: 'json' };
import { initialChunk } from './size/initial-chunk.mjs';

// size-limit reads its configuration as this module's default export.
// eslint-disable-next-line import-x/no-default-export
export default checks.map(initialChunk);
