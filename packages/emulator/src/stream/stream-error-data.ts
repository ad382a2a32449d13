import type { StreamErrorBody } from '../emulator-options';
import { httpReason } from '../http/http-reason';

/**
 * The `data:` JSON of an error chunk inside a `/chat` or `/chat/web` stream, in one of the body shapes
 * live reports show (reference §15). `ids` (`id`, `sessionId`) go only on Nest's shape, as on a chunk.
 *
 * @example
 * streamErrorData('reason', 402, 'Add a payment method to use chat.', 'payment_method_missing');
 * // '{"message":"Add a payment method to use chat.","reason":"payment_method_missing","statusCode":402}'
 */
export function streamErrorData(
  shape: StreamErrorBody,
  status: number,
  message: string,
  reason: string,
  ids: Readonly<Record<string, string>> = {},
): string {
  switch (shape) {
    case 'nest':
      return JSON.stringify({ ...ids, message, error: httpReason(status), statusCode: status });
    case 'reason':
      return JSON.stringify({ message, reason, statusCode: status });
    case 'error-field':
      return JSON.stringify({ error: message });
    case 'message-list':
      return JSON.stringify({ message: [message] });
    default:
      return shape satisfies never;
  }
}
