import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectConsoleProblems, launchChromium } from './browser';
import { addChatProbe, chatScenario } from './chat-scenario';
import { installApp, type InstalledApp } from './install';
import { installedCopies, kitPackagesInLock } from './installed-packages';
import { freePort, startServer, stopAll, type RunningServer } from './processes';

/**
 * The Vite + React app of consumers/vite-react19 (`useVapiChat`, `ChatWindow`, `proxyTransport`,
 * `persistChat('local')`, its own `QueryClientProvider`) installed from the tarballs with a given React,
 * built with `tsc && vite build`, served by `vite preview` with `/api` forwarded to the packed proxy's CLI
 * (its in-process emulator), and driven in Chromium.
 */
export function viteReactSuite(options: {
  app: string;
  react: string;
  sharedFrom?: readonly string[];
}): void {
  describe(`${options.app}: Vite + React ${options.react} from the packed packages`, () => {
    let app: InstalledApp | undefined;
    let proxy: RunningServer | undefined;
    let web: RunningServer | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      app = await installApp(options.app, inject('consumerTarballs'), { sharedFrom: options.sharedFrom });
      await app.run('npm', ['run', 'build']);
      proxy = await startServer(
        app.bin('vapi-chat-proxy'),
        // The default store, SQLite in ./data (through @libsql/client's prebuilt binary from npm).
        ['--host', '127.0.0.1', '--port', '0', '--base-path', '/api'],
        { cwd: app.dir, ready: /^Listening on (http:\/\/\S+)/m },
      );
      const port = await freePort();
      web = await startServer(
        app.bin('vite'),
        ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
        {
          cwd: app.dir,
          env: { PROXY_URL: proxy.url },
          ready: /Local:\s+http:\/\/127\.0\.0\.1:\d+/,
          url: `http://127.0.0.1:${port}/`,
        },
      );
      browser = await launchChromium();
      page = await browser.newPage();
      problems = collectConsoleProblems(page);
      await addChatProbe(page);
    });

    afterAll(async () => {
      await browser?.close();
      await stopAll(web, proxy);
      app?.remove();
    });

    it('installs every @vapi-chat-kit package from its tarball, with one React and one TanStack Query', () => {
      const lock = app!.readJson<Parameters<typeof kitPackagesInLock>[0]>('package-lock.json');
      expect(kitPackagesInLock(lock)).toEqual({
        'node_modules/@vapi-chat-kit/core': '0.1.0 vapi-chat-kit-core-0.1.0.tgz',
        'node_modules/@vapi-chat-kit/emulator': '0.1.0 vapi-chat-kit-emulator-0.1.0.tgz',
        'node_modules/@vapi-chat-kit/proxy': '0.1.0 vapi-chat-kit-proxy-0.1.0.tgz',
        'node_modules/@vapi-chat-kit/react': '0.1.0 vapi-chat-kit-react-0.1.0.tgz',
        'node_modules/@vapi-chat-kit/ui': '0.1.0 vapi-chat-kit-ui-0.1.0.tgz',
      });
      expect(installedCopies(app!.dir, 'react')).toEqual([options.react]);
      expect(installedCopies(app!.dir, 'react-dom')).toEqual([options.react]);
      expect(installedCopies(app!.dir, '@tanstack/react-query')).toEqual(['5.108.4']);
    });

    chatScenario(() => ({
      page,
      url: web!.url,
      greeting: 'Hi! How can I help?',
      problems,
    }));

    it(`runs React ${options.react}, and the kit's history query lives in the app's own QueryClient`, async () => {
      expect(await page.getByTestId('react-version').textContent()).toBe(`React ${options.react}`);
      // useChatHistory reads the proxy's transcript once the chat has a conversation: through the app's
      // QueryClient, found by context, so both sides use the same copy of TanStack Query.
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { queryKeys: () => unknown[] }).queryKeys()))
        .toContainEqual(expect.arrayContaining(['vapi-chat-kit', 'history']));
      expect(problems.splice(0)).toEqual([]);
    });
  });
}
