/** One parsed SSE event, or a comment (`: ping`). */
export type SseItem =
  { readonly event: string; readonly data: Record<string, unknown> } | { readonly comment: string };

/** Parses a whole SSE text into events and comments, in order. */
export function parseSse(text: string): SseItem[] {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      if (block.startsWith(':')) return { comment: block.slice(1).trim() };
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

/** Only the events, as `[name, data]` pairs, for compact assertions. */
export function eventsOf(text: string): [string, Record<string, unknown>][] {
  return parseSse(text).flatMap((item) =>
    'event' in item ? [[item.event, item.data] as [string, Record<string, unknown>]] : [],
  );
}

/** Reads a stream event by event, so a test can act in the middle of a reply. */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  /** The next event or comment; `undefined` at the end of the body. */
  async next(): Promise<SseItem | undefined> {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = this.#buffer.slice(0, end + 2);
        this.#buffer = this.#buffer.slice(end + 2);
        return parseSse(block)[0];
      }
      const { done, value } = await this.#reader.read();
      if (done) return undefined;
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
  }

  /** Reads until an event (not a comment) arrives. */
  async nextEvent(): Promise<{ event: string; data: Record<string, unknown> } | undefined> {
    for (;;) {
      const item = await this.next();
      if (item === undefined || 'event' in item) return item;
    }
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel();
  }
}
