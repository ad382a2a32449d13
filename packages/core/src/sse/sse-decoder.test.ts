import { readdirSync, readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { readSse } from './read-sse';
import { SseDecoder, sseMaxEventSize, type SseMessage } from './sse-decoder';

/** eventsource-parser, which the decoder replaced, as the oracle: same input, same events. */
function oracle(pieces: readonly string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createParser({
    onEvent: (event) => messages.push({ event: event.event, data: event.data, id: event.id }),
  });
  for (const piece of pieces) parser.feed(piece);
  parser.feed('\n\n');
  return messages;
}

function decode(pieces: readonly string[]): SseMessage[] {
  const decoder = new SseDecoder();
  return [...pieces.flatMap((piece) => decoder.push(piece)), ...decoder.flush()];
}

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitAt(text: string, next: () => number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const size = 1 + Math.floor(next() * 24);
    pieces.push(text.slice(start, start + size));
    start += size;
  }
  return pieces;
}

const fixtures = new URL('../protocol/__fixtures__/', import.meta.url);

describe('SseDecoder', () => {
  it('decodes events, names and ids, ignoring comments and retry', () => {
    const decoder = new SseDecoder();
    expect(
      decoder.push(': ping\n\nretry: 10\nevent: delta\nid: 7\ndata: {"text":"a"}\n\ndata: b\n\n'),
    ).toEqual([
      { event: 'delta', id: '7', data: '{"text":"a"}' },
      { event: undefined, id: undefined, data: 'b' },
    ]);
  });

  it('joins multi-line data with a line feed', () => {
    expect(new SseDecoder().push('data: one\ndata: two\n\n')).toEqual([
      { event: undefined, id: undefined, data: 'one\ntwo' },
    ]);
  });

  it('holds a CRLF split across two pushes as one line end, and ends a line at a CR without waiting', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: x\r')).toEqual([]);
    expect(decoder.push('\n')).toEqual([]);
    expect(decoder.push('\r')).toEqual([{ event: undefined, id: undefined, data: 'x' }]);
    expect(decoder.push('\ndata: y\n\n')).toEqual([{ event: undefined, id: undefined, data: 'y' }]);
  });

  it('dispatches an unterminated last event on flush, and only once', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: last')).toEqual([]);
    expect(decoder.flush()).toEqual([{ event: undefined, id: undefined, data: 'last' }]);
    expect(decoder.flush()).toEqual([]);
  });

  it('gives up on an event larger than the limit instead of buffering without end', () => {
    const decoder = new SseDecoder();
    decoder.push(`data: ${'x'.repeat(sseMaxEventSize + 10)}`);
    expect(decoder.overflowed).toBe(true);
    expect(decoder.push('\n\ndata: after\n\n')).toEqual([]);
  });
});

describe('SseDecoder against eventsource-parser', () => {
  const files = readdirSync(fixtures).filter((name) => name.endsWith('.sse'));

  it.each(files)('decodes %s as the library does, whole and in random pieces', (name) => {
    const text = readFileSync(new URL(name, fixtures), 'utf8');
    const expected = oracle([text]);
    expect(expected.length).toBeGreaterThan(0);
    expect(decode([text])).toEqual(expected);
    const next = random(name.length);
    for (let run = 0; run < 50; run += 1) expect(decode(splitAt(text, next))).toEqual(expected);
  });

  it('agrees on 500 generated streams of every line end, field and comment', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const lines = [
      'data: a',
      'data:b',
      'data',
      'data:  two spaces',
      'event: delta',
      'event:',
      'id: 4',
      'id: x\0y',
      'retry: 5',
      'retry: x',
      ': comment',
      ':',
      'unknown: 1',
      'nocolon',
      '',
      '',
      'data: é👋 {"k":"v"}',
    ];
    const ends = ['\n', '\r', '\r\n'];
    for (let stream = 0; stream < 500; stream += 1) {
      let text = next() < 0.1 ? '\uFEFF' : '';
      const count = 1 + Math.floor(next() * 12);
      for (let line = 0; line < count; line += 1) text += pick(lines) + pick(ends);
      // The library reads U+FEFF as part of the first field name; the standard strips it (ours too).
      const expected = oracle([text.replace(/^\uFEFF/, '')]);
      expect(decode([text])).toEqual(expected);
      expect(decode(splitAt(text, next))).toEqual(expected);
      expect(decode([...text])).toEqual(expected);
    }
  });
});

describe('readSse', () => {
  it('keeps a UTF-8 character whole when its bytes arrive in separate reads, and drops a BOM', async () => {
    const bytes = new TextEncoder().encode('\uFEFFdata: é👋\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    const messages = [];
    for await (const message of readSse(body)) messages.push(message.data);
    expect(messages).toEqual(['é👋']);
  });
});
