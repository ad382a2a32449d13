import { errorFromStatus } from '../errors/error-from-status';
import type { VapiChatError } from '../errors/vapi-chat-error';
import { parseJsonObject, stringField } from '../protocol/parse-json';
import { errorFromVapiBody, isVapiErrorBody } from '../protocol/vapi-error';

/** Error bodies are short; a longer one is cut here, so a hostile server cannot make us buffer much. */
const maxErrorBodyLength = 64 * 1024;

/**
 * A non-2xx response as a typed error. Understands Vapi's Nest body (`{message, error, statusCode}`) and
 * our proxy's (`{error, retryAfter?}`); takes `Retry-After` (seconds or an HTTP date) from the headers.
 */
export async function errorFromResponse(
  response: Response,
  now: () => number = Date.now,
): Promise<VapiChatError> {
  const text = await readBoundedText(response);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
  const parsed = text === '' ? undefined : parseJsonObject(text, 'The error body');
  const body = parsed?.ok ? parsed.value : undefined;
  if (body && isVapiErrorBody(body)) {
    return errorFromVapiBody({ ...body, statusCode: response.status }, retryAfterMs);
  }
  const proxyMessage = body && stringField(body, 'error');
  const bodyRetryAfter = body?.['retryAfter'];
  return errorFromStatus(response.status, {
    message: proxyMessage ?? (response.statusText || `The server answered ${response.status}`),
    retryAfterMs: retryAfterMs ?? (typeof bodyRetryAfter === 'number' ? bodyRetryAfter * 1000 : undefined),
  });
}

/** `Retry-After` as milliseconds from `nowMs`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

async function readBoundedText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < maxErrorBodyLength) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
    return text.slice(0, maxErrorBodyLength);
  } catch {
    return text;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
