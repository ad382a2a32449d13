import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';

const auth = { Authorization: 'Bearer emulator-private-key' };

describe('rateLimit', () => {
  it('is off by default', async () => {
    const emulator = createEmulator();
    for (let index = 0; index < 5; index += 1) {
      expect((await emulator.app.request('/chat', { headers: auth })).status).toBe(200);
    }
  });

  it('answers 429 with a Nest body and Retry-After once a key is over its window, then recovers', async () => {
    let now = new Date('2026-03-01T00:00:00.000Z');
    const emulator = createEmulator({ now: () => now, rateLimit: { requests: 2, windowMs: 10_000 } });
    expect((await emulator.app.request('/chat', { headers: auth })).status).toBe(200);
    expect((await emulator.app.request('/chat', { headers: auth })).status).toBe(200);
    now = new Date('2026-03-01T00:00:04.000Z');
    const limited = await emulator.app.request('/chat', { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(await limited.json()).toEqual({
      message: 'ThrottlerException: Too Many Requests',
      error: 'Too Many Requests',
      statusCode: 429,
    });
    now = new Date('2026-03-01T00:00:10.000Z');
    expect((await emulator.app.request('/chat', { headers: auth })).status).toBe(200);
  });

  it('leaves Retry-After out when retryAfterSeconds is null', async () => {
    const emulator = createEmulator({ rateLimit: { requests: 0, windowMs: 1000, retryAfterSeconds: null } });
    const limited = await emulator.app.request('/chat', { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
  });
});
