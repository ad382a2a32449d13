const marker: unique symbol = Symbol.for('vapi-chat-kit.error');

/**
 * What went wrong, as a string a UI can switch on.
 * - `unauthorized`: the key was refused (401/403).
 * - `payment-required`: Vapi's billing gate (402).
 * - `rate-limited`: too many requests (429); see {@link RateLimitedError.retryAfterMs}.
 * - `invalid-request`: the server rejected the payload (400/404/413/422); see {@link InvalidRequestError.messages}.
 * - `upstream`: the server failed (5xx) or reported an error mid-stream.
 * - `network`: no response, or the connection dropped before the reply finished.
 * - `protocol`: the server answered with something that is not the documented wire format.
 * - `aborted`: the request was stopped on purpose.
 */
export type VapiChatErrorCode =
  | 'unauthorized'
  | 'payment-required'
  | 'rate-limited'
  | 'invalid-request'
  | 'upstream'
  | 'network'
  | 'protocol'
  | 'aborted';

export interface VapiChatErrorOptions {
  readonly code: VapiChatErrorCode;
  /** The HTTP status, when the error came from a response. */
  readonly status?: number | undefined;
  readonly cause?: unknown;
}

/** The plain form of an error, for storage and for `postMessage`. */
export interface VapiChatErrorJson {
  readonly name: string;
  readonly code: VapiChatErrorCode;
  readonly message: string;
  readonly status?: number | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly messages?: readonly string[] | undefined;
}

/**
 * The base of every error this package reports. A failed stream becomes an `error` event carrying
 * one of these, never a rejected promise from deep inside.
 *
 * `isInstance` works across two copies of the package (a marker from `Symbol.for`), unlike `instanceof`.
 *
 * @example
 * if (VapiChatError.isInstance(error) && error.code === 'rate-limited') showCountdown(error.retryAfterMs);
 */
export class VapiChatError extends Error {
  private readonly [marker] = true;
  readonly code: VapiChatErrorCode;
  readonly status: number | undefined;

  constructor(message: string, options: VapiChatErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VapiChatError';
    this.code = options.code;
    this.status = options.status;
  }

  static isInstance(value: unknown): value is VapiChatError {
    return hasMarker(value, marker);
  }

  toJSON(): VapiChatErrorJson {
    return { name: this.name, code: this.code, message: this.message, status: this.status };
  }
}

/** True when `value` is an object carrying `symbol` as a truthy own or inherited property. */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return typeof value === 'object' && value !== null && symbol in value;
}
