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

/**
 * What the packages export that a docs page must cover: ui's and the widget's components (PascalCase
 * values in their index), react's components and each part of the `Chat` namespace (`Chat.Root`…).
 */
async function exportedComponents(): Promise<string[]> {
  const components = async (file: string) => {
    const source = await readFile(path.join(root, file), 'utf8');
    const names = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
      (match[1] ?? '').split(',').map((name) => name.trim()),
    );
    // Values only (no `type X`), and components only: PascalCase, not a class or a type-like name.
    return names.filter((name) => /^[A-Z][A-Za-z]+$/.test(name) && !name.endsWith('Element'));
  };
  const chatParts = [
    ...(await readFile(path.join(root, 'packages/react/src/primitives/chat.ts'), 'utf8')).matchAll(
      /^\s+([A-Z][A-Za-z]+): Chat[A-Za-z]+,$/gm,
    ),
  ].map((match) => `Chat.${match[1]}`);
  const react = (await components('packages/react/src/index.ts')).filter((name) => name !== 'Chat');
  return [...chatParts, ...react, ...(await components('packages/ui/src/index.ts'))];
}

describe('the static Storybook (storybook build)', () => {
  it('has a docs page for the guide and for every exported component and part', async () => {
    const index = JSON.parse(await readFile(path.join(output, 'index.json'), 'utf8')) as {
      entries: Record<string, { type: string; title: string }>;
    };
    const docs = Object.entries(index.entries).filter(([, entry]) => entry.type === 'docs');
    expect(docs.map(([id]) => id)).toEqual(
      expect.arrayContaining([
        'guide-getting-started--docs',
        'guide-the-hook--docs',
        'guide-transports-and-the-proxy--docs',
        'guide-the-proxy--docs',
        'guide-theming--docs',
        'guide-the-widget--docs',
        'guide-accessibility--docs',
        'widget-vapi-chat-widget--docs',
        'react-chat-parts-headless--docs',
      ]),
    );
    // A component's page is titled by its name, last in the title (`ui/Parts/ChatHeader`, `react/Parts/Chat.Root`).
    const documented = new Set(docs.map(([, entry]) => entry.title.split('/').at(-1)));
    const components = await exportedComponents();
    expect(components.length).toBeGreaterThan(25);
    expect(components.filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each([
    ['guide-getting-started--docs', 'Getting started', "proxyTransport({ baseUrl: '/api'"],
    ['guide-the-hook--docs', 'The hook: useVapiChat', 'const { messages, status, error, isBusy'],
    ['guide-transports-and-the-proxy--docs', 'Transports and the proxy', 'vapiWebTransport({'],
    ['guide-the-proxy--docs', 'The proxy', 'const app = createProxy({'],
    ['guide-theming--docs', 'Theming', 'labels={{ ...labelsFr'],
    ['guide-the-widget--docs', 'The widget', 'VapiChatWidget.push('],
    ['guide-accessibility--docs', 'Accessibility', undefined],
  ])(
    'renders the guide page %s, with its type-checked example, and no console error',
    async (id, title, code) => {
      const page = await browser.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${origin}/iframe.html?id=${id}&viewMode=docs`);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      if (code !== undefined) {
        await expect
          .poll(() => page.locator('pre').allInnerTexts())
          .toEqual(expect.arrayContaining([expect.stringContaining(code)]));
      }
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("renders the theming guide's token table from the stylesheet", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/iframe.html?id=guide-theming--docs&viewMode=docs`);
    await page.getByRole('heading', { name: 'Theming', level: 1 }).waitFor();
    const tables = await page.getByRole('table').allInnerTexts();
    expect(tables.join('\n')).toContain('--vck-accent');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders ChatWindow's docs page: ChatWindow's own props with their JSDoc, and its stories", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/iframe.html?id=ui-chatwindow--docs&viewMode=docs`);
    await page.getByRole('table').first().waitFor();
    const props = await page.getByRole('table').first().innerText();
    for (const prop of ['title', 'subtitle', 'suggestions', 'theme', 'components', 'labels'])
      expect(props).toContain(prop);
    expect(props).toContain('Parts rendered your own way');
    // The stories' own args (a scripted transport, a restored transcript) are not ChatWindow's props.
    expect(props).not.toContain('A transcript restored before the first paint.');
    await page.locator('.vck-window').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders a part's docs page: Chat.Root's props from the types, with their JSDoc and defaults", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/iframe.html?id=react-parts-chat-root--docs&viewMode=docs`);
    await page.getByRole('table').first().waitFor();
    const props = await page.getByRole('table').first().innerText();
    for (const prop of ['chat', 'asChild', 'draft', 'onDraftChange', 'defaultDraft'])
      expect(props).toContain(prop);
    // The DOM attributes a part passes through are not listed one by one.
    expect(props).not.toContain('onPointerEnter');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders the widget's docs page with the element in its shadow root", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/iframe.html?id=widget-vapi-chat-widget--docs&viewMode=docs`);
    await page.locator('vapi-chat-widget').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('vapi-chat-widget').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
