import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectConsoleProblems, launchChromium } from '../support/browser';
import { addChatProbe, ask, chatScenario, finishedReply, transcript } from '../support/chat-scenario';
import { installApp, type InstalledApp } from '../support/install';
import { installedCopies, kitPackagesInLock } from '../support/installed-packages';
import { freePort, startServer, stopAll, type RunningServer } from '../support/processes';

// A Next.js 16 App Router app from the packed packages: the chat page rendered on the server for each
// request and hydrated, the proxy mounted as a route handler (app/api/[...path]/route.ts) with the
// emulator in the same process. Built with `next build`, served by `next start`.
describe('next-app-router: Next.js 16.5.0, server-rendered and hydrated, the proxy as a route handler', () => {
  let app: InstalledApp | undefined;
  let web: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  let url: string;

  beforeAll(async () => {
    app = await installApp('next-app-router', inject('consumerTarballs'));
    await app.run('npm', ['run', 'build']);
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    web = await startServer(app.bin('next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
      cwd: app.dir,
      env: {
        WIDGET_KEY: 'site-widget-key',
        // Browsers send Origin on a same-origin POST too: the page's origin must be allowed.
        SITE_ORIGIN: `http://127.0.0.1:${port}`,
        CHAT_STORE_URL: 'memory:',
      },
      ready: /Ready in/,
      url,
    });
    browser = await launchChromium();
    page = await browser.newPage();
    // React reports a hydration mismatch as an error; a warning that mentions hydration fails the test too.
    problems = collectConsoleProblems(page, /hydrat/i);
    await addChatProbe(page);
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll(web);
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
    expect(installedCopies(app!.dir, 'next')).toEqual(['16.5.0']);
    expect(installedCopies(app!.dir, 'react')).toEqual(['19.3.1']);
    expect(installedCopies(app!.dir, '@tanstack/react-query')).toEqual(['5.108.4']);
  });

  it('renders the chat window and its greeting on the server', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('class="vck-window');
    expect(html).toContain('Hi! How can I help?');
    expect(html).toContain('TechFlow support');
  });

  chatScenario(() => ({ page, url, greeting: 'Hi! How can I help?', problems }));

  it("hydrated with the kit's history query in the app's own QueryClient", async () => {
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { queryKeys: () => unknown[] }).queryKeys()))
      .toContainEqual(expect.arrayContaining(['vapi-chat-kit', 'history']));
    expect(problems.splice(0)).toEqual([]);
  });

  it('hydrates without a warning under `next dev` too, where React reports every mismatch', async () => {
    // React's production build leaves some mismatches (attributes) unreported; its development build does not.
    const port = await freePort();
    const devUrl = `http://127.0.0.1:${port}/`;
    const dev = await startServer(
      app!.bin('next'),
      ['dev', '--hostname', '127.0.0.1', '--port', String(port)],
      {
        cwd: app!.dir,
        env: {
          WIDGET_KEY: 'site-widget-key',
          SITE_ORIGIN: `http://127.0.0.1:${port}`,
          CHAT_STORE_URL: 'memory:',
        },
        ready: /Ready in/,
        url: devUrl,
      },
    );
    try {
      const devPage = await browser!.newPage();
      const devProblems = collectConsoleProblems(devPage, /hydrat/i);
      await addChatProbe(devPage);
      await devPage.goto(devUrl, { timeout: 60_000 });
      await expect.poll(() => transcript(devPage), { timeout: 30_000 }).toHaveLength(1);
      await ask(devPage, 'How do I reset my password?');
      await finishedReply(devPage);
      const before = await transcript(devPage);
      await devPage.reload(); // hydrates over a conversation restored from storage
      await expect.poll(() => transcript(devPage), { timeout: 15_000 }).toEqual(before);
      await devPage.waitForTimeout(500);
      expect(devProblems).toEqual([]);
      await devPage.close();
    } finally {
      await dev.stop();
    }
  }, 120_000);
});
