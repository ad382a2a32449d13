import { hasMarker, VapiChatError, type VapiChatErrorJson } from './vapi-chat-error';

const name = 'InvalidRequestError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/**
 * The server rejected the request (400, 404, 413, 422). `messages` holds the server's reasons: Vapi sends
 * validation errors as a list (`{"message": ["…"], "error": "Bad Request", "statusCode": 400}`).
 */
export class InvalidRequestError extends VapiChatError {
  private readonly [marker] = true;
  readonly messages: readonly string[];

  constructor(
    message: string,
    options: { status?: number | undefined; messages?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, { code: 'invalid-request', status: options.status ?? 400, cause: options.cause });
    this.name = name;
    this.messages = options.messages ?? [];
  }

  static override isInstance(value: unknown): value is InvalidRequestError {
    return hasMarker(value, marker);
  }

  override toJSON(): VapiChatErrorJson {
    return { ...super.toJSON(), messages: this.messages };
  }
}
