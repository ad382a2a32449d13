import { hasMarker, VapiChatError } from './vapi-chat-error';

const name = 'UpstreamError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** The server failed: a 5xx, an unexpected status, or an error it reported in the middle of a stream. */
export class UpstreamError extends VapiChatError {
  private readonly [marker] = true;

  constructor(message: string, options: { status?: number | undefined; cause?: unknown } = {}) {
    super(message, { code: 'upstream', status: options.status, cause: options.cause });
    this.name = name;
  }

  static override isInstance(value: unknown): value is UpstreamError {
    return hasMarker(value, marker);
  }
}
