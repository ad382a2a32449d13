import { describe, expect, it } from 'vitest';
import { createHarness, siteOrigin, turnInit } from '../../test-support/proxy-harness';

describe('CORS', () => {
  it('answers a preflight from an allowed origin', async () => {
    const harness = createHarness();
    const response = await harness.app.request('/v1/chat/stream', {
      method: 'OPTIONS',
      headers: {
        origin: siteOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-api-key, idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Accept, X-Api-Key, X-Widget-Api-Key, Idempotency-Key, X-Visitor-Token',
    );
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('refuses a preflight from any other origin, with no CORS headers', async () => {
    const harness = createHarness();
    const response = await harness.app.request('/v1/chat', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an allowed page read answers, errors included, the back-off headers and the request id', async () => {
    const harness = createHarness();
    const ok = await harness.app.request('/v1/chat', turnInit({ sessionId: 's1', message: 'Hi' }));
    expect(ok.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(ok.headers.get('access-control-expose-headers')).toBe(
      'Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, X-Request-Id',
    );
    const invalid = await harness.app.request('/v1/chat', turnInit({ sessionId: 's1' }));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('access-control-allow-origin')).toBe(siteOrigin);
  });

  it('gives no CORS headers to other origins or to same-origin requests', async () => {
    const harness = createHarness();
    const evil = await harness.app.request(
      '/v1/chat',
      turnInit({ sessionId: 's1', message: 'Hi' }, { origin: 'https://evil.example' }),
    );
    expect(evil.status).toBe(401);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const init = turnInit({ sessionId: 's1', message: 'Hi' });
    const headers = new Headers(init.headers);
    headers.delete('origin');
    const sameOrigin = await harness.app.request('/v1/chat', { ...init, headers });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });
});
