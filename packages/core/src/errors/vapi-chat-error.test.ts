import { describe, expect, it } from 'vitest';
import { AbortedError } from './aborted-error';
import { errorFromStatus } from './error-from-status';
import { InvalidRequestError } from './invalid-request-error';
import { NetworkError } from './network-error';
import { PaymentRequiredError } from './payment-required-error';
import { ProtocolError } from './protocol-error';
import { RateLimitedError } from './rate-limited-error';
import { UnauthorizedError } from './unauthorized-error';
import { UpstreamError } from './upstream-error';
import { VapiChatError } from './vapi-chat-error';

describe('VapiChatError', () => {
  it('is recognised through its Symbol.for marker, also for an object from another copy of the package', () => {
    const foreign = {
      [Symbol.for('vapi-chat-kit.error')]: true,
      [Symbol.for('vapi-chat-kit.error.RateLimitedError')]: true,
    };
    expect(VapiChatError.isInstance(foreign)).toBe(true);
    expect(RateLimitedError.isInstance(foreign)).toBe(true);
    expect(NetworkError.isInstance(foreign)).toBe(false);
    expect(VapiChatError.isInstance(new Error('plain'))).toBe(false);
    expect(VapiChatError.isInstance(null)).toBe(false);
    expect(VapiChatError.isInstance('rate-limited')).toBe(false);
  });

  it('gives each subclass its code, name, status and marker', () => {
    const cases = [
      [new UnauthorizedError('no'), 'UnauthorizedError', 'unauthorized', 401],
      [new PaymentRequiredError('pay'), 'PaymentRequiredError', 'payment-required', 402],
      [new RateLimitedError('slow', { retryAfterMs: 2000 }), 'RateLimitedError', 'rate-limited', 429],
      [
        new InvalidRequestError('bad', { messages: ['a', 'b'] }),
        'InvalidRequestError',
        'invalid-request',
        400,
      ],
      [new UpstreamError('down', { status: 503 }), 'UpstreamError', 'upstream', 503],
      [new NetworkError('gone'), 'NetworkError', 'network', undefined],
      [new ProtocolError('junk'), 'ProtocolError', 'protocol', undefined],
      [new AbortedError(), 'AbortedError', 'aborted', undefined],
    ] as const;
    for (const [error, name, code, status] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(VapiChatError.isInstance(error)).toBe(true);
      expect([error.name, error.code, error.status]).toEqual([name, code, status]);
    }
    expect(UnauthorizedError.isInstance(new PaymentRequiredError('pay'))).toBe(false);
    expect(AbortedError.isInstance(new AbortedError())).toBe(true);
  });

  it('serialises to plain JSON with the fields a UI needs', () => {
    expect(
      JSON.parse(JSON.stringify(new RateLimitedError('Too many requests', { retryAfterMs: 1500 }))),
    ).toEqual({
      name: 'RateLimitedError',
      code: 'rate-limited',
      message: 'Too many requests',
      status: 429,
      retryAfterMs: 1500,
    });
    expect(new InvalidRequestError('bad', { messages: ['input should not be empty'] }).toJSON()).toEqual({
      name: 'InvalidRequestError',
      code: 'invalid-request',
      message: 'bad',
      status: 400,
      messages: ['input should not be empty'],
    });
  });

  it('keeps the cause', () => {
    const cause = new TypeError('fetch failed');
    expect(new NetworkError('gone', { cause }).cause).toBe(cause);
  });
});

describe('errorFromStatus', () => {
  it.each([
    [401, 'UnauthorizedError'],
    [403, 'UnauthorizedError'],
    [402, 'PaymentRequiredError'],
    [429, 'RateLimitedError'],
    [400, 'InvalidRequestError'],
    [404, 'InvalidRequestError'],
    [413, 'InvalidRequestError'],
    [422, 'InvalidRequestError'],
    [500, 'UpstreamError'],
    [502, 'UpstreamError'],
    [504, 'UpstreamError'],
  ])('%i → %s', (status, name) => {
    const error = errorFromStatus(status, { message: 'm' });
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
  });

  it('carries retryAfterMs for 429 and the list of reasons for 4xx', () => {
    const limited = errorFromStatus(429, { message: 'slow', retryAfterMs: 3000 });
    expect(RateLimitedError.isInstance(limited) && limited.retryAfterMs).toBe(3000);
    const invalid = errorFromStatus(400, { message: 'a; b', messages: ['a', 'b'] });
    expect(InvalidRequestError.isInstance(invalid) && invalid.messages).toEqual(['a', 'b']);
  });
});
