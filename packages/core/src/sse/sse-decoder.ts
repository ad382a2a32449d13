import { createParser, type EventSourceParser } from 'eventsource-parser';

/** One server-sent event. `event` is absent for the default type (`message`). */
export interface SseMessage {
  readonly event: string | undefined;
  readonly data: string;
  readonly id: string | undefined;
}

/** The largest event the decoder buffers before giving up (characters). A reply is far smaller. */
export const sseMaxEventSize = 4 * 1024 * 1024;

/**
 * Text in, events out: a pure `push`/`flush` class over eventsource-parser (spec-conformant: LF, CR
 * and CRLF line ends, a CRLF split across two pushes, BOM, comments, `event:`/`id:`/`retry:`, multi-line
 * `data`). Text must already be decoded; see {@link readSse} for bytes.
 */
export class SseDecoder {
  readonly #parser: EventSourceParser;
  #pending: SseMessage[] = [];
  #overflow = false;

  constructor() {
    this.#parser = createParser({
      onEvent: (event) => {
        this.#pending.push({ event: event.event, data: event.data, id: event.id });
      },
      onError: (error) => {
        // Unknown fields and a bad `retry:` are ignored, as the SSE spec says; only overflow is fatal.
        if (error.type === 'max-buffer-size-exceeded') this.#overflow = true;
      },
      maxBufferSize: sseMaxEventSize,
    });
  }

  /** True once an event outgrew {@link sseMaxEventSize}; nothing more is decoded after that. */
  get overflowed(): boolean {
    return this.#overflow;
  }

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseMessage[] {
    if (this.#overflow || text === '') return [];
    this.#parser.feed(text);
    return this.#take();
  }

  /**
   * Ends the input. Unlike the SSE spec, which drops an unterminated last event, this dispatches it:
   * a server that closes right after `data: {...}` without the blank line still meant that event.
   */
  flush(): SseMessage[] {
    if (this.#overflow) return [];
    this.#parser.feed('\n\n');
    return this.#take();
  }

  #take(): SseMessage[] {
    const events = this.#pending;
    this.#pending = [];
    return this.#overflow ? [] : events;
  }
}
