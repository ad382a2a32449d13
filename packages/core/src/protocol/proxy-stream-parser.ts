import { errorFromStatus } from '../errors/error-from-status';
import { NetworkError } from '../errors/network-error';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent } from './chat-event';
import { numberField, parseJsonObject, stringField } from './parse-json';
import { emptyReplyError } from './reply-text';

/** The HTTP status each proxy stream error code stands for, so it maps to the same typed error. */
const statusByCode: Readonly<Record<string, number>> = {
  upstream_unauthorized: 502,
  payment_required: 402,
  rate_limited: 429,
  timeout: 504,
  upstream_error: 502,
  internal_error: 500,
};

/**
 * Parses our proxy's stream (`POST /v1/chat/stream`): `event: start|delta|done|error` with JSON data,
 * `: ping` comments while idle. Unlike Vapi's, this stream has a terminal event, so a body that closes
 * before `done` is a dropped stream, reported as a network error.
 */
export class ProxyStreamParser {
  #started = false;
  #stopped = false;
  #conversationId: string | undefined;
  #messageId: string | undefined;
  #text = '';

  push(message: SseMessage): ChatEvent[] {
    if (this.#stopped) return [];
    const parsed = parseJsonObject(message.data, `A proxy "${message.event ?? 'message'}" event`);
    if (!parsed.ok) return this.#fail(parsed.error);
    const data = parsed.value;
    switch (message.event) {
      case 'start': {
        this.#conversationId = stringField(data, 'conversationId');
        // `messageId` names the proxy's stored reply, not a Vapi chat: it is no chain handle, and the turn's
        // end hands it on (a rating names it).
        this.#messageId = stringField(data, 'messageId');
        this.#started = true;
        return [{ type: 'turn-start', conversationId: this.#conversationId }];
      }
      case 'delta': {
        const text = stringField(data, 'text') ?? '';
        const events = this.#ensureStarted();
        this.#text += text;
        if (text !== '') events.push({ type: 'text-delta', text });
        return events;
      }
      case 'done': {
        const events = this.#ensureStarted();
        this.#stopped = true;
        // The final text only adds what the deltas missed; it never shortens what was shown.
        const finalText = stringField(data, 'message') ?? this.#text;
        if (finalText.startsWith(this.#text) && finalText.length > this.#text.length) {
          events.push({ type: 'text-delta', text: finalText.slice(this.#text.length) });
          this.#text = finalText;
        }
        if (this.#text === '') return [...events, { type: 'error', error: emptyReplyError() }];
        events.push({
          type: 'turn-end',
          conversationId: stringField(data, 'conversationId') ?? this.#conversationId,
          text: this.#text,
          messageId: this.#messageId,
        });
        return events;
      }
      case 'error': {
        const code = stringField(data, 'code') ?? 'upstream_error';
        const message = stringField(data, 'error') ?? 'The reply failed';
        const status = statusByCode[code];
        // `retryAfter` is in seconds, as in the proxy's 429 body.
        const retryAfter = numberField(data, 'retryAfter');
        const retryAfterMs = retryAfter === undefined ? undefined : retryAfter * 1000;
        return this.#fail(
          status === undefined
            ? new UpstreamError(message)
            : errorFromStatus(status, { message, retryAfterMs }),
        );
      }
      default:
        return [];
    }
  }

  end(): ChatEvent[] {
    if (this.#stopped) return [];
    this.#stopped = true;
    return [{ type: 'error', error: new NetworkError('The reply stream closed before it finished') }];
  }

  #ensureStarted(): ChatEvent[] {
    if (this.#started) return [];
    this.#started = true;
    return [{ type: 'turn-start' }];
  }

  #fail(error: VapiChatError): ChatEvent[] {
    this.#stopped = true;
    return [{ type: 'error', error }];
  }
}
