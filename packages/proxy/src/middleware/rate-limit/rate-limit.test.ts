import { describe, expect, it } from 'vitest';
import { createHarness, historyHeaders, turnInit } from '../../test-support/proxy-harness';
import { SseReader } from '../../test-support/sse-events';

const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('rate limits', () => {
  it('answers 429 with Retry-After and RateLimit-* past the limit, per client address', async () => {
    const harness = createHarness({ limits: { requests: 2, windowSeconds: 60 } });
    const first = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(first.headers.get('ratelimit-policy')).toBe('2;w=60');
    const second = await harness.app.request(
      '/v1/chat/history?sessionId=s1&conversationId=conv_x',
      { headers: historyHeaders },
      fromAddress('198.51.100.1'),
    );
    expect(second.status).toBe(404);
    expect(second.headers.get('ratelimit-remaining')).toBe('0');

    const third = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    expect(third.status).toBe(429);
    const body = (await third.json()) as { error: string; retryAfter: number };
    expect(body.error).toBe('Too many requests');
    expect(Object.keys(body).sort()).toEqual(['error', 'retryAfter']);
    expect(Number(third.headers.get('retry-after'))).toBe(body.retryAfter);
    expect(body.retryAfter).toBeGreaterThanOrEqual(1);
    expect(body.retryAfter).toBeLessThanOrEqual(60);
    expect(third.headers.get('ratelimit-remaining')).toBe('0');
    expect(harness.calls).toHaveLength(1);

    const other = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's2', message: 'Hi' }),
      fromAddress('198.51.100.2'),
    );
    expect(other.status).toBe(200);
  });

  it('counts a forwarded client only behind a trusted proxy', async () => {
    const harness = createHarness({ limits: { requests: 1 }, proxy: { trustedProxies: ['10.0.0.0/8'] } });
    const viaProxy = (client: string) =>
      harness.app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: 'Hi' }, { 'x-forwarded-for': client }),
        fromAddress('10.0.0.5'),
      );
    expect((await viaProxy('203.0.113.1')).status).toBe(200);
    expect((await viaProxy('203.0.113.2')).status).toBe(200);
    expect((await viaProxy('203.0.113.1')).status).toBe(429);
    // An untrusted peer cannot pick a fresh address with the header.
    const direct = (client: string) =>
      harness.app.request(
        '/v1/chat',
        turnInit({ sessionId: 's1', message: 'Hi' }, { 'x-forwarded-for': client }),
        fromAddress('198.51.100.9'),
      );
    expect((await direct('203.0.113.3')).status).toBe(200);
    expect((await direct('203.0.113.4')).status).toBe(429);
  });

  it('caps the streams a client address has open at once and frees a slot when one closes', async () => {
    const harness = createHarness({ limits: { concurrentStreams: 1 } });
    harness.fault = 'stall-after=1';
    const open = await harness.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 's1', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    const reader = new SseReader(open.body!);
    expect(await reader.nextEvent()).toMatchObject({ event: 'start' });
    harness.fault = '';

    const refused = await harness.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 's2', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: 'Too many requests',
      code: 'too_many_streams',
      retryAfter: 2,
    });
    expect(refused.headers.get('retry-after')).toBe('2');
    const elsewhere = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's3', message: 'Hi' }),
      fromAddress('198.51.100.2'),
    );
    expect(elsewhere.status).toBe(200);

    await reader.cancel();
    const again = await harness.app.request(
      '/v1/chat/stream',
      turnInit({ sessionId: 's2', message: 'Hi' }),
      fromAddress('198.51.100.1'),
    );
    expect(again.status).toBe(200);
    await again.text();
  });
});
