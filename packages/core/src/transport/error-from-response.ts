import { errorFromStatus } from '../errors/error-from-status';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import { parseJsonObject } from '../protocol/parse-json';
import { errorMessages } from '../protocol/vapi-error';

/** Error bodies are short; a longer one is cut here, so a hostile server cannot make us buffer much. */
const maxErrorBodyLength = 64 * 1024;

/**
 * A non-2xx response as a typed error. Understands Vapi's bodies in every shape seen (`{message, error?,
 * statusCode}`, `{message, reason, statusCode}`, `{error}`) and our proxy's (`{error, retryAfter?}`); takes
 * `Retry-After` (seconds or an HTTP date) from the headers.
 *
 * A 401 or 403 whose body is not JSON did not come from the key check (Vapi and the proxy both answer it in
 * JSON) but from something in front of the server: Cloudflare's `403 error code: 1010` for a request without
 * a User-Agent, a firewall. It is an {@link UpstreamError} carrying that text, never "a bad key".
 */
export async function errorFromResponse(
  response: Response,
  now: () => number = Date.now,
): Promise<VapiChatError> {
  const text = await readBoundedText(response);
  const { status } = response;
  const parsed = text === '' ? undefined : parseJsonObject(text, 'The error body');
  const body = parsed?.ok ? parsed.value : {};
  if (!parsed?.ok && (status === 401 || status === 403) && text.trim() !== '') {
    return new UpstreamError(`Refused before the server (${status}): ${text.trim().slice(0, 120)}`, {
      status,
    });
  }
  const messages = errorMessages(body);
  const bodyRetryAfter = body['retryAfter'];
  return errorFromStatus(status, {
    message:
      messages.length > 0 ? messages.join('; ') : response.statusText || `The server answered ${status}`,
    ...(messages.length > 0 ? { messages } : {}),
    retryAfterMs:
      parseRetryAfter(response.headers.get('retry-after'), now()) ??
      (typeof bodyRetryAfter === 'number' ? bodyRetryAfter * 1000 : undefined),
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
