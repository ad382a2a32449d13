import { describe, expect, it } from 'vitest';
import { apiPackages, apiReport, committedReport } from './api-report';

describe('the public API of each package matches its committed report (api/*.api.md)', () => {
  for (const name of apiPackages) {
    it(`@vapi-chat-kit/${name}`, () => {
      // On a deliberate change: `pnpm run build && pnpm run api-report`, and commit the report with it.
      expect(apiReport(name)).toBe(committedReport(name));
    });
  }
});
