import { AbortedError } from '../errors/aborted-error';
import { NetworkError } from '../errors/network-error';
import { ProtocolError } from '../errors/protocol-error';
import { readSseBatches, SseReadError } from '../sse/read-sse';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent, ChatStreamFormat } from './chat-event';
import { ProxyStreamParser } from './proxy-stream-parser';
import { VapiChatStreamParser } from './vapi-chat-stream-parser';
import { VapiResponsesStreamParser } from './vapi-responses-stream-parser';

export interface ReadChatEventsOptions {
  /** The request's signal: when it has fired, a read failure is reported as `aborted`, not `network`. */
  readonly signal?: AbortSignal | undefined;
}

interface StreamParser {
  push(message: SseMessage): ChatEvent[];
  end(): ChatEvent[];
}

function createParser(format: ChatStreamFormat): StreamParser {
  switch (format) {
    case 'vapi-chat':
      return new VapiChatStreamParser();
    case 'vapi-responses':
      return new VapiResponsesStreamParser();
    case 'proxy':
      return new ProxyStreamParser();
    default:
      return format satisfies never;
  }
}

/**
 * Reads a streamed reply as {@link ChatEvent}s: bytes → streaming UTF-8 → SSE → the wire format's parser.
 * Correct for any split of the byte stream. It never throws: a malformed payload, a dropped connection or
 * an abort becomes one final `error` event, after the events already read (so a partial reply is kept).
 * Breaking out of the loop cancels the body.
 *
 * @param format `'vapi-chat'` for `POST /chat` and `/chat/web`, `'vapi-responses'` for `/chat/responses`,
 *   `'proxy'` for our proxy's `/v1/chat/stream`.
 * @example
 * const response = await fetch(`${base}/chat`, { method: 'POST', headers, body, signal });
 * for await (const event of readChatEvents(response.body!, 'vapi-chat', { signal })) render(event);
 */
export async function* readChatEvents(
  body: ReadableStream<Uint8Array>,
  format: ChatStreamFormat,
  options: ReadChatEventsOptions = {},
): AsyncGenerator<ChatEvent, void, undefined> {
  const parser = createParser(format);
  const { signal } = options;
  try {
    for await (const messages of readSseBatches(body, signal)) {
      for (const message of messages) {
        for (const event of parser.push(message)) {
          yield event;
          if (event.type === 'error') return;
        }
      }
    }
  } catch (cause) {
    yield { type: 'error', error: readFailure(cause, signal) };
    return;
  }
  // A body cancelled by an abort ends like a complete one: that is a stop, not the end of the reply.
  if (signal?.aborted) {
    yield { type: 'error', error: new AbortedError(undefined, { cause: signal.reason }) };
    return;
  }
  yield* parser.end();
}

function readFailure(cause: unknown, signal: AbortSignal | undefined) {
  if (signal?.aborted || isAbortError(cause)) return new AbortedError(undefined, { cause });
  if (cause instanceof SseReadError && cause.failure.kind === 'overflow') {
    return new ProtocolError(cause.message, { cause });
  }
  return new NetworkError('The connection dropped before the reply finished', { cause });
}

function isAbortError(error: unknown): boolean {
  const inner = error instanceof SseReadError ? error.cause : error;
  return typeof inner === 'object' && inner !== null && (inner as { name?: unknown }).name === 'AbortError';
}
