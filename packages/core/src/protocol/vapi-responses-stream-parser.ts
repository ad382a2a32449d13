import { NetworkError } from '../errors/network-error';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent } from './chat-event';
import { numberField, objectField, parseJsonObject, stringField } from './parse-json';
import { ReplyText } from './reply-text';
import { errorFromVapiBody, isVapiErrorBody } from './vapi-error';
import { responseObjectText } from './vapi-response-object';

/**
 * Parses the SSE stream of `POST /chat/responses` (reference §6): `response.output_text.delta` …
 * `response.output_text.done` → `response.completed {response}`, or `error`. The chain id is
 * `response.id`. A body that closes before `response.completed` is a dropped stream: an error event,
 * with the text so far kept by whoever holds it. OpenAI's extra events are ignored.
 */
export class VapiResponsesStreamParser {
  readonly #reply = new ReplyText();
  #started = false;
  #stopped = false;
  #chatId: string | undefined;

  push(message: SseMessage): ChatEvent[] {
    if (this.#stopped) return [];
    const data = message.data.trim();
    if (data === '[DONE]' || data === '') return [];
    const parsed = parseJsonObject(data, 'A responses stream event');
    if (!parsed.ok) return this.#fail(parsed.error);
    const event = parsed.value;
    if (isVapiErrorBody(event)) return this.#fail(errorFromVapiBody(event));

    const events: ChatEvent[] = [];
    const start = (): void => {
      if (this.#started) return;
      this.#started = true;
      events.push({ type: 'turn-start', chatId: this.#chatId });
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
      case 'response.completed': {
        const response = objectField(event, 'response');
        this.#chatId = (response && stringField(response, 'id')) ?? this.#chatId;
        start();
        const finalText = response ? responseObjectText(response) : undefined;
        const seen = this.#reply.text;
        if (finalText !== undefined && finalText.startsWith(seen) && finalText.length > seen.length) {
          events.push({ type: 'text-delta', text: this.#reply.append(0, finalText.slice(seen.length)) });
        }
        this.#stopped = true;
        events.push({ type: 'turn-end', chatId: this.#chatId, text: finalText ?? this.#reply.text });
        break;
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
        // `response.output_text.done` repeats the deltas; other OpenAI events carry no reply text.
        break;
    }
    return events;
  }

  end(): ChatEvent[] {
    if (this.#stopped) return [];
    this.#stopped = true;
    return [{ type: 'error', error: new NetworkError('The reply stream closed before response.completed') }];
  }

  #fail(error: VapiChatError): ChatEvent[] {
    this.#stopped = true;
    return [{ type: 'error', error }];
  }
}
