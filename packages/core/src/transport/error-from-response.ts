import { errorFromStatus } from '../errors/error-from-status';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import { parseJsonObject } from '../protocol/parse-json';
import { errorFromVapiBody } from '../protocol/vapi-error';

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
  const retryAfterHeader = parseRetryAfter(response.headers.get('retry-after'), now());
  const parsed = text === '' ? undefined : parseJsonObject(text, 'The error body');
  const body = parsed?.ok ? parsed.value : undefined;
  if (body === undefined && (status === 401 || status === 403) && text.trim() !== '') {
    return new UpstreamError(
      `The request was refused before it reached the server (${status}: ${clip(text)})`,
      {
        status,
      },
    );
  }
  const bodyRetryAfter = body?.['retryAfter'];
  const retryAfterMs =
    retryAfterHeader ?? (typeof bodyRetryAfter === 'number' ? bodyRetryAfter * 1000 : undefined);
  const fromBody = body === undefined ? undefined : errorFromVapiBody(body, status, retryAfterMs);
  return (
    fromBody ??
    errorFromStatus(status, {
      message: response.statusText || `The server answered ${status}`,
      retryAfterMs,
    })
  );
}

function clip(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
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
