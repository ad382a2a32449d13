import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually';
import { createNodeFetch } from './node-fetch';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback server; `handle` answers each request. Returns its URL and how many connections it accepted. */
async function listen(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  let connections = 0;
  server = createServer(handle);
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, connections: () => connections };
}

async function bodyText(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

describe('createNodeFetch', () => {
  it('sends the method, headers and body, and answers with the status, headers and each chunk as it comes', async () => {
    const seen: { method?: string; type?: string; length?: string; body?: string }[] = [];
    let next: (() => void) | undefined;
    const { url, connections } = await listen((request, response) => {
      void bodyText(request).then((body) => {
        seen.push({
          method: request.method,
          type: request.headers['content-type'],
          length: request.headers['content-length'],
          body,
        });
        response.writeHead(201, { 'content-type': 'text/event-stream', 'x-reply': 'yes' });
        response.write('data: one\n\n');
        next = () => response.end('data: two\n\n');
      });
    });
    const fetchUpstream = createNodeFetch();
    const response = await fetchUpstream(
      new Request(`${url}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"input":"héllo"}',
      }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-reply')).toBe('yes');
    expect(seen).toEqual([
      { method: 'POST', type: 'application/json', length: '18', body: '{"input":"héllo"}' },
    ]);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    // The first chunk arrives while the server still holds the second.
    expect(decoder.decode((await reader.read()).value)).toBe('data: one\n\n');
    next!();
    expect(decoder.decode((await reader.read()).value)).toBe('data: two\n\n');
    expect((await reader.read()).done).toBe(true);

    // The connection is kept and used again.
    next = undefined;
    const second = await fetchUpstream(`${url}/again`, { method: 'POST', body: 'x' });
    next!();
    expect(await second.text()).toBe('data: one\n\ndata: two\n\n');
    expect(connections()).toBe(1);
  });

  it('closes the connection when its signal fires mid-body, and the body fails as aborted', async () => {
    let closed = false;
    const { url } = await listen((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      response.once('close', () => (closed = true));
    });
    const controller = new AbortController();
    const response = await createNodeFetch()(
      new Request(`${url}/chat`, { method: 'POST', body: '{}', signal: controller.signal }),
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    await eventually(() => expect(closed).toBe(true));
  });

  it('closes the connection when the body is cancelled', async () => {
    let closed = false;
    const { url } = await listen((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      response.once('close', () => (closed = true));
    });
    const response = await createNodeFetch()(`${url}/chat`, { method: 'POST', body: '{}' });
    await response.body!.cancel();
    await eventually(() => expect(closed).toBe(true));
  });

  it('rejects when no response comes: a closed port (TypeError) or a signal that fired (AbortError)', async () => {
    const { url } = await listen(() => undefined);
    const port = new URL(url).port;
    server!.close();
    await expect(createNodeFetch()(`http://127.0.0.1:${port}/chat`, { method: 'POST' })).rejects.toThrow(
      'fetch failed',
    );

    const { url: silent } = await listen(() => undefined);
    const controller = new AbortController();
    const pending = createNodeFetch()(`${silent}/chat`, { method: 'POST', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails the body when the connection drops before it ends', async () => {
    const { url } = await listen((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      setTimeout(() => response.destroy(), 10);
    });
    const response = await createNodeFetch()(`${url}/chat`, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow('terminated');
  });
});
