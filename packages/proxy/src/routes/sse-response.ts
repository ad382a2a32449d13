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

const encoder = new TextEncoder();
const ping = encoder.encode(': ping\n\n');

/** One SSE event: `event: <name>` and one `data:` line of JSON (JSON has no raw newlines). */
export function formatSseEvent(event: ProxyStreamEvent): Uint8Array {
  return encoder.encode(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

/**
 * A `text/event-stream` response fed by a turn's events. Each event is enqueued the moment it happens (no
 * buffering in the proxy); a `: ping` keeps idle connections (and the proxies between) open; the stream
 * closes after `done` or `error`. When the client goes away the runtime cancels the body, which
 * unsubscribes at once, and the turn stops its upstream request if no one else is listening.
 */
export function sseResponse(source: TurnEventSource, options: SseResponseOptions): Response {
  const { scheduler, pingIntervalMs } = options;
  let timer: TimerHandle;
  let unsubscribe: (() => void) | undefined;
  let closed = false;

  const finish = () => {
    if (closed) return false;
    closed = true;
    scheduler.clearTimeout(timer);
    options.onClose();
    return true;
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // One callback for every re-arm: the timer restarts on each event, so it allocates no closure per delta.
      const onSilence = () => {
        if (closed) return;
        controller.enqueue(ping);
        arm();
      };
      const arm = () => {
        scheduler.clearTimeout(timer);
        timer = scheduler.setTimeout(onSilence, pingIntervalMs);
      };
      let ended = false;
      unsubscribe = source((event) => {
        if (closed || ended) return;
        controller.enqueue(formatSseEvent(event));
        if (isTerminal(event)) {
          ended = true;
          finish();
          controller.close();
        } else arm();
      });
      if (!ended) arm();
    },
    cancel() {
      finish();
      unsubscribe?.();
    },
  });

  return new Response(body, {
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
