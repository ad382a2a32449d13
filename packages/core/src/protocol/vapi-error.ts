import { errorFromStatus } from '../errors/error-from-status';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { VapiErrorBody } from './vapi-chat';

/** True for Vapi's (NestJS) error body, `{message, error?, statusCode}`. */
export function isVapiErrorBody(
  value: Record<string, unknown>,
): value is Record<string, unknown> & VapiErrorBody {
  const { message, statusCode } = value;
  const messageOk =
    typeof message === 'string' || (Array.isArray(message) && message.every((m) => typeof m === 'string'));
  return messageOk && typeof statusCode === 'number';
}

/** Vapi's error body as a typed error; validation messages (an array) are kept. */
export function errorFromVapiBody(body: VapiErrorBody, retryAfterMs?: number): VapiChatError {
  const messages = typeof body.message === 'string' ? [body.message] : [...body.message];
  const message = messages.join('; ') || body.error || 'The server reported an error';
  const status = body.statusCode;
  if (status === undefined) return new UpstreamError(message);
  return errorFromStatus(status, { message, messages, retryAfterMs });
}
