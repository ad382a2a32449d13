/**
 * Long thread: a restored thread of 1,000 messages, ours (`useVapiChat` + `ChatWindow`) beside each peer
 * page of the render bench (the tuned setups and the naive `useChat` + react-markdown): first render, DOM
 * size, and keystroke latency while a reply streams.
 */
import type { Bench, BenchSection, Comparison } from '../lib/report.ts';
import { percentile, rowsOf } from '../lib/report.ts';
import { replyMarkdown, threadMessages, tokenize } from './fixture.ts';
import {
  benchPages,
  buildPages,
  closePage,
  launch,
  openPage,
  serve,
  splitResults,
  type PageName,
} from './harness/browser.ts';
import type { PageConfig, TypingResult } from './harness/protocol.ts';

const typed = 'the quick brown fox jumps over a lazy dog';
const keyIntervalMs = 100;

interface Measured {
  readonly renderedAt: number;
  readonly elements: number;
  readonly nodes: number;
  readonly keyP50: number;
  readonly keyP95: number;
  readonly keysPainted: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const bench: Bench = {
  id: 'thread',
  async run({ quick, log }) {
    const thread = threadMessages(quick ? 100 : 1_000);
    // Long enough to stream through the whole typing run at 100 tok/s.
    const tokens = tokenize(replyMarkdown(3_000).text);
    const cpuRates = quick ? [1] : [4, 1];
    const keys = Array.from(typed.slice(0, quick ? 20 : 40));
    const waitAfterTypingMs = quick ? 4_000 : 10_000;
    await buildPages();
    const { url, server } = await serve();
    const browser = await launch();
    const comparisons: Comparison[] = [];
    const notes: string[] = [
      'Ours mounts the last 50 messages and loads older pages as the reader scrolls up; finished messages use ' +
        '`content-visibility: auto`. Every peer renders every message. The tuned peers keep the composer out of ' +
        "the list's renders (the AI SDK recipe's composer component; assistant-ui's composer state in its runtime), " +
        "so a keystroke re-renders no message; the naive peer's controlled composer lives in the same component " +
        'as the list, so each keystroke re-renders every message.',
    ];
    try {
      for (const cpuRate of cpuRates) {
        const scenario = `${thread.length.toLocaleString('en')} messages, CPU ${cpuRate}×`;
        const config: PageConfig = { thread, tokens, tokensPerSecond: 100 };
        const results = new Map<PageName, Measured>();
        for (const { name, label } of benchPages) {
          const opened = await openPage(browser, url, name, config, cpuRate);
          try {
            const { page, cdp, load } = opened;
            const { nodes } = await cdp.send('Memory.getDOMCounters');
            const lastQuestion = thread.findLast((message) => message.role === 'user')?.text ?? '';
            if (!(await page.evaluate((text) => document.body.innerText.includes(text), lastQuestion))) {
              throw new Error(`${name} did not render the restored thread`);
            }
            await page.evaluate((question) => window.__bench.startTyping(question), 'Summarise the thread.');
            await sleep(500);
            if (!(await page.evaluate(() => window.__bench.focusComposer())))
              throw new Error(`${name}: no composer`);
            // Keys go out on schedule without waiting for the page: a busy page queues them, as a real one
            // would, and each key's own timestamp is when the browser received it.
            const sentAt: number[] = [];
            const sends: Promise<unknown>[] = [];
            const typingStartedAt = Date.now();
            for (const [index, key] of keys.entries()) {
              await sleep(Math.max(0, typingStartedAt + index * keyIntervalMs - Date.now()));
              sentAt.push(Date.now());
              // A page closed while keys are queued rejects them; that is expected past the deadline.
              sends.push(pressKey(opened.cdp, key).catch(() => undefined));
            }
            // A busy page answers no evaluate until its task ends, so each read races the deadline and
            // the last answer stands.
            const deadline = Date.now() + waitAfterTypingMs;
            let result: TypingResult = { latencies: [], composerLength: 0 };
            while (result.latencies.length < keys.length && Date.now() < deadline) {
              const read = await Promise.race([
                page.evaluate(() => window.__bench.typing()),
                sleep(Math.max(0, deadline - Date.now())).then(() => undefined),
              ]);
              if (read !== undefined) result = read;
              if (result.latencies.length < keys.length) await sleep(250);
            }
            const endedAt = Math.min(Date.now(), deadline);
            if (result.latencies.length === keys.length) {
              await Promise.all(sends);
              if (result.composerLength !== keys.length) {
                throw new Error(
                  `${name}: the composer holds ${result.composerLength} of ${keys.length} characters`,
                );
              }
            } else {
              notes.push(
                `${scenario}: ${name === 'ours' ? 'ours' : label} had painted ${result.latencies.length} of ${keys.length} keys ` +
                  `${(waitAfterTypingMs / 1000).toFixed(0)} s after the last one was sent; the others count with their wait until then (lower bounds).`,
              );
            }
            // Keys not painted yet: their wait until the deadline, on this process's clock.
            const latencies = [
              ...result.latencies,
              ...sentAt.slice(result.latencies.length).map((sent) => endedAt - sent),
            ];
            results.set(name, {
              renderedAt: load.renderedAt,
              elements: load.elements,
              nodes,
              keyP50: percentile(latencies, 50),
              keyP95: percentile(latencies, 95),
              keysPainted: result.latencies.length,
            });
            log(
              `thread ${scenario} ${name}: first paint ${load.renderedAt.toFixed(0)} ms, ${load.elements} elements, ` +
                `keys p50 ${percentile(latencies, 50).toFixed(1)} / p95 ${percentile(latencies, 95).toFixed(1)} ms`,
            );
          } finally {
            await closePage(opened);
          }
        }
        const { ours, peers } = splitResults(results);
        const row = rowsOf(scenario, ours, peers);
        comparisons.push(
          ...row('initial render', 'ms', (result) => result.renderedAt),
          ...row('DOM elements', 'count', (result) => result.elements),
          ...row('DOM nodes (CDP)', 'count', (result) => result.nodes),
          ...row('keystroke latency p50', 'ms', (result) => result.keyP50),
          ...row('keystroke latency p95', 'ms', (result) => result.keyP95),
          ...row('keys painted', 'count', (result) => result.keysPainted, 'higher'),
        );
      }
    } finally {
      await browser.close();
      server.close();
    }
    const section: BenchSection = {
      id: 'thread',
      title: 'Long thread',
      method:
        `${thread.length} restored messages (mixed lengths, markdown); production builds, headless Chromium, CDP CPU throttling. ` +
        'Initial render: navigation start → the first paint after the thread mounted (rAF, then a posted task). ' +
        `Keystrokes: ${keys.length} characters at ${1000 / keyIntervalMs} keys/s through CDP Input.dispatchKeyEvent while a reply streams ` +
        'at 100 tok/s; latency is keydown `timeStamp` → the end of the next paint.',
      comparisons,
      notes,
    };
    return section;
  },
};

/** One character as CDP key events (down with its text, then up), as a keyboard sends it. */
async function pressKey(cdp: Awaited<ReturnType<typeof openPage>>['cdp'], key: string): Promise<void> {
  const code = key === ' ' ? 'Space' : `Key${key.toUpperCase()}`;
  const windowsVirtualKeyCode = key === ' ' ? 32 : key.toUpperCase().charCodeAt(0);
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, text: key, windowsVirtualKeyCode });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode });
}

export default bench;
