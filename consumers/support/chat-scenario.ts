import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';

/** One message as the reader sees it in ui's `ChatWindow`. */
export interface ShownMessage {
  readonly role: string;
  readonly status: string;
  /** The bubble's text, without the role label kept for screen readers. */
  readonly text: string;
}

interface Probe {
  /** The length and status of the newest reply at every change of the thread, once `watch()` ran. */
  readonly samples: { length: number; status: string }[];
  transcript(): ShownMessage[];
  watch(): boolean;
}

/**
 * Runs in the page before its scripts (on every load): finds the chat window, in the document or in an
 * open shadow root (the widget's), and reads it.
 */
function installProbe(): void {
  const findLog = (root: Document | ShadowRoot = document): Element | null => {
    const log = root.querySelector('.vck-window [role="log"]');
    if (log) return log;
    for (const element of root.querySelectorAll('*')) {
      const found = element.shadowRoot ? findLog(element.shadowRoot) : null;
      if (found) return found;
    }
    return null;
  };
  const read = (message: Element) => ({
    role: message.getAttribute('data-role') ?? '',
    status: message.getAttribute('data-status') ?? '',
    text: (message.querySelector('.vck-bubble')?.textContent ?? '').trim(),
  });
  const probe: Probe = {
    samples: [],
    transcript: () => [...(findLog()?.querySelectorAll('.vck-message') ?? [])].map(read),
    watch: () => {
      const log = findLog();
      if (!log) return false;
      new MutationObserver(() => {
        const reply = [...log.querySelectorAll('.vck-message[data-role="assistant"]')].at(-1);
        if (reply) probe.samples.push({ length: read(reply).text.length, status: read(reply).status });
      }).observe(log, { subtree: true, childList: true, characterData: true, attributes: true });
      return true;
    },
  };
  (window as unknown as { consumerProbe: Probe }).consumerProbe = probe;
}

/** What the scenario needs from a test file: a page on the app, and its collected console problems. */
export interface ChatUnderTest {
  readonly page: Page;
  /** The app's page. */
  readonly url: string;
  /** The greeting the app shows first. */
  readonly greeting: string;
  /** `console.error`s and page errors so far (see `collectConsoleProblems`); each test expects none. */
  readonly problems: string[];
  /** Brings the chat window up after a load (the widget opens its panel); nothing for a page that shows it. */
  readonly open?: (page: Page) => Promise<void>;
}

/** Call once per page, before its first load: every load of the page then has the probe. */
export async function addChatProbe(page: Page): Promise<void> {
  await page.addInitScript(installProbe);
}

/** The messages the chat window shows. */
export const transcript = (page: Page): Promise<ShownMessage[]> =>
  page.evaluate(() => (window as unknown as { consumerProbe: Probe }).consumerProbe.transcript());
const lastReply = async (page: Page) =>
  (await transcript(page)).filter((message) => message.role === 'assistant').at(-1);
const chatWindow = (page: Page) => page.locator('.vck-window');

/** Sends `text` from the composer and waits until its reply's bubble is there. */
export async function ask(page: Page, text: string): Promise<void> {
  const replies = async () => (await transcript(page)).filter((message) => message.role === 'assistant');
  const before = (await replies()).length;
  const composer = chatWindow(page).getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await expect.poll(async () => (await replies()).length, { timeout: 15_000 }).toBe(before + 1);
}

/** Waits for the newest reply to be complete, and returns it. */
export async function finishedReply(page: Page): Promise<ShownMessage> {
  await expect.poll(async () => (await lastReply(page))?.status, { timeout: 20_000 }).toBe('done');
  return (await lastReply(page))!;
}

/**
 * The scenario every app passes, in Chromium, as three tests that share one page: a reply streams in, a
 * reply is stopped part-way and keeps its text, and a reload restores the whole conversation, which then
 * continues. Each test also fails on any console error or uncaught exception of the page.
 */
export function chatScenario(subject: () => ChatUnderTest): void {
  it('shows a reply as it streams in, then complete', async () => {
    const { page, url, greeting, problems, open } = subject();
    await page.goto(url);
    await open?.(page);
    await expect
      .poll(() => transcript(page), { timeout: 15_000 })
      .toEqual([{ role: 'assistant', status: 'done', text: greeting }]);
    expect(
      await page.evaluate(() => (window as unknown as { consumerProbe: Probe }).consumerProbe.watch()),
    ).toBe(true);
    await ask(page, 'How do I reset my password?');
    const reply = await finishedReply(page);
    expect(reply.text).toContain('Forgot password');
    const samples = await page.evaluate(
      () => (window as unknown as { consumerProbe: Probe }).consumerProbe.samples,
    );
    // Seen at two or more lengths while streaming, each shorter than the finished reply.
    const streamed = new Set(
      samples.filter((sample) => sample.status === 'streaming' && sample.length > 0).map((s) => s.length),
    );
    expect(streamed.size).toBeGreaterThanOrEqual(2);
    expect(Math.min(...streamed)).toBeLessThan(reply.text.length);
    expect(problems.splice(0)).toEqual([]);
  });

  it('stops a reply mid-stream and keeps what was written, marked stopped', async () => {
    const { page, problems } = subject();
    // The longest reply of the emulator (about 240 deltas): plenty of time to stop it.
    await ask(page, 'Show me a markdown demo');
    const length = async () => (await lastReply(page))?.text.length ?? 0;
    await expect.poll(length, { timeout: 15_000 }).toBeGreaterThan(0);
    const firstSeen = await length();
    await expect.poll(length, { timeout: 15_000 }).toBeGreaterThan(firstSeen);
    expect((await lastReply(page))?.status).toBe('streaming');
    await chatWindow(page).getByRole('button', { name: 'Stop' }).click();
    await expect.poll(async () => (await lastReply(page))?.status, { timeout: 10_000 }).toBe('stopped');
    const kept = (await lastReply(page))!.text;
    expect(kept.length).toBeGreaterThan(firstSeen);
    expect(kept).not.toContain('connect you with sales'); // the reply's last words
    await page.waitForTimeout(600); // the stream really ended: nothing more arrives
    expect((await lastReply(page))!.text).toBe(kept);
    expect(problems.splice(0)).toEqual([]);
  });

  it('restores the conversation after a reload, and continues it', async () => {
    const { page, problems, open } = subject();
    const before = await transcript(page);
    expect(before.map((message) => `${message.role}:${message.status}`)).toEqual([
      'assistant:done',
      'user:done',
      'assistant:done',
      'user:done',
      'assistant:stopped',
    ]);
    await page.reload();
    await open?.(page);
    await expect.poll(() => transcript(page), { timeout: 15_000 }).toEqual(before);
    await ask(page, 'What are the API rate limits?');
    expect((await finishedReply(page)).text).toContain('requests per minute');
    expect(problems.splice(0)).toEqual([]);
  });
}
