import type { ResolvedEmulatorOptions } from '../emulator-options';
import type { NestErrorBody } from '../protocol/nest-error-body';
import { httpReason } from './http-reason';

/**
 * An error that the app's error handler turns into Nest's body `{message, error, statusCode}`.
 * Validation errors carry `message` as an array of strings, as Vapi's do (reference §10).
 *
 * @example
 * throw new NestException(400, ['input should not be empty']);
 */
export class NestException extends Error {
  readonly status: number;
  readonly messages: string | readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  /** A machine-readable reason, written instead of `error` in lean bodies (a 402's `payment_method_missing`). */
  readonly reason: string | undefined;

  constructor(
    status: number,
    message: string | readonly string[],
    headers: Record<string, string> = {},
    reason?: string,
  ) {
    super(typeof message === 'string' ? message : message.join('; '));
    this.name = 'NestException';
    this.status = status;
    this.messages = message;
    this.headers = headers;
    this.reason = reason;
  }

  /** The JSON body Vapi sends for this error. */
  toBody(): NestErrorBody {
    return { message: this.messages, error: httpReason(this.status), statusCode: this.status };
  }
}

/**
 * The body of `exception` as the emulator is set to write it: Nest's, or lean (no `error`; `reason` where
 * the exception has one), as live reports show (reference §15).
 *
 * @example
 * c.json(nestBody(new NestException(404, 'Chat x not found'), options), 404);
 */
export function nestBody(
  exception: NestException,
  options: Pick<ResolvedEmulatorOptions, 'errorBodies'>,
): Record<string, unknown> {
  if (options.errorBodies === 'nest') return { ...exception.toBody() };
  return {
    message: exception.messages,
    ...(exception.reason === undefined ? {} : { reason: exception.reason }),
    statusCode: exception.status,
  };
}
