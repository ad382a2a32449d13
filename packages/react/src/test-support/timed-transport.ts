import { AbortedError, type ChatEvent, type ChatTransport } from '@vapi-chat-kit/core';

/**
 * A transport for stories: answers each question with `reply(text)`, a few characters every `delayMs`,
 * and ends with an `aborted` error when stopped, as a real transport does. No network, no new dependency
 * for the browser to load.
 *
 * @example
 * const transport = timedTransport((text) => `You asked: ${text}`, { delayMs: 30 });
 */
export function timedTransport(
  reply: (text: string) => string,
  options: { readonly delayMs?: number; readonly maxMessageLength?: number } = {},
): ChatTransport {
  const delayMs = options.delayMs ?? 25;
  return {
    maxMessageLength: options.maxMessageLength,
    async *sendTurn({ text, signal }): AsyncIterable<ChatEvent> {
      const answer = reply(text);
      yield { type: 'turn-start', chatId: `chat-${answer.length}` };
      for (let at = 0; at < answer.length; at += 4) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (signal?.aborted === true) {
          yield { type: 'error', error: new AbortedError() };
          return;
        }
        yield { type: 'text-delta', text: answer.slice(at, at + 4) };
      }
      yield { type: 'turn-end', chatId: `chat-${answer.length}`, text: answer };
    },
  };
}
