import { describe, expect, it } from 'vitest';
import { createHarness, turnInit } from '../../test-support/proxy-harness';

const invalid = { error: 'Invalid request payload', details: expect.any(String) as unknown };

describe('request bodies on POST /v1/chat and /v1/chat/stream', () => {
  const bad: [string, RequestInit][] = [
    ['not JSON', turnInit('{"sessionId": "s1", ')],
    ['a JSON array', turnInit('[1, 2]')],
    ['a JSON string', turnInit('"hello"')],
    ['invalid UTF-8', { ...turnInit(''), body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }],
    ['no sessionId', turnInit({ message: 'Hi' })],
    ['a sessionId with a space', turnInit({ sessionId: 'a b', message: 'Hi' })],
    ['a sessionId of 129 characters', turnInit({ sessionId: 'a'.repeat(129), message: 'Hi' })],
    ['a numeric sessionId', turnInit({ sessionId: 12, message: 'Hi' })],
    ['an empty message', turnInit({ sessionId: 's1', message: '' })],
    ['a message of 4001 characters', turnInit({ sessionId: 's1', message: 'x'.repeat(4001) })],
    ['a message that is not a string', turnInit({ sessionId: 's1', message: ['Hi'] })],
    ['an unknown field (assistantId)', turnInit({ sessionId: 's1', message: 'Hi', assistantId: 'other' })],
    ['an unknown field (__proto__)', turnInit('{"sessionId":"s1","message":"Hi","__proto__":{"x":1}}')],
    ['text/plain', turnInit({ sessionId: 's1', message: 'Hi' }, { 'content-type': 'text/plain' })],
    [
      'no content type',
      (() => {
        const init = turnInit({ sessionId: 's1', message: 'Hi' });
        const headers = new Headers(init.headers);
        headers.delete('content-type');
        return { ...init, headers };
      })(),
    ],
    [
      'a bad Idempotency-Key',
      turnInit({ sessionId: 's1', message: 'Hi' }, { 'idempotency-key': 'has space' }),
    ],
  ];

  it.each(bad)('answers 400 for %s and never calls Vapi', async (_name, init) => {
    const harness = createHarness();
    for (const path of ['/v1/chat', '/v1/chat/stream']) {
      const response = await harness.app.request(path, { ...init });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(invalid);
    }
    expect(harness.calls).toHaveLength(0);
  });

  it('accepts the limits exactly: 128-character sessionId, 4000-character message, charset parameter', async () => {
    const harness = createHarness();
    const response = await harness.app.request(
      '/v1/chat',
      turnInit(
        { sessionId: `A-z.0:_${'x'.repeat(121)}`, message: 'x'.repeat(4000) },
        { 'content-type': 'application/json; charset=utf-8' },
      ),
    );
    expect(response.status).toBe(200);
  });

  it('refuses a body whose Content-Length passes the limit with 413, reading none of it', async () => {
    const harness = createHarness({ limits: { bodyBytes: 1024 } });
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    const request = new Request('http://proxy.test/v1/chat', {
      ...turnInit(''),
      body,
      duplex: 'half',
    } as RequestInit);
    request.headers.set('content-length', '5000000');
    const response = await harness.app.request(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'Payload too large', details: 'The limit is 1024 bytes' });
    // A ReadableStream pulls once to fill its queue when it is made; the proxy itself reads nothing.
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it('refuses a body without Content-Length as soon as it passes the limit', async () => {
    const harness = createHarness({ limits: { bodyBytes: 1024 } });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 512;
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    const request = new Request('http://proxy.test/v1/chat', {
      ...turnInit(''),
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await harness.app.request(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1024 + 2 * 512);
  });
});
