/**
 * The in-page half of the render benches, shared by every page so pacing and measurement are identical.
 *
 * Token-to-paint, the method: each token is stamped when the pacer produces it. The response body is a
 * pull stream (high-water mark 0), so a token is "handed over" when the page's own reader asks for bytes;
 * a network read works the same way, delivering all that has arrived. A MutationObserver on the thread marks
 * every handed-over token as shown at the next DOM change; each frame's rAF posts a task (MessageChannel),
 * which runs after that frame's paint and stamps the marked tokens as painted.
 * Approximations: a DOM change is taken to show every token handed over before it (every page renders
 * what its library has read, at the latest on its next commit), except on a page that reveals text later
 * (`PageAdapter.revealed`), where it shows only the tokens inside the revealed prefix; a change made in a
 * task that runs between a paint and the posted task counts as painted one frame early, an error of at
 * most a frame, the same for every page.
 */
import { percentile } from '../../lib/report.ts';
import type { LoadResult, PageAdapter, PageConfig, StreamResult, TypingResult } from './protocol.ts';

const scriptStartedAt = performance.now();
const config: PageConfig = window.__benchConfig;

/** Posts `callback` as a task; posted from a rAF callback, it runs after that frame's paint. */
const postTask = (() => {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (callback: () => void) => {
    queue.push(callback);
    channel.port2.postMessage(null);
  };
})();

function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => postTask(callback));
}

let commits = 0;
/** `<Profiler onRender>`: one call per commit of the page's root. */
export function countCommit(): void {
  commits += 1;
}

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
});

/** Encodes one reply for a page's wire format. */
export interface WireFormat {
  readonly headers: Record<string, string>;
  readonly start: string;
  token(text: string): string;
  end(fullText: string): string;
}

interface Feed {
  /** Per token: when it was produced, and when the paint that showed it ended (NaN until then). */
  readonly producedAt: number[];
  readonly paintedAt: number[];
  produced: number;
  handed: number;
  shown: number;
  painted: number;
  closed: boolean;
}

let feed: Feed | undefined;

/** Produces the tokens at the configured pace: on a timer at N tok/s, or one per task at full speed. */
function pace(count: number, onToken: (index: number) => void, onDone: () => void): void {
  let next = 0;
  if (config.tokensPerSecond > 0) {
    const interval = 1000 / config.tokensPerSecond;
    const startedAt = performance.now();
    const tick = () => {
      // A late timer catches up with a burst, as a network would.
      const due = Math.min(count, Math.floor((performance.now() - startedAt) / interval) + 1);
      while (next < due) onToken(next++);
      if (next < count) setTimeout(tick, Math.max(0, startedAt + next * interval - performance.now()));
      else onDone();
    };
    tick();
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    onToken(next++);
    if (next < count) channel.port2.postMessage(null);
    else {
      channel.port1.close();
      onDone();
    }
  };
  channel.port2.postMessage(null);
}

/** A `fetch` that answers every request with the configured reply, streamed in `format`. */
export function streamingFetch(format: WireFormat): typeof fetch {
  return () => {
    const tokens = config.tokens;
    const current: Feed = {
      producedAt: [],
      paintedAt: [],
      produced: 0,
      handed: 0,
      shown: 0,
      painted: 0,
      closed: false,
    };
    feed = current;
    const encoder = new TextEncoder();
    let pending = format.start;
    let wake: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          while (pending === '' && !current.closed) await new Promise<void>((resolve) => (wake = resolve));
          if (pending !== '') {
            controller.enqueue(encoder.encode(pending));
            pending = '';
            current.handed = current.produced;
          }
          if (current.closed) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const notify = () => {
      const resolve = wake;
      wake = undefined;
      resolve?.();
    };
    pace(
      tokens.length,
      (index) => {
        current.producedAt[index] = performance.now();
        current.paintedAt[index] = Number.NaN;
        current.produced = index + 1;
        pending += format.token(tokens[index] ?? '');
        notify();
      },
      () => {
        pending += format.end(tokens.join(''));
        current.closed = true;
        notify();
      },
    );
    return Promise.resolve(new Response(body, { status: 200, headers: format.headers }));
  };
}

let adapter: PageAdapter | undefined;
let resolveLoaded: (result: LoadResult) => void = () => undefined;
const loaded = new Promise<LoadResult>((resolve) => (resolveLoaded = resolve));

