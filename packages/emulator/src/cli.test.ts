import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveEmulator, type EmulatorServer } from './cli';
import { defaultAssistantId } from './default-credentials';

// Everything here goes over loopback with plain fetch against the real Node server the CLI runs.

const privateAuth = { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' };
const publicAuth = { Authorization: 'Bearer emulator-public-key', 'Content-Type': 'application/json' };
const reply = 'Nice to meet you, Alice! How can I help you with TechFlow today?';

let server: EmulatorServer;

beforeAll(async () => {
  server = await serveEmulator({ port: 0, host: '127.0.0.1', testMode: true });
});

afterAll(async () => {
  await server.close();
});

function post(
  pathName: string,
  body: unknown,
  headers: Record<string, string> = privateAuth,
  fault?: string,
) {
  return fetch(`${server.url}${pathName}`, {
    method: 'POST',
    headers: { ...headers, ...(fault === undefined ? {} : { 'x-emulator-fault': fault }) },
    body: JSON.stringify(body),
  });
}

function streamTurn(fault?: string, signal?: AbortSignal) {
  return fetch(`${server.url}/chat`, {
    method: 'POST',
    headers: { ...privateAuth, ...(fault === undefined ? {} : { 'x-emulator-fault': fault }) },
    body: JSON.stringify({ assistantId: defaultAssistantId, input: 'My name is Alice', stream: true }),
    ...(signal === undefined ? {} : { signal }),
  });
}

function dataOf(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter(Boolean)
    .flatMap((block) => block.split(/\r?\n/).filter((line) => line.startsWith('data: ')))
    .map((line) => line.slice(6));
}

function deltasOf(text: string): string {
  return dataOf(text)
    .filter((data) => data.startsWith('{'))
    .map((data) => (JSON.parse(data) as { delta?: string }).delta ?? '')
    .join('');
}

describe('serveEmulator over loopback: endpoints', () => {
  it('POST /chat answers JSON, GET /chat/{id} reads it, GET /chat lists it, DELETE removes it', async () => {
    const created = await post('/chat', { assistantId: defaultAssistantId, input: 'My name is Alice' });
    expect(created.status).toBe(201);
    const chat = (await created.json()) as { id: string; output: { content: string }[] };
    expect(chat.output[0]!.content).toBe(reply);

    const read = await fetch(`${server.url}/chat/${chat.id}`, { headers: privateAuth });
    expect(((await read.json()) as { id: string }).id).toBe(chat.id);
    const list = await fetch(`${server.url}/chat?id=${chat.id}`, { headers: privateAuth });
    expect(((await list.json()) as { metadata: { totalItems: number } }).metadata.totalItems).toBe(1);
    const deleted = await fetch(`${server.url}/chat/${chat.id}`, { method: 'DELETE', headers: privateAuth });
    expect(deleted.status).toBe(200);
    expect((await fetch(`${server.url}/chat/${chat.id}`, { headers: privateAuth })).status).toBe(404);
  });

  it('POST /chat streams SSE with the documented headers and chains previousChatId', async () => {
    const response = await streamTurn();
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const text = await response.text();
    expect(deltasOf(text)).toBe(reply);
    const id = (JSON.parse(dataOf(text)[0]!) as { id: string }).id;
    const next = await post('/chat', { previousChatId: id, input: "What's my name?", stream: true });
    expect(deltasOf(await next.text())).toBe('Your name is Alice.');
  });

  it('POST /chat/web streams with sessionId on every chunk and keeps the session', async () => {
    const first = await post(
      '/chat/web',
      { assistantId: defaultAssistantId, input: 'My name is Alice', stream: true },
      publicAuth,
    );
    const events = dataOf(await first.text()).map((data) => JSON.parse(data) as { sessionId: string });
    const sessionId = events[0]!.sessionId;
    expect(events.every((event) => event.sessionId === sessionId)).toBe(true);
    const second = await post(
      '/chat/web',
      { assistantId: defaultAssistantId, sessionId, input: "What's my name?" },
      publicAuth,
    );
    expect(await second.json()).toMatchObject({
      sessionId,
      output: [{ role: 'assistant', content: 'Your name is Alice.' }],
    });
  });

  it('OPTIONS /chat/web answers the CORS preflight', async () => {
    const response = await fetch(`${server.url}/chat/web`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('POST /chat/responses streams Responses events and answers JSON with stream: false', async () => {
    const streamed = await post('/chat/responses', {
      assistantId: defaultAssistantId,
      input: 'My name is Alice',
    });
    const events = dataOf(await streamed.text()).map((data) => JSON.parse(data) as { type: string });
    expect(events.at(-1)!.type).toBe('response.completed');
    const json = await post('/chat/responses', {
      assistantId: defaultAssistantId,
      input: 'hi',
      stream: false,
    });
    expect(((await json.json()) as { object: string }).object).toBe('response');
  });

  it('POST /chat/web/responses works with the public key', async () => {
    const response = await post(
      '/chat/web/responses',
      { assistantId: defaultAssistantId, input: 'hi', stream: false },
      publicAuth,
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as { object: string }).object).toBe('response');
  });

  it('session CRUD: POST 201, GET, PATCH, GET list, DELETE', async () => {
    const created = await post('/session', { name: 'loopback', assistantId: defaultAssistantId });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${server.url}/session/${id}`, { headers: privateAuth })).status).toBe(200);
    const patched = await fetch(`${server.url}/session/${id}`, {
      method: 'PATCH',
      headers: privateAuth,
      body: JSON.stringify({ status: 'completed' }),
    });
    expect(((await patched.json()) as { status: string }).status).toBe('completed');
    const list = await fetch(`${server.url}/session?name=loopback`, { headers: privateAuth });
    expect(((await list.json()) as { results: unknown[] }).results).toHaveLength(1);
    expect(
      (await fetch(`${server.url}/session/${id}`, { method: 'DELETE', headers: privateAuth })).status,
    ).toBe(200);
  });

  it('answers a wrong key with Vapi’s 401 body', async () => {
    const response = await post('/chat', { assistantId: defaultAssistantId, input: 'hi' }, publicAuth);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toBe(
      'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.',
    );
  });
});

describe('serveEmulator over loopback: faults', () => {
  it('latency delays the response but not its content', async () => {
    const response = await streamTurn('latency=20');
    expect(deltasOf(await response.text())).toBe(reply);
  });

  it('tps and delay pace the deltas but not their content', async () => {
    expect(deltasOf(await (await streamTurn('tps=1000')).text())).toBe(reply);
    expect(deltasOf(await (await streamTurn('delay=1')).text())).toBe(reply);
  });

  it('429 with Retry-After, 402 and 500', async () => {
    const limited = await streamTurn('rate-limit=3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(((await limited.json()) as { statusCode: number }).statusCode).toBe(429);
    const payment = await streamTurn('payment-required');
    expect(payment.status).toBe(402);
    expect(((await payment.json()) as { error: string }).error).toBe('Payment Required');
    const failed = await streamTurn('server-error');
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: string }).error).toBe('Internal Server Error');
  });

  it('cut-after closes the body after N deltas', async () => {
    const text = await (await streamTurn('cut-after=4')).text();
    expect(dataOf(text)).toHaveLength(4);
    expect(deltasOf(text)).toBe('Nice to meet you, ');
  });

  it('cut-mode=reset breaks the connection mid-event', async () => {
    const response = await streamTurn('cut-after=2, cut-mode=reset');
    await expect(response.text()).rejects.toThrow();
  });

  it('cut-mode=error-event ends with an error chunk', async () => {
    const data = dataOf(await (await streamTurn('cut-after=2, cut-mode=error-event')).text());
    expect(data).toHaveLength(3);
    expect(JSON.parse(data[2]!)).toMatchObject({ message: 'The stream was interrupted.', statusCode: 500 });
  });

  it('stall keeps the stream open until the client leaves; the server then stops all work', async () => {
    const client = new AbortController();
    const response = await streamTurn('stall-after=1', client.signal);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first.slice(6))).toMatchObject({ delta: 'Nice ' });
    expect(server.emulator.activeGenerations()).toBe(1);
    client.abort();
    await vi.waitFor(() => expect(server.emulator.activeGenerations()).toBe(0));
  });

  it('a client that disconnects during a slow stream stops its generation', async () => {
    const client = new AbortController();
    const response = await streamTurn('delay=60000', client.signal);
    expect(response.status).toBe(201);
    expect(server.emulator.activeGenerations()).toBe(1);
    client.abort();
    await vi.waitFor(() => expect(server.emulator.activeGenerations()).toBe(0));
  });

  it('done-marker and output-event add terminal events', async () => {
    const data = dataOf(await (await streamTurn('done-marker, output-event')).text());
    expect(data.at(-1)).toBe('[DONE]');
    expect(JSON.parse(data.at(-2)!)).toMatchObject({ output: reply });
  });

  it('event-lines, id-lines, retry and CRLF frame the events', async () => {
    const text = await (await streamTurn('event-lines, id-lines, retry=2500, crlf')).text();
    expect(text.startsWith('retry: 2500\r\n\r\nid: 1\r\nevent: delta\r\ndata: {')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false);
    expect(deltasOf(text)).toBe(reply);
  });

  it('split=1 writes one byte at a time; the bytes still reassemble exactly', async () => {
    const response = await post(
      '/chat',
      { assistantId: defaultAssistantId, input: 'What are your prices?', stream: true },
      privateAuth,
      'split=1',
    );
    const bytes: number[] = [];
    for await (const chunk of response.body!) bytes.push(...chunk);
    const text = new TextDecoder().decode(new Uint8Array(bytes));
    expect(deltasOf(text)).toContain('| Team | €12 per seat | 50 | — |');
    expect(deltasOf(await (await streamTurn('split=1')).text())).toBe(reply);
  });

  it('ping writes comments while stalled', async () => {
    const client = new AbortController();
    const response = await streamTurn('stall, ping=5', client.signal);
    const reader = response.body!.getReader();
    const text = new TextDecoder().decode((await reader.read()).value);
    expect(text.startsWith(': ping')).toBe(true);
    client.abort();
    await vi.waitFor(() => expect(server.emulator.activeGenerations()).toBe(0));
  });

  it('tool-calls and distinct-stream-id change the path and the id', async () => {
    const first = JSON.parse(
      dataOf(await (await streamTurn('tool-calls, distinct-stream-id')).text())[0]!,
    ) as {
      id: string;
      path: string;
    };
    expect(first.path).toBe('chat.output[2].content');
    expect(first.id.startsWith('stream_')).toBe(true);
  });
});

describe('vapi-chat-emulator CLI', () => {
  it('prints "Listening on http://HOST:PORT" first, then the keys and assistant ids', async () => {
    const packageDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const tsx = path.join(packageDirectory, '..', '..', 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, ['src/cli.ts', '--port', '0', '--delay', '0'], {
      cwd: packageDirectory,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (text: string) => {
          output += text;
          if (output.includes('Test mode:')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
      });
      const lines = output.split('\n');
      expect(lines[0]).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines.slice(1, 5)).toEqual([
        'Private keys: emulator-private-key',
        'Public keys: emulator-public-key',
        `Assistant ids: ${defaultAssistantId} (TechFlow Support)`,
        'Test mode: off',
      ]);
      const url = lines[0]!.slice('Listening on '.length);
      const response = await fetch(`${url}/chat`, {
        method: 'POST',
        headers: privateAuth,
        body: JSON.stringify({ assistantId: defaultAssistantId, input: 'My name is Alice', stream: true }),
      });
      expect(deltasOf(await response.text())).toBe(reply);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 20_000);
});
