import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { root, startDemo, startEmulator, startProxy, type RunningServer } from './support/processes';

const artifacts = path.join(root, 'test-results/e2e');
const running: RunningServer[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(running.map((server) => server.stop()));
});

/** Emulator, proxy and demo for one scenario; returns a fresh page on the demo. */
async function scenario(emulatorOptions: { faults?: string }, proxyFlags: string[] = []): Promise<Page> {
  const emulator = await startEmulator({ delayMs: 10, ...emulatorOptions });
  const proxy = await startProxy(emulator, proxyFlags);
  const demo = await startDemo(proxy);
  running.push(demo, proxy, emulator);
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(demo.url);
  return page;
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox').fill(text);
  await page.getByRole('textbox').press('Enter');
}

describe('failures, as a user meets them', () => {
  it('a stream cut mid-way keeps the partial reply and offers Retry; the text typed is kept', async () => {
    const page = await scenario({ faults: 'cut-after=6, cut-mode=reset' });
    await ask(page, 'Tell me about enterprise features');
    const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');
    expect((await reply.innerText()).trim().length).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: 'Retry' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('alert').first().innerText()).not.toBe('');
    expect(await page.getByRole('log').getByText('Tell me about enterprise features').count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'stream-cut.png') });
  });

  it('429: shows a visible back-off, then the turn goes through once the window passes', async () => {
    const page = await scenario({}, ['--rate-limit', '2', '--rate-limit-window', '8']);
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/v1/chat/stream')) statuses.push(response.status());
    });
    const replies = page.getByRole('log').locator('[data-role="assistant"]');
    // Two turns fit in the window (2 requests per 8 s, far more than two replies take); the third is refused.
    for (const question of ['My name is Alice', 'How do I reset my password?']) {
      const before = await replies.count();
      await ask(page, question);
      await expect.poll(() => replies.count(), { timeout: 15_000 }).toBe(before + 1);
      await expect.poll(() => replies.last().getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    }
    await ask(page, "What's my name?");
    await expect
      .poll(async () => (await page.locator('body').innerText()).includes('Too many'), { timeout: 15_000 })
      .toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'rate-limited.png') });
    // After Retry-After (at most the 8 s window) the same turn is sent once more, by itself, and answered.
    await expect.poll(() => statuses.length, { timeout: 30_000 }).toBe(4);
    await expect.poll(() => replies.last().getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await expect
      .poll(() => replies.last().locator('.vck-bubble').textContent(), { timeout: 5_000 })
      .toBe('Your name is Alice.');
    expect(statuses).toEqual([200, 200, 429, 200]);
  });
});
