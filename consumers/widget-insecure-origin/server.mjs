// The site: its page, and the widget's script-tag bundle (the whole dist/embed/ folder, as the widget's
// README says) under /vapi-chat-widget/. PROXY_URL and WIDGET_KEY are written into the page.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

const root = import.meta.dirname;
const embed = path.join(root, 'node_modules/@vapi-chat-kit/widget/dist/embed');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json' };
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

async function page() {
  const html = await readFile(path.join(root, 'public/index.html'), 'utf8');
  return html
    .replace('%PROXY_URL%', process.env.PROXY_URL ?? 'http://127.0.0.1:8787')
    .replace('%WIDGET_KEY%', process.env.WIDGET_KEY ?? 'demo-widget-key');
}

createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://site');
  try {
    if (pathname === '/') {
      response.writeHead(200, { 'content-type': types['.html'] }).end(await page());
      return;
    }
    const name = pathname.startsWith('/vapi-chat-widget/') ? path.basename(pathname) : undefined;
    if (name) {
      const body = await readFile(path.join(embed, name));
      response.writeHead(200, { 'content-type': types[path.extname(name)] ?? 'application/octet-stream' });
      response.end(body);
      return;
    }
  } catch {
    // not found below
  }
  response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}).listen(port, host, () => console.log(`Serving on http://${host}:${port}`));
