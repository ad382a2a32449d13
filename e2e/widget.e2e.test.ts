import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, collectPageErrors, launchChromium } from './support/browser';
import { root, startDemo, startEmulator, startProxy, type RunningServer } from './support/processes';

// The pricing page (apps/demo/widget.html): a page with no React that loads the script-tag widget
// through its command queue. The built demo, the proxy CLI and the emulator CLI run as processes.
const artifacts = path.join(root, 'test-results/e2e');
let emulator: RunningServer;
let proxy: RunningServer;
let demo: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];
let scriptsWithReact: Promise<string | undefined>[];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  emulator = await startEmulator({ delayMs: 25 });
  proxy = await startProxy(emulator);
  demo = await startDemo(proxy);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([demo?.stop(), proxy?.stop(), emulator?.stop()]);
});

beforeEach(async () => {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  errors = collectPageErrors(page);
  // React DOM registers itself with the DevTools hook when its module runs: a stand-in hook counts
  // the renderers, so "no React yet" does not depend on chunk names.
  await page.addInitScript(() => {
    const renderers = new Map<number, unknown>();
    Object.assign(window, {
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        renderers,
        supportsFiber: true,
        isDisabled: false,
        inject: (internals: unknown) => renderers.set(renderers.size + 1, internals).size,
        onScheduleFiberRoot: () => undefined,
        onCommitFiberRoot: () => undefined,
        onCommitFiberUnmount: () => undefined,
        onPostCommitFiberRoot: () => undefined,
        checkDCE: () => undefined,
      },
    });
  });
  scriptsWithReact = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scriptsWithReact.push(
      response.text().then(
        (body) => (body.includes('react.transitional.element') ? response.url() : undefined),
        () => undefined,
      ),
    );
  });
  await page.goto(`${demo.url}/widget.html`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  scriptsWithReact = [];
  await page.reload();
});

const reactRenderers = () =>
  page.evaluate(
    () =>
      (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: { renderers: Map<number, unknown> } })
        .__REACT_DEVTOOLS_GLOBAL_HOOK__.renderers.size,
  );
const loadedReactScripts = async () => (await Promise.all(scriptsWithReact)).filter(Boolean);
const launcher = () => page.locator('vapi-chat-widget').locator('button.vcw-launcher');
const composer = () => page.getByRole('textbox');
const replies = () => page.getByRole('log').locator('[data-role="assistant"]');
/** The focused element inside the widget's shadow root: 'textarea' (the composer), or its class. */
const focusedInWidget = () =>
  page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement;
    if (!active) return null;
    return active.matches('textarea') ? 'textarea' : active.className;
  });

async function waitForLastReply(): Promise<string> {
  await expect.poll(() => replies().last().getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
  return (await replies().last().locator('.vck-bubble').innerText()).trim();
}

describe('the support widget on a page without React', () => {
  it('works from the keyboard alone: Tab, Enter, type, Enter, a reply, Escape back to the launcher', async () => {
    await expect.poll(() => launcher().getAttribute('aria-label')).toBe('Open support chat');
    expect(await reactRenderers()).toBe(0);
    expect(await loadedReactScripts()).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    for (let presses = 0; presses < 10 && (await focusedInWidget()) !== 'vcw-launcher'; presses += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await focusedInWidget()).toBe('vcw-launcher');
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    await expect.poll(focusedInWidget, { timeout: 10_000 }).toBe('textarea');
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    expect(await launcher().getAttribute('aria-label')).toBe('Close support chat');
    expect(await reactRenderers()).toBe(1);
    expect((await loadedReactScripts()).length).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'TechFlow support' }).isVisible()).toBe(true);

    await page.keyboard.type('My name is Alice');
    await page.keyboard.press('Enter');
    await expect.poll(() => replies().count(), { timeout: 15_000 }).toBe(2); // the greeting, the reply
    expect(await waitForLastReply()).toContain('Alice');
    expect(await focusedInWidget()).toBe('textarea');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'widget-open.png') });

    await page.keyboard.press('Escape');
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(await focusedInWidget()).toBe('vcw-launcher');
    expect(await page.getByRole('region', { name: 'TechFlow support' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('counts a reply that finishes after the panel was closed mid-reply', async () => {
    await launcher().click();
    await composer().fill('Show me a markdown demo');
    await composer().press('Enter');
    await expect
      .poll(() => replies().last().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('streaming');
    await page.keyboard.press('Escape');
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');

    await expect
      .poll(() => launcher().getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Open support chat, 1 new reply');
    expect(await page.locator('vapi-chat-widget').locator('.vcw-badge').innerText()).toBe('1');
    await page.screenshot({ path: path.join(artifacts, 'widget-unread.png') });

    await launcher().click();
    expect(await launcher().getAttribute('aria-label')).toBe('Close support chat');
    expect(await replies().last().getAttribute('data-status')).toBe('done');
    expect(errors).toEqual([]);
  });

  it('stays open, with its transcript, across a reload and a navigation', async () => {
    await launcher().click();
    await composer().fill('My name is Alice');
    await composer().press('Enter');
    await expect.poll(() => replies().count(), { timeout: 15_000 }).toBe(2);
    await waitForLastReply();

    await page.reload();
    await expect.poll(() => launcher().getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.getByRole('log').getByText('My name is Alice').count()).toBe(1);

    await page.getByRole('link', { name: 'Help Center' }).click();
    await page.waitForURL(`${demo.url}/`);
    await page.goto(`${demo.url}/widget.html`);
    await expect.poll(() => launcher().getAttribute('aria-expanded')).toBe('true');
    await composer().fill("What's my name?");
    await composer().press('Enter');
    await expect.poll(() => replies().count(), { timeout: 15_000 }).toBe(3);
    expect(await waitForLastReply()).toBe('Your name is Alice.');

    await launcher().click();
    await page.reload();
    await expect.poll(() => launcher().getAttribute('aria-expanded')).toBe('false');
    expect(await reactRenderers()).toBe(0); // closed: the panel is not loaded again
    expect(errors).toEqual([]);
  });

  it('has no axe violations in dark mode and as a full-screen sheet on a phone', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await launcher().click();
    await expect.poll(focusedInWidget, { timeout: 10_000 }).toBe('textarea');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'widget-dark.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    const box = await page.getByRole('region', { name: 'TechFlow support' }).boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await launcher().isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'widget-mobile.png') });

    await page.keyboard.press('Escape');
    expect(await launcher().isVisible()).toBe(true);
    expect(await focusedInWidget()).toBe('vcw-launcher');
    expect(errors).toEqual([]);
  });
});
