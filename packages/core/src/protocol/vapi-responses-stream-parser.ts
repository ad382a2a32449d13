import { NetworkError } from '../errors/network-error';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent } from './chat-event';
import { numberField, objectField, parseJsonObject, stringField } from './parse-json';
import { emptyReplyError, outputText, ReplyText } from './reply-text';
import { errorFromVapiChunk } from './vapi-error';

/**
 * Parses the SSE stream of `POST /chat/responses` (reference §6): `response.output_text.delta` …
 * `response.output_text.done` → `response.completed {response}`, or `error`. The chain id is
 * `response.id`. What Vapi's own pages show but the spec does not is accepted too (reference §15): content
 * parts of type `text`, `object: "chat.response"`, and a stream that ends after `output_text.done` with no
 * `response.completed`, which is a finished turn (without a chain id). A body that closes before any
 * `output_text.done` is a dropped stream. A final payload never shortens or erases the streamed text.
 * OpenAI's extra events are ignored.
 */
export class VapiResponsesStreamParser {
  readonly #reply = new ReplyText();
  #started = false;
  #stopped = false;
  #textDone = false;
  #chatId: string | undefined;

  push(message: SseMessage): ChatEvent[] {
    if (this.#stopped) return [];
    const data = message.data.trim();
    if (data === '[DONE]' || data === '') return [];
    const parsed = parseJsonObject(data, 'A responses stream event');
    if (!parsed.ok) return this.#fail(parsed.error);
    const event = parsed.value;
    const error = errorFromVapiChunk(event);
    if (error !== undefined) return this.#fail(error);

    const events: ChatEvent[] = [];
    const start = (): void => {
      if (this.#started) return;
      this.#started = true;
      events.push({ type: 'turn-start', chatId: this.#chatId });
    };
    const catchUp = (final: string | undefined): void => {
      const missed = this.#reply.catchUp(final);
      if (missed !== '') events.push({ type: 'text-delta', text: missed });
    };
    const type = stringField(event, 'type') ?? message.event;
    switch (type) {
      case 'response.created':
      case 'response.in_progress': {
        this.#chatId ??= stringField(objectField(event, 'response') ?? {}, 'id');
        start();
        break;
      }
      case 'response.output_text.delta': {
        start();
        const text = this.#reply.append(
          numberField(event, 'output_index') ?? 0,
          stringField(event, 'delta') ?? '',
        );
        if (text !== '') events.push({ type: 'text-delta', text });
        break;
      }
      case 'response.output_text.done': {
        start();
        this.#textDone = true;
        // The whole text of one item: it can only add what the deltas of a single-item reply missed.
        catchUp(stringField(event, 'text'));
        break;
      }
      case 'response.completed': {
        const response = objectField(event, 'response');
        this.#chatId = (response && stringField(response, 'id')) ?? this.#chatId;
        start();
        catchUp(response ? outputText(response['output']) : undefined);
        return [...events, ...this.#finish()];
      }
      case 'response.failed':
      case 'response.incomplete':
      case 'error': {
        const response = objectField(event, 'response');
        const reason =
          stringField(event, 'message') ??
          (response && stringField(response, 'error')) ??
          `The reply failed (${type})`;
        const code = stringField(event, 'code');
        return [...events, ...this.#fail(new UpstreamError(code ? `${reason} (${code})` : reason))];
      }
      default:
        // Other OpenAI events carry no reply text.
        break;
    }
    return events;
  }

  end(): ChatEvent[] {
    if (this.#stopped) return [];
    // Vapi's quickstart reads only the deltas; a stream that stops after `output_text.done` is complete.
    if (this.#textDone) return this.#finish();
    this.#stopped = true;
    return [{ type: 'error', error: new NetworkError('The reply stream closed before response.completed') }];
  }

  #finish(): ChatEvent[] {
    this.#stopped = true;
    if (this.#reply.text === '') return [{ type: 'error', error: emptyReplyError() }];
    return [{ type: 'turn-end', chatId: this.#chatId, text: this.#reply.text }];
  }

  #fail(error: VapiChatError): ChatEvent[] {
    this.#stopped = true;
    return [{ type: 'error', error }];
  }
}
