import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { RateLimitedError } from '../errors/rate-limited-error';
import { errorFromResponse, parseRetryAfter } from './error-from-response';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('errorFromResponse', () => {
  it("reads Vapi's validation body, keeping the list of messages", async () => {
    const error = await errorFromResponse(
      json(400, {
        message: ['input should not be empty', 'sessionId must be a string'],
        error: 'Bad Request',
        statusCode: 400,
      }),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.message).toBe('input should not be empty; sessionId must be a string');
    expect(InvalidRequestError.isInstance(error) && error.messages).toEqual([
      'input should not be empty',
      'sessionId must be a string',
    ]);
  });

  it("reads Vapi's 401 body", async () => {
    const message =
      'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.';
    const error = await errorFromResponse(json(401, { message, error: 'Unauthorized', statusCode: 401 }));
    expect([error.name, error.code, error.status, error.message]).toEqual([
      'UnauthorizedError',
      'unauthorized',
      401,
      message,
    ]);
  });

  it("reads the proxy's 429 body and Retry-After", async () => {
    const error = await errorFromResponse(json(429, { error: 'Too many requests' }, { 'retry-after': '7' }));
    expect(RateLimitedError.isInstance(error) && [error.message, error.retryAfterMs]).toEqual([
      'Too many requests',
      7000,
    ]);
  });

  it('falls back to the body field retryAfter (seconds) when the header is missing', async () => {
    const error = await errorFromResponse(json(429, { error: 'Too many requests', retryAfter: 3 }));
    expect(RateLimitedError.isInstance(error) && error.retryAfterMs).toBe(3000);
  });

  it('describes a non-JSON error page by its status', async () => {
    const error = await errorFromResponse(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect([error.name, error.status, error.message]).toEqual(['UpstreamError', 502, 'Bad Gateway']);
  });

  it('reads at most 64 KiB of an error body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(120));
      },
    });
    const error = await errorFromResponse(new Response(body, { status: 500 }));
    expect(error.code).toBe('upstream');
    expect(pulled).toBeLessThanOrEqual(6);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
