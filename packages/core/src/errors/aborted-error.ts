import { hasMarker, VapiChatError } from './vapi-chat-error';

const name = 'AbortedError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** The request was stopped on purpose, through its `AbortSignal`. A stop is not a failure: the store ends in `idle`. */
export class AbortedError extends VapiChatError {
  private readonly [marker] = true;

  constructor(message = 'The request was stopped', options: { cause?: unknown } = {}) {
    super(message, { code: 'aborted', cause: options.cause });
    this.name = name;
  }

  static override isInstance(value: unknown): value is AbortedError {
    return hasMarker(value, marker);
  }
}
