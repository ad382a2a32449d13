import { hasMarker, VapiChatError } from './vapi-chat-error';

const name = 'ProtocolError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** The server answered with something outside the wire format: malformed JSON, a wrong content type. */
export class ProtocolError extends VapiChatError {
  private readonly [marker] = true;

  constructor(message: string, options: { status?: number | undefined; cause?: unknown } = {}) {
    super(message, { code: 'protocol', status: options.status, cause: options.cause });
    this.name = name;
  }

  static override isInstance(value: unknown): value is ProtocolError {
    return hasMarker(value, marker);
  }
}
