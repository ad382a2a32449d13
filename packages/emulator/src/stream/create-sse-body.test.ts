import { describe, expect, it } from 'vitest';
import type { FaultPlan } from '../fault/fault-plan';
import { createSseBody } from './create-sse-body';
import { GenerationTracker } from './generation-tracker';
import type { OutgoingEvent } from './outgoing-event';

const deltas: OutgoingEvent[] = ['Prix ', '€12 ', '✓ ', 'fin'].map((delta) => ({
  data: JSON.stringify({ id: 'c1', path: 'chat.output[0].content', delta }),
  name: 'delta',
  isDelta: true,
}));
const done: OutgoingEvent = { data: '[DONE]', name: 'done', isDelta: false };
const errorEvent = (): OutgoingEvent => ({ data: '{"message":"boom"}', name: 'error', isDelta: false });

async function readChunks(body: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return chunks;
}

function joinText(chunks: readonly Uint8Array[]): string {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

function body(
  plan: FaultPlan,
  events: readonly OutgoingEvent[] = [...deltas, done],
  signal = new AbortController().signal,
) {
  const tracker = new GenerationTracker();
  return { tracker, stream: createSseBody({ events, plan, errorEvent, signal, tracker }) };
}

describe('createSseBody', () => {
  it('writes one chunk per event, data: lines only, and closes', async () => {
    const { stream, tracker } = body({});
    const chunks = await readChunks(stream);
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk))).toEqual([
      'data: {"id":"c1","path":"chat.output[0].content","delta":"Prix "}\n\n',
      'data: {"id":"c1","path":"chat.output[0].content","delta":"€12 "}\n\n',
      'data: {"id":"c1","path":"chat.output[0].content","delta":"✓ "}\n\n',
      'data: {"id":"c1","path":"chat.output[0].content","delta":"fin"}\n\n',
      'data: [DONE]\n\n',
    ]);
    expect(tracker.active).toBe(0);
  });

  it('writes one byte per write with split=1, cutting inside "data: " and inside multi-byte characters', async () => {
    const whole = joinText(await readChunks(body({}).stream));
    const chunks = await readChunks(body({ splitBytes: 1 }).stream);
    expect(chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(chunks.length).toBe(new TextEncoder().encode(whole).length);
    expect(joinText(chunks)).toBe(whole);
    expect(new TextDecoder().decode(chunks[0])).toBe('d');
    // '€' is three bytes: a lone lead byte proves a write ended inside the character.
    expect(chunks.some((chunk) => chunk[0] === 0xe2)).toBe(true);
  });

  it('splits at a fixed size that lands inside a multi-byte character', async () => {
    const chunks = await readChunks(body({ splitBytes: 10 }).stream);
    expect(chunks.every((chunk) => chunk.length <= 10)).toBe(true);
    // A chunk that starts with a UTF-8 continuation byte began in the middle of a character.
    expect(chunks.some((chunk) => chunk[0]! >= 0x80 && chunk[0]! <= 0xbf)).toBe(true);
  });

  it('frames with event: and id: lines, a retry: block and CRLF line ends', async () => {
    const text = joinText(
      await readChunks(body({ eventLines: true, idLines: true, retryMs: 3000, crlf: true }).stream),
    );
    expect(text.startsWith('retry: 3000\r\n\r\nid: 1\r\nevent: delta\r\ndata: {"id":"c1"')).toBe(true);
    expect(text.endsWith('id: 5\r\nevent: done\r\ndata: [DONE]\r\n\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false);
  });

  it('closes after N deltas with cut-after, dropping the terminal events', async () => {
    const text = joinText(await readChunks(body({ cutAfter: 2 }).stream));
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(2);
    expect(text).not.toContain('[DONE]');
  });

  it('drops the terminal events when cut-after is beyond the last delta', async () => {
    const text = joinText(await readChunks(body({ cutAfter: 10 }).stream));
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(4);
    expect(text).not.toContain('[DONE]');
  });

  it('writes an error event at the cut with cut-mode=error-event', async () => {
    const text = joinText(await readChunks(body({ cutAfter: 1, cutMode: 'error-event' }).stream));
    expect(text.split('\n\n').filter(Boolean)).toEqual([
      'data: {"id":"c1","path":"chat.output[0].content","delta":"Prix "}',
      'data: {"message":"boom"}',
    ]);
  });

  it('breaks the body in the middle of an event with cut-mode=reset', async () => {
    const { stream, tracker } = body({ cutAfter: 1, cutMode: 'reset' });
    const reader = stream.getReader();
    const received: string[] = [];
    const decoder = new TextDecoder();
    let failure: unknown;
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        received.push(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    const text = received.join('');
    expect(
      text.startsWith('data: {"id":"c1","path":"chat.output[0].content","delta":"Prix "}\n\ndata: {'),
    ).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(tracker.active).toBe(0);
  });

  it('stalls after N deltas until the client leaves, then stops all work', async () => {
    const client = new AbortController();
    const { stream, tracker } = body({ stallAfter: 2 }, [...deltas, done], client.signal);
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    expect(tracker.active).toBe(1);
    client.abort();
    await expect(reader.read()).rejects.toThrow('The client disconnected.');
    expect(tracker.active).toBe(0);
  });

  it('stops pacing timers at once when the body is cancelled', async () => {
    const { stream, tracker } = body({ deltaDelayMs: 60_000 });
    const reader = stream.getReader();
    expect(tracker.active).toBe(1);
    await reader.cancel();
    expect(tracker.active).toBe(0);
  });

  it('writes : ping comments while stalled', async () => {
    const client = new AbortController();
    const { stream, tracker } = body({ stallAfter: 0, pingMs: 1 }, deltas, client.signal);
    const reader = stream.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe(': ping\n\n');
    client.abort();
    await expect(reader.read()).rejects.toThrow();
    expect(tracker.active).toBe(0);
  });
});
