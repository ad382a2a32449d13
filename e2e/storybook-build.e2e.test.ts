import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './support/browser';
import { root } from './support/processes';

const run = promisify(execFile);
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

let output: string;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // The static Storybook, built as `pnpm run build-storybook` does, into a folder of its own.
  output = await mkdtemp(path.join(tmpdir(), 'vapi-chat-kit-storybook-'));
  await run(path.join(root, 'node_modules/.bin/storybook'), ['build', '--quiet', '-o', output], {
    cwd: root,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/favicon.ico') {
      // Chromium asks for it on its own (iframe.html names no icon); the build has favicon.svg.
      response.writeHead(204);
      response.end();
      return;
    }
    const file = path.join(output, pathname === '/' ? 'index.html' : pathname);
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (output) await rm(output, { recursive: true, force: true });
});

describe('the static Storybook (storybook build)', () => {
  it('lists a docs page for the guide and for every component with stories', async () => {
    const index = JSON.parse(await readFile(path.join(output, 'index.json'), 'utf8')) as {
      entries: Record<string, { type: string }>;
    };
    const docs = Object.entries(index.entries)
      .filter(([, entry]) => entry.type === 'docs')
      .map(([id]) => id);
    expect(docs).toEqual(
      expect.arrayContaining([
        'guide-getting-started--docs',
        'guide-the-hook--docs',
        'guide-transports-and-the-proxy--docs',
        'ui-chatwindow--docs',
        'react-chat-parts-headless--docs',
      ]),
    );
  });

  it.each([
    ['guide-getting-started--docs', 'Getting started', "proxyTransport({ baseUrl: '/api'"],
    ['guide-the-hook--docs', 'The hook: useVapiChat', 'const { messages, status, error, isBusy'],
    ['guide-transports-and-the-proxy--docs', 'Transports and the proxy', 'vapiWebTransport({'],
  ])(
    'renders the guide page %s, with its type-checked example, and no console error',
    async (id, title, code) => {
      const page = await browser.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${origin}/iframe.html?id=${id}&viewMode=docs`);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await expect
        .poll(() => page.locator('pre').allInnerTexts())
        .toEqual(expect.arrayContaining([expect.stringContaining(code)]));
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("renders ChatWindow's docs page: its props from the types, and its stories", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/iframe.html?id=ui-chatwindow--docs&viewMode=docs`);
    await page.getByRole('table').first().waitFor();
    const props = await page.getByRole('table').first().innerText();
    // ChatWindow's own props (through the stories' frame, which extends them), with their JSDoc.
    for (const prop of ['title', 'subtitle', 'suggestions', 'greeting']) expect(props).toContain(prop);
    expect(props).toContain('A transcript restored before the first paint.');
    await page.locator('.vck-window').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
