/** The Node half of the render benches: build both pages, serve them, drive Chromium over CDP. */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.ts';
import type { LoadResult, PageConfig } from './protocol.ts';

export type PageName = 'ours' | 'peer';
export const pageNames: readonly PageName[] = ['ours', 'peer'];

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist');

/** Production bundles; `react-dom/profiling` in both so `<Profiler onRender>` counts commits. */
export async function buildPages(): Promise<void> {
  await build({
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
  });
  for (const name of pageNames) {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<link rel="stylesheet" href="${name}.css"></head><body><div id="root"></div>
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
    // console.timeStamp; a production build does not, so turn that off in both pages.
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
