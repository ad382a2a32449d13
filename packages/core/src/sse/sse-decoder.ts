/** One server-sent event. `event` is absent for the default type (`message`). */
export interface SseMessage {
  readonly event: string | undefined;
  readonly data: string;
  readonly id: string | undefined;
}

/** The largest event the decoder buffers before giving up (characters). A reply is far smaller. */
export const sseMaxEventSize = 4 * 1024 * 1024;

const lineFeed = 10;
const carriageReturn = 13;
const colon = 58;
const space = 32;

/**
 * Text in, events out: a pure `push`/`flush` class implementing the SSE parsing rules of the HTML standard
 * (LF, CR and CRLF line ends, a CRLF split across two pushes, a leading BOM, comments, `event:`/`id:`,
 * multi-line `data`; `retry:` and unknown fields are ignored, since reconnecting is not this decoder's job).
 * Text must already be decoded; see {@link readSse} for bytes.
 *
 * Written here rather than taken from eventsource-parser (which it replaced, and which its tests still use
 * as the oracle): `bench/size` showed that library to be about 1.2 KB of the 8 KB gzip budget of
 * `useVapiChat` + a transport, against about 0.3 KB for this class; `bench/sse` shows no loss of speed.
 */
export class SseDecoder {
  /** The unfinished line carried over from the previous push. */
  #line = '';
  #data: string | undefined;
  #event: string | undefined;
  #id: string | undefined;
  /** The last push ended with CR: a LF opening the next one belongs to that line end. */
  #skipLineFeed = false;
  #started = false;
  #overflow = false;

  /** True once an event outgrew {@link sseMaxEventSize}; nothing more is decoded after that. */
  get overflowed(): boolean {
    return this.#overflow;
  }

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseMessage[] {
    if (this.#overflow || text === '') return [];
    const messages: SseMessage[] = [];
    let start = 0;
    if (!this.#started) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    if (this.#skipLineFeed) {
      this.#skipLineFeed = false;
      if (text.charCodeAt(start) === lineFeed) start += 1;
    }
    // Each terminator is searched for once per chunk, so a chunk is scanned in linear time.
    let nextLineFeed = text.indexOf('\n', start);
    let nextCarriageReturn = text.indexOf('\r', start);
    while (nextLineFeed !== -1 || nextCarriageReturn !== -1) {
      const end =
        nextCarriageReturn === -1 || (nextLineFeed !== -1 && nextLineFeed < nextCarriageReturn)
          ? nextLineFeed
          : nextCarriageReturn;
      const line = text.slice(start, end);
      this.#field(this.#line === '' ? line : this.#line + line, messages);
      this.#line = '';
      start = end + 1;
      if (text.charCodeAt(end) === carriageReturn) {
        if (start === text.length) this.#skipLineFeed = true;
        else if (text.charCodeAt(start) === lineFeed) start += 1;
      }
      if (nextLineFeed !== -1 && nextLineFeed < start) nextLineFeed = text.indexOf('\n', start);
      if (nextCarriageReturn !== -1 && nextCarriageReturn < start) {
        nextCarriageReturn = text.indexOf('\r', start);
      }
    }
    if (start < text.length) this.#line += text.slice(start);
    if (this.#line.length + (this.#data?.length ?? 0) > sseMaxEventSize) {
      this.#overflow = true;
      return [];
    }
    return messages;
  }

  /**
   * Ends the input. Unlike the SSE spec, which drops an unterminated last event, this dispatches it:
   * a server that closes right after `data: {...}` without the blank line still meant that event.
   */
  flush(): SseMessage[] {
    return this.push('\n\n');
  }

  /** One complete line: a field of the event being built, a comment, or the blank line that ends it. */
  #field(line: string, messages: SseMessage[]): void {
    if (line === '') {
      if (this.#data !== undefined) messages.push({ event: this.#event, data: this.#data, id: this.#id });
      this.#data = undefined;
      this.#event = undefined;
      this.#id = undefined;
      return;
    }
    if (line.charCodeAt(0) === colon) return;
    const at = line.indexOf(':');
    const name = at === -1 ? line : line.slice(0, at);
    const value = at === -1 ? '' : line.slice(line.charCodeAt(at + 1) === space ? at + 2 : at + 1);
    if (name === 'data') this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    else if (name === 'event') this.#event = value === '' ? undefined : value;
    else if (name === 'id' && !value.includes('\0')) this.#id = value;
  }
}
