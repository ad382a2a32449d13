import type { VapiChatError } from '../errors/vapi-chat-error';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent } from './chat-event';
import { parseJsonObject, stringField } from './parse-json';
import { emptyReplyError, outputText, ReplyText } from './reply-text';
import { errorFromVapiChunk } from './vapi-error';

const contentPath = /^chat\.output\[(\d+)\]\.content$/;

/**
 * Parses the SSE stream of `POST /chat` and `POST /chat/web` (reference §4): `data: {id, sessionId?, path,
 * delta}`. The turn ends when the body closes ({@link end}). Also accepts what Vapi does not document but
 * clients have met (reference §15): `data: [DONE]`; a final chunk carrying a whole `output` as a string, as
 * messages or as content parts (it only ever adds what the deltas missed: it never shortens or erases the
 * streamed text); an error chunk in any body shape, with or without `statusCode`, as a typed error with
 * Vapi's message; deltas of any `chat.output[N]`, not only the first. A turn with no text is an error.
 */
export class VapiChatStreamParser {
  readonly #reply = new ReplyText();
  #started = false;
  #stopped = false;
  #chatId: string | undefined;
  #sessionId: string | undefined;

  push(message: SseMessage): ChatEvent[] {
    if (this.#stopped) return [];
    const data = message.data.trim();
    if (data === '[DONE]' || data === '') return [];
    const parsed = parseJsonObject(data, 'A chat stream event');
    if (!parsed.ok) return this.#fail(parsed.error);
    const chunk = parsed.value;
    const error = errorFromVapiChunk(chunk);
    if (error !== undefined) return this.#fail(error);

    const events: ChatEvent[] = [];
    // The chain id is the first `id` seen (reference §4.3); a session id may appear on any chunk.
    this.#chatId ??= stringField(chunk, 'id');
    this.#sessionId = stringField(chunk, 'sessionId') ?? this.#sessionId;
    if (!this.#started) {
      this.#started = true;
      events.push({ type: 'turn-start', chatId: this.#chatId, sessionId: this.#sessionId });
    }

    const delta = stringField(chunk, 'delta');
    const path = stringField(chunk, 'path');
    if (delta !== undefined) {
      // A delta without a path is read as the first output's text; a path we don't know (e.g. tool call
      // arguments) carries no reply text.
      const match = path === undefined ? ['', '0'] : contentPath.exec(path);
      if (match) {
        const text = this.#reply.append(Number(match[1]), delta);
        if (text !== '') events.push({ type: 'text-delta', text });
      }
    }

    const missed = this.#reply.catchUp(outputText(chunk['output']));
    if (missed !== '') events.push({ type: 'text-delta', text: missed });
    return events;
  }

  /** The body closed: the turn is over. */
  end(): ChatEvent[] {
    if (this.#stopped) return [];
    this.#stopped = true;
    if (this.#reply.text === '') return [{ type: 'error', error: emptyReplyError() }];
    return [{ type: 'turn-end', chatId: this.#chatId, sessionId: this.#sessionId, text: this.#reply.text }];
  }

  #fail(error: VapiChatError): ChatEvent[] {
    this.#stopped = true;
    return [{ type: 'error', error }];
  }
}
