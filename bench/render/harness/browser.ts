/** The Node half of the render benches: build the pages, serve them, drive Chromium over CDP. */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.ts';
import type { PeerResult, PeerSetup } from '../../lib/report.ts';
import type { LoadResult, PageConfig } from './protocol.ts';

/** A page of the render benches: ours, or one peer set up one way. */
export interface BenchPage {
  /** Its entry, `pages/<name>.tsx`, and its files in `dist/`. */
  readonly name: string;
  /** How it is set up, as the reports name it. */
  readonly label: string;
  /**
   * `ours`; a peer set up as its own docs recommend for speed (`tuned`); or the naive peer, set up as a
   * first integration would be and kept as a labelled extra.
   */
  readonly role: 'ours' | PeerSetup;
  /** For the reports' notes: what the setup does for speed, and the doc it follows. */
  readonly setup: string;
}

/** Every page, measured one after the other in each scenario. Each page's header says more. */
export const benchPages = [
  {
    name: 'ours',
    label: 'ours: useVapiChat + ChatWindow',
    role: 'ours',
    setup:
      'Ours: `useVapiChat` + `ChatWindow`, the thread restored from storage; the store tells React at most once per frame.',
  },
  {
    name: 'ai-sdk-memo',
    label: '@ai-sdk/react useChat (throttle 50) + memoised react-markdown blocks',
    role: 'tuned',
    setup:
      '`useChat` (throttle 50) + memoised react-markdown blocks follows the AI SDK recipe "Markdown Chatbot with ' +
      'Memoization" (ai-sdk.dev/v5/cookbook/next/markdown-chatbot-with-memoization): one `Chat` shared by the list ' +
      "and a composer in its own component, `throttle: 50` (the recipe's `experimental_throttle`, renamed in " +
      '@ai-sdk/react 4.0.18 and kept as an alias), text split into blocks by the `marked` lexer, each block a ' +
      '`React.memo` react-markdown (+ remark-gfm) keyed by index; the message component is memoised too.',
  },
  {
    name: 'assistant-ui',
    label: '@assistant-ui/react thread (LocalRuntime) + @assistant-ui/react-markdown (smooth, defer)',
    role: 'tuned',
    setup:
      'assistant-ui is its kit\'s thread (ThreadPrimitive viewport with `turnAnchor="top"`, the composer in its ' +
      "footer) with the kit's markdown text: `MarkdownTextPrimitive` + remark-gfm, memoised element components, " +
      '`defer`, smooth streaming at its default (on) (assistant-ui.com/docs/ui/markdown); the runtime is ' +
      '`useLocalRuntime` with a `ChatModelAdapter` yielding the text so far per read ' +
      '(assistant-ui.com/docs/runtimes/custom/local-runtime), fed plain text, the cheapest wire format. Smooth ' +
      'streaming reveals text over up to 250 ms after it arrives; a token counts as shown once revealed.',
  },
  {
    name: 'streamdown',
    label: '@ai-sdk/react useChat (throttle 50) + Streamdown',
    role: 'tuned',
    setup:
      '`useChat` (throttle 50) + Streamdown renders each text part with Streamdown in its default streaming mode ' +
      '(blocks memoised, unterminated markdown completed), `isAnimating` while the part streams, no plugins ' +
      "(streamdown.ai/docs/usage, /docs/memoization; the AI SDK cookbook's memoisation recipe now points to it); " +
      'no Tailwind is compiled, so it draws with the same plain CSS as the other peers, plus stand-ins for the ' +
      'few utilities that change what is drawn (code lines as blocks, bold, links).',
  },
  {
    name: 'ai-sdk-naive',
    label: '@ai-sdk/react useChat + react-markdown, naive (no throttle, no memo)',
    role: 'naive',
    setup:
      'The naive `useChat` + react-markdown, a labelled extra, is the straightforward rendering (the AI SDK ' +
      "chatbot guide's messages → parts loop, each text part through react-markdown + remark-gfm): every message " +
      're-renders through react-markdown on each update, no `throttle`, no memoised blocks, and the controlled ' +
      'composer lives in the same component as the list.',
  },
] as const satisfies readonly BenchPage[];

export type PageName = (typeof benchPages)[number]['name'];
export const pageNames: readonly PageName[] = benchPages.map((page) => page.name);

/** The peers' pages, in report order (tuned ones first, the naive one last). */
export const peerPages = benchPages.filter(
  (page): page is Extract<(typeof benchPages)[number], { role: PeerSetup }> => page.role !== 'ours',
);

/** One scenario's measurements, split into ours and the peers' (in report order, each named by its label). */
export function splitResults<T>(results: ReadonlyMap<PageName, T>): {
  readonly ours: T;
  readonly peers: readonly PeerResult<T>[];
} {
  const measured = (name: PageName) => {
    const result = results.get(name);
    if (result === undefined) throw new Error(`no measurements of ${name}`);
    return result;
  };
  return {
    ours: measured('ours'),
    peers: peerPages.map((page) => ({ peer: page.label, setup: page.role, result: measured(page.name) })),
  };
}

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist');

/**
 * Production bundles; `react-dom/profiling` in all so `<Profiler onRender>` counts commits. A page's
 * stylesheet is whatever CSS its imports pull in (esbuild bundles it beside the script); the HTML links it
 * only where there is one.
 */
export async function buildPages(): Promise<void> {
  const { metafile } = await build({
    entryPoints: pageNames.map((name) => join(root, 'pages', `${name}.tsx`)),
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-dom/client': 'react-dom/profiling' },
    logLevel: 'warning',
    metafile: true,
  });
  const stylesheets = new Set(
    Object.values(metafile.outputs).flatMap((output) =>
      output.cssBundle === undefined ? [] : [basename(output.cssBundle)],
    ),
  );
  for (const name of pageNames) {
    const stylesheet = stylesheets.has(`${name}.css`) ? `\n<link rel="stylesheet" href="${name}.css">` : '';
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${stylesheet}
</head><body><div id="root"></div>
<script type="module" src="${name}.js"></script></body></html>`;
    await writeFile(join(outdir, `${name}.html`), html);
  }
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function serve(): Promise<{ readonly url: string; readonly server: Server }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '');
    if (path.includes('..') || path === '') {
      response.writeHead(404).end();
      return;
    }
    readFile(join(outdir, path)).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

export interface OpenPage {
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly load: LoadResult;
}

/** A fresh context per page, CPU throttled before the page loads, config injected before its script runs. */
export async function openPage(
  browser: Browser,
  url: string,
  name: PageName,
  config: PageConfig,
  cpuRate: number,
): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  await page.addInitScript((value) => {
    window.__benchConfig = value;
    // The profiling build logs every component's render to DevTools' performance track through
    // console.timeStamp; a production build does not, so turn that off in every page.
    Reflect.deleteProperty(console, 'timeStamp');
  }, config);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/${name}.html`, { timeout: 120_000 });
  const load = await page
    .evaluate(() => window.__bench.loaded)
    .catch((error: unknown) => {
      throw new Error(`${name} did not load: ${String(error)} ${errors.join('; ')}`);
    });
  return { page, cdp, load };
}

export async function closePage({ page }: OpenPage): Promise<void> {
  await page.context().close();
}

/** CDP's cumulative main-thread durations, in ms. */
export async function threadTimes(cdp: CDPSession): Promise<Record<'script' | 'task' | 'layout', number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), task: value('TaskDuration'), layout: value('LayoutDuration') };
}
