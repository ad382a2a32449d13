import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors/rate-limited-error';
import { ProxyStreamParser } from './proxy-stream-parser';

const message = (event: string, data: unknown) => ({ event, id: undefined, data: JSON.stringify(data) });

describe('ProxyStreamParser', () => {
  it('maps each stream error code to its typed error', () => {
    const cases = [
      ['rate_limited', 'RateLimitedError', 429],
      ['payment_required', 'PaymentRequiredError', 402],
      ['upstream_unauthorized', 'UpstreamError', 502],
      ['upstream_error', 'UpstreamError', 502],
      ['timeout', 'UpstreamError', 504],
      ['internal_error', 'UpstreamError', 500],
      ['something_new', 'UpstreamError', undefined],
    ] as const;
    for (const [code, name, status] of cases) {
      const [event] = new ProxyStreamParser().push(message('error', { error: 'It failed', code }));
      expect(
        event?.type === 'error' && [event.error.name, event.error.status, event.error.message],
        code,
      ).toEqual([name, status, 'It failed']);
    }
  });

  it('carries retryAfter (seconds) of a rate_limited error as retryAfterMs', () => {
    const [event] = new ProxyStreamParser().push(
      message('error', { error: 'Too many requests', code: 'rate_limited', retryAfter: 7 }),
    );
    expect(
      event?.type === 'error' && RateLimitedError.isInstance(event.error) && event.error.retryAfterMs,
    ).toBe(7000);
  });

  it('ignores unknown event names and reads nothing after the turn ended', () => {
    const parser = new ProxyStreamParser();
    expect(parser.push(message('progress', { percent: 5 }))).toEqual([]);
    parser.push(message('done', { conversationId: 'c', message: 'Hi' }));
    expect(parser.push(message('delta', { text: 'late' }))).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});
