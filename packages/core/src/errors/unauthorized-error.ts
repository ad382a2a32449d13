import { hasMarker, VapiChatError } from './vapi-chat-error';

const name = 'UnauthorizedError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** The key was refused: a wrong, unknown or wrong-kind (public vs private) key, or a disallowed origin. */
export class UnauthorizedError extends VapiChatError {
  private readonly [marker] = true;

  constructor(message: string, options: { status?: number | undefined; cause?: unknown } = {}) {
    super(message, { code: 'unauthorized', status: options.status ?? 401, cause: options.cause });
    this.name = name;
  }

  static override isInstance(value: unknown): value is UnauthorizedError {
    return hasMarker(value, marker);
  }
}
