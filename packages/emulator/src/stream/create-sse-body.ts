import type { FaultPlan } from '../fault/fault-plan';
import { abortableSleep } from './abortable-sleep';
import { formatSseEvent } from './format-sse-event';
import type { GenerationTracker } from './generation-tracker';
import type { OutgoingEvent } from './outgoing-event';

/** Inputs of {@link createSseBody}. */
export interface SseBodyOptions {
  /** Every event of the turn, deltas first, then any terminal events. */
  readonly events: readonly OutgoingEvent[];
  /** The request's effective faults and framing. */
  readonly plan: FaultPlan;
  /** The event written when `cutMode` is `error-event`, given how many events were written before it. */
  readonly errorEvent: (eventsWritten: number) => OutgoingEvent;
  /** The request's signal: aborts when the client disconnects. */
  readonly signal: AbortSignal;
  readonly tracker: GenerationTracker;
  /** Called once if the stream does not end normally: cut, stalled, or left by its client. */
  readonly onIncomplete?: (() => void) | undefined;
}

const encoder = new TextEncoder();

/**
 * Builds the body of a streamed turn. By default each event is one write and the body closes after
 * the last one. The plan adds pacing, cuts, stalls, extra framing and split writes. When the client
 * disconnects (request signal) or cancels the body, every timer stops at once.
 *
 * @example
 * return new Response(createSseBody({ events, plan, errorEvent, signal: c.req.raw.signal, tracker }), { headers: sseHeaders });
 */
export function createSseBody(options: SseBodyOptions): ReadableStream<Uint8Array> {
  const { events, plan, errorEvent, signal, tracker } = options;
  // Settled: `complete` once every event was written, `incomplete` once the stream was cut or left.
  let settled = false;
  const markIncomplete = (): void => {
    if (settled) return;
    settled = true;
    options.onIncomplete?.();
  };
  const internal = new AbortController();
  const onClientGone = (): void => internal.abort();
  const release = tracker.begin();
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  const framing = {
    eventLines: plan.eventLines ?? false,
    idLines: plan.idLines ?? false,
    crlf: plan.crlf ?? false,
  };
  const lineEnd = framing.crlf ? '\r\n' : '\n';

  const finish = (): void => {
    if (pingTimer !== undefined) clearInterval(pingTimer);
    signal.removeEventListener('abort', onClientGone);
    release();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      // Work stops before the body ends, so a reader that sees the end also sees no work left.
      const end = (): void => {
        finish();
        controller.close();
      };
      const fail = (error: Error): void => {
        finish();
        controller.error(error);
      };
      const write = (text: string): void => {
        if (internal.signal.aborted) return;
        const bytes = encoder.encode(text);
        const size = plan.splitBytes !== undefined && plan.splitBytes > 0 ? plan.splitBytes : bytes.length;
        for (let offset = 0; offset < bytes.length; offset += size) {
          controller.enqueue(bytes.slice(offset, offset + size));
        }
      };

      const run = async (): Promise<void> => {
        if (plan.retryMs !== undefined) write(`retry: ${plan.retryMs}${lineEnd}${lineEnd}`);
        if (plan.pingMs !== undefined && plan.pingMs > 0) {
          pingTimer = setInterval(() => write(`: ping${lineEnd}${lineEnd}`), plan.pingMs);
        }
        let eventNumber = 0;
        let deltas = 0;
        let deltasOver = false;

        // Called before each delta and once after the last one: the points where a stall or a cut
        // can happen, so `cut-after=N` with fewer than N deltas still drops the terminal events.
        const checkpoint = async (nextEvent: OutgoingEvent | undefined): Promise<'go' | 'stop'> => {
          const atEnd = nextEvent === undefined;
          if (plan.stallAfter !== undefined && (deltas >= plan.stallAfter || atEnd)) {
            markIncomplete();
            await new Promise<void>((resolve) => {
              if (internal.signal.aborted) resolve();
              else internal.signal.addEventListener('abort', () => resolve(), { once: true });
            });
            fail(new DOMException('The client disconnected.', 'AbortError'));
            return 'stop';
          }
          if (plan.cutAfter !== undefined && (deltas >= plan.cutAfter || atEnd)) {
            markIncomplete();
            const mode = plan.cutMode ?? 'close';
            if (mode === 'error-event') {
              eventNumber += 1;
              write(formatSseEvent(errorEvent(eventNumber - 1), eventNumber, framing));
              end();
            } else if (mode === 'reset') {
              // Half an event, then a broken body: a connection reset in the middle of an event.
              const partial = formatSseEvent(nextEvent ?? errorEvent(eventNumber), eventNumber + 1, framing);
              write(partial.slice(0, Math.ceil(partial.length / 2)));
              // Erroring a stream drops what is still queued, so let the reader take the half
              // event first, as a socket would have delivered it before the reset.
              while (controller.desiredSize !== null && controller.desiredSize < 1) {
                if (!(await abortableSleep(1, internal.signal))) return 'stop';
              }
              fail(new Error('emulator: connection reset (cut-mode=reset)'));
            } else {
              end();
            }
            return 'stop';
          }
          return 'go';
        };

        // Events before the first delta (OpenAI-style preambles) are not a checkpoint; the first
        // event after the last delta is.
        const lastDeltaIndex = events.findLastIndex((event) => event.isDelta);
        for (const [index, event] of events.entries()) {
          if (event.isDelta) {
            if ((await checkpoint(event)) === 'stop') return;
            const delay = plan.deltaDelayMs ?? 0;
            if (delay > 0 && !(await abortableSleep(delay, internal.signal))) break;
            deltas += 1;
          } else if (index > lastDeltaIndex && !deltasOver) {
            deltasOver = true;
            if ((await checkpoint(undefined)) === 'stop') return;
          }
          if (internal.signal.aborted) break;
          eventNumber += 1;
          const framed = formatSseEvent(event, eventNumber, framing);
          // The last event without the line end and blank line that should close it (reference §15).
          const unterminated = plan.unterminatedLastEvent === true && index === events.length - 1;
          write(unterminated ? framed.replace(/(\r?\n)+$/, '') : framed);
        }
        if (!deltasOver && !internal.signal.aborted && (await checkpoint(undefined)) === 'stop') return;
        if (internal.signal.aborted) {
          markIncomplete();
          // The client left: error the body so an in-process reader does not wait forever.
          fail(new DOMException('The client disconnected.', 'AbortError'));
          return;
        }
        settled = true;
        end();
      };

      if (signal.aborted) internal.abort();
      else signal.addEventListener('abort', onClientGone, { once: true });
      run()
        .catch(() => {
          // enqueue/close after a cancel throws; the body is gone, nothing is left to report.
        })
        .finally(finish);
    },
    cancel() {
      internal.abort();
      markIncomplete();
      finish();
    },
  });
}
