import type { ChatEvent, ChatStreamFormat } from './chat-event';
import { ProxyStreamParser } from './proxy-stream-parser';
import { readStreamEvents, type ReadChatEventsOptions, type StreamParser } from './read-stream-events';
import { VapiChatStreamParser } from './vapi-chat-stream-parser';
import { VapiResponsesStreamParser } from './vapi-responses-stream-parser';

export type { ReadChatEventsOptions } from './read-stream-events';

function createParser(format: ChatStreamFormat): StreamParser {
  switch (format) {
    case 'vapi-chat':
      return new VapiChatStreamParser();
    case 'vapi-responses':
      return new VapiResponsesStreamParser();
    case 'proxy':
      return new ProxyStreamParser();
    default:
      return format satisfies never;
  }
}

/**
 * Reads a streamed reply as {@link ChatEvent}s: bytes → streaming UTF-8 → SSE → the wire format's parser.
 * Correct for any split of the byte stream. It never throws: a malformed payload, a dropped connection or
 * an abort becomes one final `error` event, after the events already read (so a partial reply is kept).
 * Breaking out of the loop cancels the body.
 *
 * @param format `'vapi-chat'` for `POST /chat` and `/chat/web`, `'vapi-responses'` for `/chat/responses`,
 *   `'proxy'` for our proxy's `/v1/chat/stream`.
 * @example
 * const response = await fetch(`${base}/chat`, { method: 'POST', headers, body, signal });
 * for await (const event of readChatEvents(response.body!, 'vapi-chat', { signal })) render(event);
 */
export function readChatEvents(
  body: ReadableStream<Uint8Array>,
  format: ChatStreamFormat,
  options: ReadChatEventsOptions = {},
): AsyncGenerator<ChatEvent, void, undefined> {
  return readStreamEvents(body, createParser(format), options);
}
