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

  constructor(status: number, message: string | readonly string[], headers: Record<string, string> = {}) {
    super(typeof message === 'string' ? message : message.join('; '));
    this.name = 'NestException';
    this.status = status;
    this.messages = message;
    this.headers = headers;
  }

  /** The JSON body Vapi sends for this error. */
  toBody(): NestErrorBody {
    return { message: this.messages, error: httpReason(this.status), statusCode: this.status };
  }
}
