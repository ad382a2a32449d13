// Screenshots of ChatWindow's main states in Chromium, to look at (never committed).
//
//   pnpm run build-storybook            (from the repository root)
//   node_modules/.bin/tsx packages/ui/scripts/screenshots.ts [outDir] [storybook-static]
//
// Serves the built Storybook on a loopback port, opens each story's iframe, waits for its play
// function's state to settle, and writes one PNG per story and theme.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const outDir = path.resolve(process.argv[2] ?? path.join(tmpdir(), 'vck-screenshots'));
const staticDir = path.resolve(process.argv[3] ?? 'storybook-static');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const shots: {
  name: string;
  story: string;
  width: number;
  height: number;
  colorScheme?: 'dark' | 'light';
  wait?: string;
}[] = [
  { name: 'empty', story: 'ui-chatwindow--empty', width: 480, height: 720 },
  { name: 'greeting', story: 'ui-chatwindow--greeting', width: 480, height: 720 },
  { name: 'submitted', story: 'ui-chatwindow--submitted', width: 480, height: 720, wait: '.vck-typing' },
  {
    name: 'streaming',
    story: 'ui-chatwindow--streaming',
    width: 480,
    height: 720,
    wait: '.vck-message[data-status="streaming"]',
  },
  {
    name: 'long-markdown',
    story: 'ui-chatwindow--long-markdown-reply',
    width: 480,
    height: 720,
    wait: '.vck-message[data-role="assistant"][data-status="done"]',
  },
  { name: 'failed', story: 'ui-chatwindow--failed', width: 480, height: 720 },
  {
    name: 'rate-limited',
    story: 'ui-chatwindow--rate-limited',
    width: 480,
    height: 720,
    wait: '.vck-banner',
  },
  { name: 'offline', story: 'ui-chatwindow--offline', width: 480, height: 720 },
  { name: 'restored', story: 'ui-chatwindow--restored-history', width: 480, height: 720 },
  { name: 'dark', story: 'ui-chatwindow--dark', width: 480, height: 720, colorScheme: 'dark' },
  { name: 'rtl', story: 'ui-chatwindow--right-to-left', width: 480, height: 720 },
  { name: 'mobile', story: 'ui-chatwindow--mobile', width: 390, height: 700 },
];

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let file = path.join(staticDir, decodeURIComponent(url.pathname));
  if (!file.startsWith(staticDir)) return void response.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!existsSync(file)) return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  for (const shot of shots) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: 2,
      colorScheme: shot.colorScheme ?? 'light',
    });
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${shot.story}&viewMode=story`);
    await page.waitForSelector('.vck-window');
    if (shot.wait) await page.waitForSelector(shot.wait, { timeout: 10_000 });
    await page.waitForTimeout(900);
    await page.screenshot({ path: path.join(outDir, `${shot.name}.png`) });
    await page.close();
    console.log(`${shot.name}.png`);
  }
} finally {
  await browser.close();
  server.close();
}
