import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, collectPageErrors, launchChromium } from './support/browser';
import { root, startDemo, startEmulator, startProxy, type RunningServer } from './support/processes';

// The demo as users meet it: the built app (vite preview), the proxy CLI and the emulator CLI as three
// processes on loopback, driven through Debian's Chromium.
const artifacts = path.join(root, 'test-results/e2e');
let emulator: RunningServer;
let proxy: RunningServer;
let demo: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  emulator = await startEmulator({ delayMs: 25 });
  proxy = await startProxy(emulator);
  demo = await startDemo(proxy, emulator);
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
  await page.goto(demo.url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

const composer = () => page.getByRole('textbox');
const log = () => page.getByRole('log');
const replies = () => log().locator('[data-role="assistant"]');

/** Sends `text` and waits until its reply has begun (a new assistant bubble). */
async function ask(text: string): Promise<void> {
  const before = await replies().count();
  await composer().fill(text);
  await composer().press('Enter');
  await expect.poll(() => replies().count(), { timeout: 15_000 }).toBe(before + 1);
}

/**
 * The text of a reply's bubble, without the label kept for screen readers. `textContent`, not `innerText`:
 * the latter follows layout, which may trail the DOM by a frame once a message turns `content-visibility: auto`.
 */
const bubbleText = async () => ((await replies().last().locator('.vck-bubble').textContent()) ?? '').trim();

/** Waits for the newest reply to be complete and returns its text. */
async function lastReply(): Promise<string> {
  await expect.poll(() => replies().last().getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
  return bubbleText();
}

describe('the TechFlow help center, through the proxy and the emulator', () => {
  it('keeps the conversation: "My name is Alice", then "What\'s my name?"', async () => {
    await ask('My name is Alice');
    expect(await replies().count()).toBe(2); // the greeting, then the reply
    expect(await lastReply()).toContain('Alice');
    await ask("What's my name?");
    expect(await lastReply()).toBe('Your name is Alice.');
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'conversation.png') });
  });

  it('shows the reply progressively, before it is complete', async () => {
    // Records the length of the newest reply at every DOM change, with its status at that moment.
    await page.evaluate(() => {
      const samples: [number, string][] = [];
      (window as unknown as { samples: typeof samples }).samples = samples;
      const target = document.querySelector('[role="log"]')!;
      new MutationObserver(() => {
        const reply = [...target.querySelectorAll('[data-role="assistant"]')].at(-1);
        if (reply) samples.push([reply.textContent?.length ?? 0, reply.getAttribute('data-status') ?? '']);
      }).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await ask('Show me a markdown demo');
    const full = await lastReply();
    const samples = await page.evaluate(() => (window as unknown as { samples: [number, string][] }).samples);
    const streamingLengths = new Set(
      samples.filter(([, status]) => status === 'streaming').map(([length]) => length),
    );
    expect(full.length).toBeGreaterThan(200);
    expect(streamingLengths.size).toBeGreaterThanOrEqual(5);
    expect(Math.min(...streamingLengths)).toBeLessThan(full.length / 2);
  });

  it('stops a reply and keeps what was written, marked as stopped', async () => {
    await ask('Show me a markdown demo');
    const reply = replies().last();
    await expect.poll(async () => (await reply.innerText()).length, { timeout: 10_000 }).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => reply.getAttribute('data-status')).toBe('stopped');
    const kept = await bubbleText();
    expect(kept.length).toBeGreaterThan(0);
    await page.waitForTimeout(500); // the stream really ended: nothing more arrives
    expect(await bubbleText()).toBe(kept);
    await expect.poll(() => composer().isEditable()).toBe(true);
    await ask("What's my name?");
    expect(await lastReply()).not.toBe('');
  });

  it('restores the conversation after a reload, and continues it', async () => {
    await ask('My name is Alice');
    await lastReply();
    await page.reload();
    await expect.poll(() => log().getByText('My name is Alice').count()).toBe(1);
    await ask("What's my name?");
    expect(await replies().count()).toBe(3);
    expect(await lastReply()).toBe('Your name is Alice.');
  });

  it('has no axe violations, empty and with a markdown reply, in light and dark', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await ask('How do I reset my password?');
    await lastReply();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'help-center-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'help-center-dark.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'help-center-mobile.png') });
    expect(errors).toEqual([]);
  });

  it("switches to Vapi's /chat/web with a public key, and keeps context through the Vapi session", async () => {
    const calls: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/') || pathname.startsWith('/vapi/'))
        calls.push(`${request.method()} ${pathname}`);
    });
    await page.getByLabel('Transport').selectOption('vapi-web');
    await ask('My name is Alice');
    expect(await lastReply()).toContain('Alice');
    await ask("What's my name?");
    expect(await lastReply()).toBe('Your name is Alice.');
    expect(calls).toEqual(['POST /vapi/chat/web', 'POST /vapi/chat/web']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('never sends the private key to the browser', async () => {
    const seen: string[] = [];
    page.on('response', (response) => {
      seen.push(response.url());
      void response.text().then(
        (body) => body.includes('emulator-private-key') && seen.push(`LEAK in ${response.url()}`),
        () => undefined,
      );
    });
    await page.reload();
    await ask('What are the API rate limits?');
    await lastReply();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((entry) => entry.startsWith('LEAK'))).toEqual([]);
  });
});
