import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { SseMessage } from '../sse/sse-decoder';
import type { ChatEvent } from './chat-event';
import { parseJsonObject, stringField } from './parse-json';
import { joinOutputText, ReplyText } from './reply-text';
import { errorFromVapiBody, isVapiErrorBody } from './vapi-error';

const contentPath = /^chat\.output\[(\d+)\]\.content$/;

/**
 * Parses the SSE stream of `POST /chat` and `POST /chat/web` (reference §4): `data: {id, sessionId?, path,
 * delta}`. The turn ends when the body closes ({@link end}). Also accepts what Vapi does not document but
 * clients have met: `data: [DONE]`, a chunk carrying a whole `output`, an error body mid-stream, and deltas
 * of any `chat.output[N]`, not only the first.
 */
export class VapiChatStreamParser {
  readonly #reply = new ReplyText();
  #started = false;
  #stopped = false;
  #chatId: string | undefined;
  #sessionId: string | undefined;
  #finalText: string | undefined;

  push(message: SseMessage): ChatEvent[] {
    if (this.#stopped) return [];
    const data = message.data.trim();
    if (data === '[DONE]' || data === '') return [];
    const parsed = parseJsonObject(data, 'A chat stream event');
    if (!parsed.ok) return this.#fail(parsed.error);
    const chunk = parsed.value;
    if (isVapiErrorBody(chunk)) return this.#fail(errorFromVapiBody(chunk));
    if (message.event === 'error') return this.#fail(new UpstreamError(describe(chunk)));

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

    const output = outputText(chunk['output']);
    if (output !== undefined) {
      // A whole `output` is the final word. Emit what the deltas missed, when they were a prefix of it.
      const seen = this.#reply.text;
      if (output.startsWith(seen) && output.length > seen.length) {
        events.push({ type: 'text-delta', text: this.#reply.append(0, output.slice(seen.length)) });
      }
      this.#finalText = output;
    }
    return events;
  }

  /** The body closed: the turn is over. */
  end(): ChatEvent[] {
    if (this.#stopped) return [];
    this.#stopped = true;
    const events: ChatEvent[] = [];
    if (!this.#started) events.push({ type: 'turn-start' });
    events.push({
      type: 'turn-end',
      chatId: this.#chatId,
      sessionId: this.#sessionId,
      text: this.#finalText ?? this.#reply.text,
    });
    return events;
  }

  #fail(error: VapiChatError): ChatEvent[] {
    this.#stopped = true;
    return [{ type: 'error', error }];
  }
}

/** The text of a whole `output`: a string, or a list of messages whose assistant contents are joined. */
function outputText(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  if (!Array.isArray(output)) return undefined;
  const parts: string[] = [];
  for (const item of output as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { role, content } = item as { role?: unknown; content?: unknown };
    if ((role === undefined || role === 'assistant') && typeof content === 'string') parts.push(content);
  }
  return joinOutputText(parts);
}

function describe(chunk: Record<string, unknown>): string {
  return stringField(chunk, 'message') ?? stringField(chunk, 'error') ?? 'The server reported an error';
}