/** Called by the page once its thread has mounted (from an effect). */
export function connect(page: PageAdapter): void {
  if (adapter) return;
  adapter = page;
  const revealed = page.revealed?.bind(page);
  // Where each token of the reply ends, in UTF-16 code units, for pages that reveal text later.
  const tokenEnds: number[] = [];
  for (const token of config.tokens) tokenEnds.push((tokenEnds[tokenEnds.length - 1] ?? 0) + token.length);
  new MutationObserver(() => {
    if (!feed) return;
    feed.shown =
      revealed === undefined ? feed.handed : Math.min(feed.handed, tokensWithin(tokenEnds, revealed()));
  }).observe(page.thread(), { childList: true, subtree: true, characterData: true });
  afterNextPaint(() =>
    resolveLoaded({
      renderedAt: performance.now(),
      scriptStartedAt,
      elements: document.getElementsByTagName('*').length,
    }),
  );
}

/** How many tokens end within the first `length` code units of the reply (binary search over their ends). */
function tokensWithin(tokenEnds: readonly number[], length: number): number {
  let low = 0;
  let high = tokenEnds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((tokenEnds[middle] ?? Infinity) <= length) low = middle + 1;
    else high = middle;
  }
  return low;
}

async function stream(question: string, budgetMs: number): Promise<StreamResult> {
  const page = await waitForAdapter();
  const frames: number[] = [];
  const commitsBefore = commits;
  const startedAt = performance.now();
  page.send(question);
  const current = await waitForFeed();
  let lastFrame = Number.NaN;
  let ending = false;
  let truncated = false;
  await new Promise<void>((resolve) => {
    let running = true;
    const frame = (time: number) => {
      if (!running) return;
      if (!Number.isNaN(lastFrame)) frames.push(time - lastFrame);
      lastFrame = time;
      requestAnimationFrame(frame);
      postTask(() => {
        if (!running) return;
        const now = performance.now();
        for (; current.painted < current.shown; current.painted += 1)
          current.paintedAt[current.painted] = now;
        const done = current.closed && current.painted === config.tokens.length && page.isIdle();
        // One more frame after the end, so the final commit's paint is inside the window.
        truncated = !done && now - startedAt > budgetMs;
        if ((done && ending) || truncated) {
          running = false;
          resolve();
        }
        ending = done;
      });
    };
    requestAnimationFrame(frame);
  });
  const endedAt = performance.now();
  const firstProduced = current.producedAt[0] ?? startedAt;
  const lastPainted = truncated ? endedAt : (current.paintedAt[config.tokens.length - 1] ?? endedAt);
  const inWindow = longTasks.filter((entry) => entry.startTime >= startedAt && entry.startTime < endedAt);
  // A token still unpainted when the budget ran out counts with its wait so far (a lower bound).
  const latencies = current.paintedAt.map(
    (painted, index) => (Number.isNaN(painted) ? endedAt : painted) - (current.producedAt[index] ?? 0),
  );
  return {
    tokens: config.tokens.length,
    paintedTokens: current.painted,
    truncated,
    streamMs: lastPainted - firstProduced,
    longTasks: inWindow.length,
    longTaskMs: inWindow.reduce((sum, entry) => sum + entry.duration, 0),
    frames: frames.length,
    frameP95: percentile(frames, 95),
    commits: commits - commitsBefore,
    tokenToPaintP50: percentile(latencies, 50),
    tokenToPaintP95: percentile(latencies, 95),
    replyText: page.lastReply()?.innerText ?? '',
  };
}

const keyLatencies: number[] = [];

function startTyping(question: string): void {
  void waitForAdapter().then((page) => page.send(question));
  // Capture phase, first listener: the key's own timestamp is when the browser received it.
  document.addEventListener(
    'keydown',
    (event) => {
      const receivedAt = event.timeStamp;
      afterNextPaint(() => keyLatencies.push(performance.now() - receivedAt));
    },
    { capture: true },
  );
}

function typing(): TypingResult {
  return {
    latencies: keyLatencies,
    composerLength: adapter?.composer()?.value.length ?? -1,
  };
}

async function waitForAdapter(): Promise<PageAdapter> {
  await loaded;
  if (!adapter) throw new Error('the page never connected');
  return adapter;
}

async function waitForFeed(): Promise<Feed> {
  for (let attempt = 0; attempt < 500 && !feed; attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 4));
  if (!feed) throw new Error('the page never fetched a reply');
  return feed;
}

function focusComposer(): boolean {
  const composer = adapter?.composer();
  composer?.focus();
  return composer !== undefined && composer !== null && document.activeElement === composer;
}

window.__bench = { loaded, stream, startTyping, typing, focusComposer };
