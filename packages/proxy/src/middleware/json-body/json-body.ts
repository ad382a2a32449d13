import type { MiddlewareHandler } from 'hono';
import { errorResponse, errorText, invalidRequest } from '../../http/error-body';
import type { ProxyEnv } from '../../proxy-env';
import { systemScheduler, type Scheduler, type TimerHandle } from '../../scheduler/scheduler';

/**
 * Reads a JSON object body, strictly: `Content-Type: application/json`, valid UTF-8, valid JSON, an object.
 * Anything else is 400 `Invalid request payload`. A body over `maxBytes` is 413 `Payload too large`: refused
 * from its `Content-Length` before any byte is read, or, without one, as soon as the count passes the limit.
 * A body that has not fully arrived within `timeoutMs` (a client trickling it to hold a connection open) is
 * 408 `Request timeout`, in the same JSON shape.
 *
 * @example
 * app.post('/v1/chat', jsonBody(32 * 1024, 10_000, systemScheduler), (c) => c.json(c.get('jsonBody')));
 */
export function jsonBody(
  maxBytes: number,
  timeoutMs: number = 10_000,
  scheduler: Scheduler = systemScheduler,
): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') return invalidRequest(c, 'Content-Type must be application/json');
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) {
      return errorResponse(c, 413, errorText.payloadTooLarge, { details: `The limit is ${maxBytes} bytes` });
    }
    // With a Content-Length within the limit the body cannot pass it (HTTP ends the body there), so it is read
    // whole, as the runtime reads bodies (`@hono/node-server` straight from the socket); without one it is
    // read as a stream and counted.
    const bytes =
      declared !== undefined && /^\d+$/.test(declared)
        ? await readDeclared(c.req.raw, timeoutMs, scheduler)
        : await readBounded(c.req.raw.body, maxBytes, timeoutMs, scheduler);
    if (bytes === 'too-slow') {
      c.header('Connection', 'close');
      return errorResponse(c, 408, errorText.requestTimeout, {
        details: `The body must arrive within ${timeoutMs} ms`,
      });
    }
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

async function readDeclared(
  request: Request,
  timeoutMs: number,
  scheduler: Scheduler,
): Promise<Uint8Array | 'too-slow'> {
  let timer: TimerHandle;
  const deadline = new Promise<'too-slow'>((resolve) => {
    timer = scheduler.setTimeout(() => resolve('too-slow'), timeoutMs);
  });
  const body = request.arrayBuffer();
  // A body given up at the deadline fails once its connection closes: nobody waits for it then.
  body.catch(() => undefined);
  try {
    const result = await Promise.race([body, deadline]);
    return result === 'too-slow' ? result : new Uint8Array(result);
  } finally {
    scheduler.clearTimeout(timer);
  }
}

async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  timeoutMs: number,
  scheduler: Scheduler,
): Promise<Uint8Array | 'too-large' | 'too-slow'> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: TimerHandle;
  const deadline = new Promise<'too-slow'>((resolve) => {
    timer = scheduler.setTimeout(() => resolve('too-slow'), timeoutMs);
  });
  try {
    for (;;) {
      const result = await Promise.race([reader.read(), deadline]);
      if (result === 'too-slow') {
        await reader.cancel().catch(() => undefined);
        return 'too-slow';
      }
      const { done, value } = result;
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } finally {
    scheduler.clearTimeout(timer);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
