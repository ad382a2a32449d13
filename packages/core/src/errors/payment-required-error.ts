import { hasMarker, VapiChatError } from './vapi-chat-error';

const name = 'PaymentRequiredError';
const marker: unique symbol = Symbol.for(`vapi-chat-kit.error.${name}`);

/** Vapi's billing gate (402): the organisation has no card on file or no credits. */
export class PaymentRequiredError extends VapiChatError {
  private readonly [marker] = true;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'payment-required', status: 402, cause: options.cause });
    this.name = name;
  }

  static override isInstance(value: unknown): value is PaymentRequiredError {
    return hasMarker(value, marker);
  }
}
