import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatStreamFormat } from './chat-event';
import { readChatEvents } from './read-chat-events';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));

/** A body that delivers `bytes` in the given pieces, one read each. */
function streamOf(bytes: Uint8Array, cuts: readonly number[]): ReadableStream<Uint8Array> {
  const points = [0, ...cuts, bytes.length];
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index >= points.length - 1) return controller.close();
      controller.enqueue(bytes.slice(points[index], points[index + 1]));
      index += 1;
    },
  });
}

type PlainEvent =
  | Exclude<ChatEvent, { type: 'error' }>
  | { type: 'error'; error: { name: string; code: string; status?: number | undefined } };

async function collect(body: ReadableStream<Uint8Array>, format: ChatStreamFormat): Promise<PlainEvent[]> {
  const events: PlainEvent[] = [];
  for await (const event of readChatEvents(body, format)) {
    if (event.type === 'error') {
      const { name, code, status } = event.error;
      events.push({ type: 'error', error: { name, code, ...(status === undefined ? {} : { status }) } });
    } else {
      // Drop undefined ids so expectations list only what is there.
      events.push(JSON.parse(JSON.stringify(event)) as PlainEvent);
    }
  }
  return events;
}

/** A small seeded generator, so the random splits are the same on every run. */
function* randomCuts(length: number, seed: number, runs: number): Generator<number[]> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let run = 0; run < runs; run += 1) {
    const cuts = new Set<number>();
    const count = 1 + Math.floor(next() * 12);
    for (let i = 0; i < count; i += 1) cuts.add(1 + Math.floor(next() * (length - 1)));
    yield [...cuts].sort((a, b) => a - b);
  }
}

const chatId = '6f1c2a4e-8b1d-4c47-9a55-0d8a3b2e91f7';
const conversationId = 'c0a8f1e2-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const responseId = '2d0c7f3e-5a61-4b8e-9f0a-7c1e4b2d6a90';

