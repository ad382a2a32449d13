import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectConsoleProblems, launchChromium } from '../support/browser';
import { addChatProbe, chatScenario } from '../support/chat-scenario';
import { installApp, type InstalledApp } from '../support/install';
import { freePort, startServer, stopAll, type RunningServer } from '../support/processes';

// The widget's script tag on a page served over plain http from a name that is not localhost, so the page
// is not a secure context (no crypto.randomUUID, no navigator.locks, …). The proxy, on another origin,
// allows exactly that page's origin. Chromium resolves *.example.test to 127.0.0.1.
describe('widget-insecure-origin: the script-tag widget on a plain-http, non-localhost page', () => {
  let app: InstalledApp | undefined;
  let proxy: RunningServer | undefined;
  let site: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  let siteOrigin: string;

  beforeAll(async () => {
    app = await installApp('widget-insecure-origin', inject('consumerTarballs'));
    const sitePort = await freePort();
    siteOrigin = `http://support.example.test:${sitePort}`;
    proxy = await startServer(
      app.bin('vapi-chat-proxy'),
      [
        ...['--host', '127.0.0.1', '--port', '0', '--store', 'memory:'],
        ...['--widget-key', `site-widget-key=${siteOrigin}`],
      ],
      { cwd: app.dir, ready: /^Listening on (http:\/\/\S+)/m },
    );
    site = await startServer('node', ['server.mjs'], {
      cwd: app.dir,
      env: {
        HOST: '127.0.0.1',
        PORT: String(sitePort),
        // Another origin than the page's: the browser asks the proxy for CORS.
        PROXY_URL: `http://chat.example.test:${new URL(proxy.url).port}`,
        WIDGET_KEY: 'site-widget-key',
      },
      ready: /^Serving on /m,
      url: `${siteOrigin}/`,
    });
    browser = await launchChromium(['--host-resolver-rules=MAP *.example.test 127.0.0.1']);
    page = await browser.newPage();
    problems = collectConsoleProblems(page);
    await addChatProbe(page);
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll(site, proxy);
    app?.remove();
  });

  /** How often the launcher had to be clicked: the widget restores an open panel after a reload itself. */
  let launcherClicks = 0;

  /** Opens the panel from the launcher, unless the widget restored it open (after a reload). */
  async function openPanel(target: Page): Promise<void> {
    const launcher = target.getByRole('button', { name: /support chat/ });
    await launcher.waitFor();
    if ((await launcher.getAttribute('aria-expanded')) !== 'true') {
      launcherClicks += 1;
      await launcher.click();
    }
    await target.locator('.vck-window').waitFor();
  }

  chatScenario(() => ({
    page,
    url: site!.url,
    greeting: 'Questions about pricing? Ask me anything.',
    problems,
    open: openPanel,
  }));

  it('came back open after the reload, as it was left (sessionStorage)', async () => {
    expect(launcherClicks).toBe(1);
    const launcher = page.getByRole('button', { name: /support chat/ });
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
  });

  it('ran on a page that is not a secure context, and the proxy refuses other origins', async () => {
    expect(new URL(page.url()).origin).toBe(siteOrigin);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
    const proxyUrl = proxy!.url;
    const refused = await fetch(`${proxyUrl}/v1/chat/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'site-widget-key',
        origin: 'http://elsewhere.example.test',
      },
      body: JSON.stringify({ sessionId: 'visitor-1', message: 'Hi' }),
    });
    expect(refused.status).toBe(401);
    expect(problems.splice(0)).toEqual([]);
  });
});
