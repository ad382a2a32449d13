import { describe, expect, it } from 'vitest';
import { readSse } from './read-sse';
import { SseDecoder, sseMaxEventSize } from './sse-decoder';

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

  it('holds a CRLF split across two pushes as one line end', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: x\r')).toEqual([]);
    expect(decoder.push('\n\r')).toEqual([]);
    expect(decoder.push('\n')).toEqual([{ event: undefined, id: undefined, data: 'x' }]);
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