const cases: ReadonlyArray<{ file: string; format: ChatStreamFormat; expected: PlainEvent[] }> = [
  {
    file: 'chat-basic.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' there,' },
      { type: 'text-delta', text: ' how can I help?' },
      { type: 'turn-end', chatId, text: 'Hello there, how can I help?' },
    ],
  },
  {
    file: 'chat-session.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId, sessionId: '0b7e5b0c-1f4e-4d7e-8a53-6c2f9e1d3a44' },
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: ' Alice!' },
      { type: 'turn-end', chatId, sessionId: '0b7e5b0c-1f4e-4d7e-8a53-6c2f9e1d3a44', text: 'Hi Alice!' },
    ],
  },
  {
    file: 'chat-crlf.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Line' },
      { type: 'text-delta', text: ' ends' },
      { type: 'text-delta', text: ' vary' },
      { type: 'turn-end', chatId, text: 'Line ends vary' },
    ],
  },
  {
    file: 'chat-cr.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Carriage' },
      { type: 'text-delta', text: ' returns' },
      { type: 'turn-end', chatId, text: 'Carriage returns' },
    ],
  },
  {
    file: 'chat-utf8.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Bonjour, ça va ? ' },
      { type: 'text-delta', text: '你好，世界。' },
      { type: 'text-delta', text: '👋🏽 ' },
      { type: 'text-delta', text: 'Ünïcödé ✓' },
      { type: 'turn-end', chatId, text: 'Bonjour, ça va ? 你好，世界。👋🏽 Ünïcödé ✓' },
    ],
  },
  {
    file: 'chat-done.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'All' },
      { type: 'text-delta', text: ' done.' },
      { type: 'turn-end', chatId, text: 'All done.' },
    ],
  },
  {
    file: 'chat-final-output.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'The answer' },
      { type: 'text-delta', text: ' is' },
      { type: 'text-delta', text: ' 42.' },
      { type: 'turn-end', chatId, text: 'The answer is 42.' },
    ],
  },
  {
    file: 'chat-final-output-parts.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'The answer' },
      { type: 'text-delta', text: ' is' },
      { type: 'text-delta', text: ' 42.' },
      { type: 'turn-end', chatId, text: 'The answer is 42.' },
    ],
  },
  {
    // A final `output` that cannot be read (an empty list) never erases what was streamed.
    file: 'chat-final-output-empty.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'The answer' },
      { type: 'text-delta', text: ' is 42.' },
      { type: 'turn-end', chatId, text: 'The answer is 42.' },
    ],
  },
  {
    // Nor does a shorter one shorten it.
    file: 'chat-final-output-shorter.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'The answer' },
      { type: 'text-delta', text: ' is 42.' },
      { type: 'turn-end', chatId, text: 'The answer is 42.' },
    ],
  },
  {
    // The final output of a tool turn adds the missing end of output[2], with no stray blank paragraph.
    file: 'chat-multi-output-final.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'text-delta', text: '\n\nYour plan' },
      { type: 'text-delta', text: ' is Pro.' },
      { type: 'turn-end', chatId, text: 'Let me check.\n\nYour plan is Pro.' },
    ],
  },
  {
    // The billing gate inside a 2xx stream, without `error`: the status in the body decides the class.
    file: 'chat-error-billing.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'error', error: { name: 'PaymentRequiredError', code: 'payment-required', status: 402 } },
    ],
  },
  {
    file: 'chat-error-field.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', error: { name: 'UpstreamError', code: 'upstream' } },
    ],
  },
  {
    file: 'chat-error-list.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', error: { name: 'UpstreamError', code: 'upstream' } },
    ],
  },
  {
    file: 'chat-multi-output.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'text-delta', text: '\n\nYour plan' },
      { type: 'text-delta', text: ' is Pro.' },
      { type: 'turn-end', chatId, text: 'Let me check.\n\nYour plan is Pro.' },
    ],
  },
  {
    file: 'chat-unterminated.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'No blank' },
      { type: 'text-delta', text: ' line at the end' },
      { type: 'turn-end', chatId, text: 'No blank line at the end' },
    ],
  },
  {
    file: 'chat-multiline-data.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Split over lines' },
      { type: 'turn-end', chatId, text: 'Split over lines' },
    ],
  },
  {
    file: 'chat-malformed.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', error: { name: 'ProtocolError', code: 'protocol' } },
    ],
  },
  {
    file: 'chat-error-chunk.sse',
    format: 'vapi-chat',
    expected: [
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', error: { name: 'UpstreamError', code: 'upstream', status: 500 } },
    ],
  },
  {
    file: 'responses-basic.sse',
    format: 'vapi-responses',
    expected: [
      { type: 'turn-start' },
      { type: 'text-delta', text: 'Reset it' },
      { type: 'text-delta', text: ' from' },
      { type: 'text-delta', text: ' Settings.' },
      { type: 'turn-end', chatId: responseId, text: 'Reset it from Settings.' },
    ],
  },
  {
    file: 'responses-extras.sse',
    format: 'vapi-responses',
    expected: [
      { type: 'turn-start', chatId: responseId },
      { type: 'text-delta', text: 'Reset it' },
      { type: 'text-delta', text: ' from' },
      { type: 'text-delta', text: ' Settings.' },
      { type: 'turn-end', chatId: responseId, text: 'Reset it from Settings.' },
    ],
  },
  {
    // As Vapi's own OpenAI-compatibility page shows it: `chat.response`, parts of type `text`.
    file: 'responses-docs-shape.sse',
    format: 'vapi-responses',
    expected: [
      { type: 'turn-start' },
      { type: 'text-delta', text: 'Reset it' },
      { type: 'text-delta', text: ' from Settings.' },
      { type: 'turn-end', chatId: responseId, text: 'Reset it from Settings.' },
    ],
  },
  {
    // No response.completed: the turn is finished all the same, with no chain id to give.
    file: 'responses-no-completed.sse',
    format: 'vapi-responses',
    expected: [
      { type: 'turn-start' },
      { type: 'text-delta', text: 'Reset it' },
      { type: 'text-delta', text: ' from Settings.' },
      { type: 'turn-end', text: 'Reset it from Settings.' },
    ],
  },
  {
    file: 'responses-error.sse',
    format: 'vapi-responses',
    expected: [
      { type: 'turn-start' },
      { type: 'text-delta', text: 'Reset' },
      { type: 'error', error: { name: 'UpstreamError', code: 'upstream' } },
    ],
  },
  {
    file: 'responses-cut.sse',
    format: 'vapi-responses',
    expected: [
      { type: 'turn-start' },
      { type: 'text-delta', text: 'Reset it' },
      { type: 'text-delta', text: ' from' },
      { type: 'error', error: { name: 'NetworkError', code: 'network' } },
    ],
  },
  {
    file: 'proxy-basic.sse',
    format: 'proxy',
    expected: [
      { type: 'turn-start', conversationId },
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: ' Alice' },
      { type: 'text-delta', text: '!' },
      { type: 'turn-end', conversationId, text: 'Hi Alice!', messageId: 'm_2' },
    ],
  },
  {
    file: 'proxy-error.sse',
    format: 'proxy',
    expected: [
      { type: 'turn-start', conversationId },
      { type: 'text-delta', text: 'Hi' },
      { type: 'error', error: { name: 'RateLimitedError', code: 'rate-limited', status: 429 } },
    ],
  },
  {
    file: 'proxy-cut.sse',
    format: 'proxy',
    expected: [
      { type: 'turn-start', conversationId },
      { type: 'text-delta', text: 'Hi' },
      { type: 'error', error: { name: 'NetworkError', code: 'network' } },
    ],
  },
];

