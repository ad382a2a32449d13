import { hasMarker, VapiChatError, type VapiChatErrorJson } from './vapi-chat-error';

const name = 'RateLimitedError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** Too many requests (429). `retryAfterMs` is the server's `Retry-After`, when it sent one. */
export class RateLimitedError extends VapiChatError {
  private readonly [marker] = true;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryAfterMs?: number | undefined; cause?: unknown } = {}) {
    super(message, { code: 'rate-limited', status: 429, cause: options.cause });
    this.name = name;
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(value: unknown): value is RateLimitedError {
    return hasMarker(value, marker);
  }

  override toJSON(): VapiChatErrorJson {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
