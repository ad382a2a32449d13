import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.ts';

/** Debian's Chromium, headless, kept off the network; `args` adds flags (e.g. `--host-resolver-rules`). */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...args], headless: true });
}

/**
 * Collects what a user's console would show as a problem: `console.error` calls, uncaught exceptions and
 * unhandled rejections (`pageerror`), and warnings matching `failOnWarnings` (React's hydration warnings).
 */
export function collectConsoleProblems(page: Page, failOnWarnings?: RegExp): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || (type === 'warning' && failOnWarnings?.test(message.text()))) {
      const { url, lineNumber } = message.location();
      problems.push(`console.${type}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? String(error)}`));
  return problems;
}
