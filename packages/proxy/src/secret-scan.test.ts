import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, historyHeaders, turnInit } from './test-support/proxy-harness';
import { SseReader } from './test-support/sse-events';
import { eventually } from './test-support/eventually';

const privateKey = 'sk_live_9f8e7d6c5b4a_private_do_not_leak';
const messageText = 'purple-elephant-7731 is my secret question';

/** Every file under a directory, recursively. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the private key never leaves the proxy', () => {
  it('is in no response body, no header and no log line; message text is in no log line', async () => {
    const harness = createHarness({ emulator: { privateKeys: [privateKey] } });
    const app = (await import('./create-proxy')).createProxy({
      upstream: {
        apiKey: privateKey,
        assistantId: '00000000-0000-4000-8000-00000000e001',
        baseUrl: 'http://vapi.test',
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          const headers = new Headers(request.headers);
          if (harness.fault !== '') headers.set('x-emulator-fault', harness.fault);
          harness.calls.push({
            path: new URL(request.url).pathname,
            body: {},
            authorization: null,
            signal: request.signal,
          });
          return harness.emulator.fetch(new Request(request, { headers }));
        },
      },
      widgetKeys: [{ key: 'wk_test_public_key', allowedOrigins: ['https://shop.example'] }],
      store: harness.store,
      scheduler: harness.scheduler,
      logger: (entry) => harness.logs.push(entry),
    });

    const seen: string[] = [];
    const record = async (response: Response) => {
      response.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
      seen.push(await response.text());
    };

    let conversationId = '';
    for (const fault of [
      '',
      'status=401',
      'payment-required',
      'rate-limit=3',
      'server-error',
      'cut-after=1, cut-mode=error-event',
      'cut-after=1, cut-mode=reset',
    ]) {
      harness.fault = fault;
      for (const path of ['/v1/chat', '/v1/chat/stream']) {
        const response = await app.request(
          path,
          turnInit({ sessionId: 's1', message: messageText }, { 'idempotency-key': `${path}-${fault}` }),
        );
        if (fault === '' && path === '/v1/chat')
          conversationId = ((await response.clone().json()) as { conversationId: string }).conversationId;
        await record(response);
      }
    }
    harness.fault = '';
    await record(await app.request('/v1/chat', turnInit({ sessionId: 's1' })));
    await record(
      await app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: messageText }, { 'x-api-key': 'nope' }),
      ),
    );
    await record(
      await app.request(`/v1/chat/history?sessionId=s1&conversationId=${conversationId}`, {
        headers: historyHeaders,
      }),
    );

    harness.fault = 'stall-after=1';
    const stalled = await app.request('/v1/chat/stream', turnInit({ sessionId: 's2', message: messageText }));
    stalled.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
    const reader = new SseReader(stalled.body!);
    await reader.nextEvent();
    await reader.nextEvent();
    await reader.cancel();
    await eventually(() => expect(harness.logs.some((entry) => entry['outcome'] === 'stopped')).toBe(true));

    expect(seen.length).toBeGreaterThan(40);
    expect(harness.logs.length).toBeGreaterThan(20);
    for (const text of seen) expect(text).not.toContain(privateKey);
    const logText = harness.logs.map((entry) => JSON.stringify(entry)).join('\n');
    expect(logText).not.toContain(privateKey);
    expect(logText).not.toContain('purple-elephant');
    // The history does hold the message: it is the user's own transcript.
    expect(seen.some((text) => text.includes('purple-elephant'))).toBe(true);
  });

  it('redacts the key from any log entry, whatever a bug puts into it', async () => {
    const { redactingLogger } = await import('./logging/logger');
    const lines: unknown[] = [];
    const logger = redactingLogger((entry) => lines.push(entry), [privateKey]);
    logger({
      level: 'error',
      event: 'oops',
      detail: `Authorization: Bearer ${privateKey}`,
      nested: { list: [privateKey] },
    });
    expect(lines).toEqual([
      {
        level: 'error',
        event: 'oops',
        detail: 'Authorization: Bearer [redacted]',
        nested: { list: ['[redacted]'] },
      },
    ]);
  });

  // Builds the package first when `dist/` is missing (CI builds before testing).
  it('is in no built file', { timeout: 60_000 }, () => {
    const packageDirectory = path.resolve(import.meta.dirname, '..');
    const dist = path.join(packageDirectory, 'dist');
    if (!existsSync(path.join(dist, 'index.js')) || !existsSync(path.join(dist, 'cli.js'))) {
      execFileSync('pnpm', ['run', 'build'], { cwd: packageDirectory, stdio: 'ignore' });
    }
    const files = filesUnder(dist);
    expect(files.some((file) => file.endsWith('cli.js'))).toBe(true);
    const secrets = [privateKey, process.env['VAPI_API_KEY']].filter((value): value is string =>
      Boolean(value),
    );
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets) expect(text, file).not.toContain(secret);
    }
  });
});
