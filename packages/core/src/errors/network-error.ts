import { hasMarker, VapiChatError } from './vapi-chat-error';

const name = 'NetworkError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** No response arrived, or the connection dropped before the reply finished. */
export class NetworkError extends VapiChatError {
  private readonly [marker] = true;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'network', cause: options.cause });
    this.name = name;
  }

  static override isInstance(value: unknown): value is NetworkError {
    return hasMarker(value, marker);
  }
}
