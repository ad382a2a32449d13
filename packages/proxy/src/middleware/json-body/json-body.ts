import type { MiddlewareHandler } from 'hono';
import { errorResponse, errorText, invalidRequest } from '../../http/error-body';
import type { ProxyEnv } from '../../proxy-env';

/**
 * Reads a JSON object body, strictly: `Content-Type: application/json`, valid UTF-8, valid JSON, an object.
 * Anything else is 400 `Invalid request payload`. A body over `maxBytes` is 413 `Payload too large`: refused
 * from its `Content-Length` before any byte is read, or, without one, as soon as the count passes the limit.
 *
 * @example
 * app.post('/v1/chat', jsonBody(32 * 1024), (c) => c.json(c.get('jsonBody')));
 */
export function jsonBody(maxBytes: number): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') return invalidRequest(c, 'Content-Type must be application/json');
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) {
      return errorResponse(c, 413, errorText.payloadTooLarge, { details: `The limit is ${maxBytes} bytes` });
    }
    const bytes = await readBounded(c.req.raw.body, maxBytes);
    if (bytes === 'too-large') {
      return errorResponse(c, 413, errorText.payloadTooLarge, { details: `The limit is ${maxBytes} bytes` });
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return invalidRequest(c, 'The body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return invalidRequest(c, 'The body must be a JSON object');
    }
    c.set('jsonBody', value as Record<string, unknown>);
    await next();
  };
}

async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | 'too-large'> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
