import type { ProxyStreamEvent } from '@vapi-chat-kit/core/protocol';
import type { Scheduler, TimerHandle } from '../scheduler/scheduler';
import { isTerminal, type TurnEventSource } from '../turn/turn-event';

export interface SseResponseOptions {
  readonly scheduler: Scheduler;
  /** A `: ping` comment after this much silence. */
  readonly pingIntervalMs: number;
  /** Called once when the stream ends, finished or cancelled by the client. */
  readonly onClose: () => void;
  readonly headers?: Record<string, string>;
}

/**
 * What a Node `ServerResponse` offers an event stream, named structurally: the app imports nothing of
 * Node. `write` takes text, `end` closes the response, `close` fires when the connection goes, whichever
 * side ended it.
 */
export interface EventStreamTarget {
  write(chunk: string): unknown;
  end(): unknown;
  once(event: 'close', listener: () => void): unknown;
}

const encoder = new TextEncoder();
const ping = ': ping\n\n';

/** One SSE event: `event: <name>` and one `data:` line of JSON (JSON has no raw newlines). */
export function formatSseEvent(event: ProxyStreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * Sends a turn's events as SSE text to `write`, the moment each happens (no buffering in the proxy), with a
 * `: ping` after `pingIntervalMs` of silence, and `end`s after `done` or `error`. Returns the stop for a
 * client that went away: it unsubscribes at once (the turn stops its upstream request if no one else is
 * listening). `onClose` is called once either way.
 */
function sendEvents(
  source: TurnEventSource,
  options: SseResponseOptions,
  write: (text: string) => void,
  end: () => void,
): () => void {
  const { scheduler, pingIntervalMs } = options;
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    scheduler.clearTimeout(timer);
    options.onClose();
  };
  // One timer for the whole stream, restarted on each event (in place, where the scheduler can).
  const onSilence = () => {
    if (closed) return;
    write(ping);
    timer = scheduler.setTimeout(onSilence, pingIntervalMs);
  };
  let timer: TimerHandle = scheduler.setTimeout(onSilence, pingIntervalMs);
  const restartTimer = () => {
    if (scheduler.refreshTimeout?.(timer) === true) return;
    scheduler.clearTimeout(timer);
    timer = scheduler.setTimeout(onSilence, pingIntervalMs);
  };
  const unsubscribe = source((event) => {
    if (closed) return;
    write(formatSseEvent(event));
    if (!isTerminal(event)) {
      restartTimer();
      return;
    }
    finish();
    end();
  });
  return () => {
    finish();
    unsubscribe();
  };
}

/** Where the text of an event stream goes once someone reads it. */
interface EventTextSink {
  write(text: string): unknown;
  end(): unknown;
}

/**
 * The body of a `text/event-stream` response fed by a turn. Any runtime reads it as a web stream; a Node
 * server may instead hand it its response ({@link TurnEventStream.writeTo}) and get the same text written
 * straight to the socket, with no web stream and no encoding step per delta between the turn and the socket.
 *
 * It subscribes to the turn at once (so a client that goes away before reading still stops it), and holds
 * the text of the events until its reader is known: the stream is lazy (high-water mark 0), so nothing
 * reads it until someone asks.
 */
export class TurnEventStream extends ReadableStream<Uint8Array> {
  readonly #claim: (sink: EventTextSink) => boolean;
  readonly #stop: () => void;

  constructor(source: TurnEventSource, options: SseResponseOptions) {
    let sink: EventTextSink | undefined;
    const held: string[] = [];
    let ended = false;
    const stop = sendEvents(
      source,
      options,
      (text) => (sink ? sink.write(text) : held.push(text)),
      () => (sink ? sink.end() : (ended = true)),
    );
    const claim = (reader: EventTextSink) => {
      if (sink) return false;
      sink = reader;
      for (const text of held.splice(0)) reader.write(text);
      if (ended) reader.end();
      return true;
    };
    super(
      {
        pull(controller) {
          claim({
            write: (text) => controller.enqueue(encoder.encode(text)),
            end: () => controller.close(),
          });
        },
        cancel: stop,
      },
      { highWaterMark: 0 },
    );
    this.#claim = claim;
    this.#stop = stop;
  }

  /**
   * Writes the events to a Node response whose head is written already, instead of being read: returns
   * `false` (and writes nothing) if the stream was read first. The response closing, whichever side ends it,
   * ends the stream as cancelling it would.
   *
   * @example
   * if (!body.locked) { outgoing.writeHead(200, headers); body.writeTo(outgoing); }
   */
  writeTo(target: EventStreamTarget): boolean {
    if (!this.#claim(target)) return false;
    target.once('close', this.#stop);
    return true;
  }
}

/**
 * A `text/event-stream` response fed by a turn's events (see {@link TurnEventStream}). Each event is sent the
 * moment it happens; a `: ping` keeps idle connections (and the proxies between) open; the stream closes
 * after `done` or `error`. When the client goes away the runtime cancels the body, which unsubscribes at
 * once, and the turn stops its upstream request if no one else is listening.
 */
export function sseResponse(source: TurnEventSource, options: SseResponseOptions): Response {
  return new Response(new TurnEventStream(source, options), {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // Tells nginx-style proxies not to hold the stream back.
      'X-Accel-Buffering': 'no',
      ...options.headers,
    },
  });
}
