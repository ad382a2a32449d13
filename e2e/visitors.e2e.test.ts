import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, collectPageErrors, launchChromium } from './support/browser';
import { root, startDemo, startDemoProxy, type RunningServer } from './support/processes';

const run = promisify(execFile);
const artifacts = path.join(root, 'test-results/e2e');
let directory: string;
let storeUrl: string;
let proxy: RunningServer;
let demo: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  directory = await mkdtemp(path.join(tmpdir(), 'vapi-chat-kit-visitors-'));
  storeUrl = `file:${path.join(directory, 'chat.db')}`;
  proxy = await startDemoProxy(storeUrl);
  demo = await startDemo(proxy);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([demo?.stop(), proxy?.stop()]);
  if (directory) await rm(directory, { recursive: true, force: true });
});

/** A device: a browser context of its own (no shared storage), on the help center, signed in as Alice. */
async function aliceOnANewDevice(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(demo.url);
  await page.getByRole('checkbox', { name: 'Signed in as Alice (Team plan)' }).check();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return { context, page, errors };
}

const replies = (page: Page) => page.getByRole('log').locator('[data-role="assistant"]');

async function ask(page: Page, text: string): Promise<string> {
  const before = await replies(page).count();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(() => replies(page).count(), { timeout: 15_000 }).toBe(before + 1);
  await expect.poll(() => replies(page).last().getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
  return ((await replies(page).last().locator('.vck-bubble').textContent()) ?? '').trim();
}

describe('signed-in visitors in the help center: one conversation on two devices', () => {
  it("starts Alice's conversation on one device, lists, continues and rates it on another, and exports it", async () => {
    const laptop = await aliceOnANewDevice();
    // The assistant knows who it talks to (the token's claims, as variable values).
    expect(await ask(laptop.page, 'Hello')).toBe(
      "Hi Alice! I see you're on the Team plan. How can I help you with TechFlow today?",
    );
    // Something only this conversation knows.
    expect(await ask(laptop.page, 'My name is Ally')).toContain('Nice to meet you, Ally!');
    expect(laptop.errors).toEqual([]);

    const phone = await aliceOnANewDevice();
    await phone.page.getByRole('button', { name: 'Your conversations' }).click();
    const list = phone.page.getByRole('navigation', { name: 'Your conversations' });
    const entry = list.getByRole('button', { name: /^Hello/ });
    await entry.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    expect(await axeViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: path.join(artifacts, 'visitor-conversations.png') });
    await entry.click();
    // Reopened: the transcript from the laptop, and the focus where the visitor writes.
    await expect.poll(() => replies(phone.page).count()).toBe(3);
    await expect
      .poll(() => phone.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Message');
    // Continued with the conversation's context: the name given on the laptop.
    expect(await ask(phone.page, "What's my name?")).toBe('Your name is Ally.');

    // Rated there: pressed at once, stored by the proxy.
    const helpful = replies(phone.page).last().getByRole('button', { name: 'Helpful', exact: true });
    await helpful.click();
    await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('true');
    await phone.page
      .getByRole('status')
      .filter({ hasText: 'Thanks for your feedback.' })
      .waitFor({ state: 'attached' });
    expect(await axeViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: path.join(artifacts, 'visitor-rated.png') });
    expect(phone.errors).toEqual([]);

    // The laptop's list shows the conversation's latest message once it refetches (on focus).
    await laptop.page.getByRole('button', { name: 'Your conversations' }).click();
    await laptop.page.getByText('Your name is Ally.').waitFor();
    await laptop.context.close();
    await phone.context.close();

    // Exported from the CLI, with its rating (the proxy keeps running: SQLite takes a second reader).
    const { stdout } = await run(
      path.join(root, 'node_modules/.bin/tsx'),
      [
        '--conditions=@vapi-chat-kit/source',
        'packages/proxy/src/cli.ts',
        'export',
        '--from',
        '2000-01-01',
        '--store',
        storeUrl,
      ],
      { cwd: root },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const alices = lines.filter((line) => line['visitorId'] === 'demo-alice');
    expect(alices).toHaveLength(1);
    expect(alices[0]).toMatchObject({ widgetKeyId: 'demo-widget-key', ratings: { up: 1, down: 0 } });
    const messages = alices[0]!['messages'] as { role: string; text: string; rating?: { value: string } }[];
    expect(messages.map((message) => message.role)).toEqual([
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(messages.at(-1)).toMatchObject({ text: 'Your name is Ally.', rating: { value: 'up' } });
  });
});
