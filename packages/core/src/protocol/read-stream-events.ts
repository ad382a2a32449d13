import { AbortedError } from '../errors/aborted-error';
import { NetworkError } from '../errors/network-error';
import { ProtocolError } from '../errors/protocol-error';
import { readSseBatches, SseReadError } from '../sse/read-sse';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent } from './chat-event';

export interface ReadChatEventsOptions {
  /** The request's signal: when it has fired, a read failure is reported as `aborted`, not `network`. */
  readonly signal?: AbortSignal | undefined;
}

/** One wire format's parser: SSE messages in, chat events out; `end` when the body closes. */
export interface StreamParser {
  push(message: SseMessage): ChatEvent[];
  end(): ChatEvent[];
}

/**
 * {@link readChatEvents} with the parser given rather than named: a transport passes its own format's
 * parser, so an app's bundle carries only that one.
 */
export async function* readStreamEvents(
  body: ReadableStream<Uint8Array>,
  parser: StreamParser,
  options: ReadChatEventsOptions = {},
): AsyncGenerator<ChatEvent, void, undefined> {
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