describe('readChatEvents', () => {
  it.each(cases)('$file in one read', async ({ file, format, expected }) => {
    expect(await collect(streamOf(fixture(file), []), format)).toEqual(expected);
  });

  it.each(cases)('$file split at every byte offset', async ({ file, format, expected }) => {
    const bytes = fixture(file);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(await collect(streamOf(bytes, [cut]), format), `split at ${cut}`).toEqual(expected);
    }
  });

  it.each(cases)(
    '$file one byte per read, and 300 random multi-splits',
    async ({ file, format, expected }) => {
      const bytes = fixture(file);
      const everyByte = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
      expect(await collect(streamOf(bytes, everyByte), format)).toEqual(expected);
      for (const cuts of randomCuts(bytes.length, bytes.length, 300)) {
        expect(await collect(streamOf(bytes, cuts), format), `cuts ${cuts.join(',')}`).toEqual(expected);
      }
    },
  );

  it('keeps every fixture covered: each file under __fixtures__ has a case', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('./__fixtures__/', import.meta.url)).filter((name) =>
      name.endsWith('.sse'),
    );
    expect(files.sort()).toEqual(cases.map((entry) => entry.file).sort());
  });

  it('reports a body that errors mid-stream as a network error after the events already read', async () => {
    const bytes = fixture('chat-basic.sse');
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(bytes.slice(0, 120));
        } else controller.error(new TypeError('terminated'));
      },
    });
    expect(await collect(body, 'vapi-chat')).toEqual([
      { type: 'turn-start', chatId },
      { type: 'text-delta', text: 'Hello' },
      { type: 'error', error: { name: 'NetworkError', code: 'network' } },
    ]);
  });

  it('reports an aborted read as aborted, not as a network failure', async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        controller.abort();
        stream.error(new DOMException('The operation was aborted.', 'AbortError'));
      },
    });
    const events: ChatEvent[] = [];
    for await (const event of readChatEvents(body, 'vapi-chat', { signal: controller.signal }))
      events.push(event);
    expect(events.map((event) => event.type)).toEqual(['error']);
    expect(events[0]?.type === 'error' && events[0].error.code).toBe('aborted');
  });

  it('cancels a body that keeps going when the signal aborts, and reports the stop (not the end of the reply)', async () => {
    const controller = new AbortController();
    const encoder = new TextEncoder();
    let cancelled = 0;
    let pulls = 0;
    // Like an in-process handler: the body ignores the request's signal and never ends by itself.
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        pulls += 1;
        if (pulls > 3) return new Promise<void>(() => undefined);
        stream.enqueue(
          encoder.encode(`data: {"id":"c1","path":"chat.output[0].content","delta":"w${pulls} "}\n\n`),
        );
        return undefined;
      },
      cancel() {
        cancelled += 1;
      },
    });
    const types: string[] = [];
    for await (const event of readChatEvents(body, 'vapi-chat', { signal: controller.signal })) {
      types.push(event.type === 'error' ? event.error.code : event.type);
      if (types.length === 4) controller.abort();
    }
    expect(types).toEqual(['turn-start', 'text-delta', 'text-delta', 'text-delta', 'aborted']);
    expect(cancelled).toBe(1);
  });

  it('an empty body is a reply with no text for Vapi (an error), and a dropped stream for the proxy', async () => {
    expect(await collect(streamOf(new Uint8Array(), []), 'vapi-chat')).toEqual([
      { type: 'error', error: { name: 'ProtocolError', code: 'protocol' } },
    ]);
    expect(await collect(streamOf(new Uint8Array(), []), 'proxy')).toEqual([
      { type: 'error', error: { name: 'NetworkError', code: 'network' } },
    ]);
  });

  it("carries Vapi's message in every in-stream error shape", async () => {
    const messageOf = async (file: string) => {
      for await (const event of readChatEvents(streamOf(fixture(file), []), 'vapi-chat')) {
        if (event.type === 'error') return event.error.message;
      }
      return undefined;
    };
    expect(await messageOf('chat-error-billing.sse')).toBe(
      'Add a payment method to use chat. Pay-as-you-go orgs require a card on file.',
    );
    expect(await messageOf('chat-error-field.sse')).toBe('The model provider timed out');
    expect(await messageOf('chat-error-list.sse')).toBe('The stream was interrupted.');
    expect(await messageOf('chat-error-chunk.sse')).toBe('The model failed');
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = 0;
    const bytes = fixture('chat-basic.sse');
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes);
      },
      cancel() {
        cancelled += 1;
      },
    });
    for await (const event of readChatEvents(body, 'vapi-chat')) {
      if (event.type === 'text-delta') break;
    }
    expect(cancelled).toBe(1);
  });

  it('cancels the body after a malformed payload, and reads nothing more', async () => {
    let cancelled = 0;
    let pulls = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(
          encoder.encode(pulls === 1 ? 'data: nope\n\n' : `data: {"delta":"x${pulls}"}\n\n`),
        );
      },
      cancel() {
        cancelled += 1;
      },
    });
    expect(await collect(body, 'vapi-chat')).toEqual([
      { type: 'error', error: { name: 'ProtocolError', code: 'protocol' } },
    ]);
    expect(cancelled).toBe(1);
  });
});
