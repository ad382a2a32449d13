import {
  AbortedError,
  type ChatEvent,
  type ChatTransport,
  type ChatTurnRequest,
  type VapiChatError,
} from '@vapi-chat-kit/core';

/** One scripted reply. */
export interface ScriptedReply {
  /** The reply's text, streamed in chunks. @default '' */
  readonly text?: string | undefined;
  /** Characters per `text-delta`. @default 6 */
  readonly chunkSize?: number | undefined;
  /** Milliseconds between chunks. @default 16 */
  readonly chunkDelayMs?: number | undefined;
  /** Milliseconds before the first token (the typing indicator shows meanwhile). @default 300 */
  readonly firstTokenDelayMs?: number | undefined;
  /** Stop sending after this many characters and never finish (a reply "still streaming"). */
  readonly hangAfter?: number | undefined;
  /** Fail with this error after `failAfter` characters (0: before any token). */
  readonly error?: VapiChatError | undefined;
  /** @default 0 */
  readonly failAfter?: number | undefined;
}

/**
 * A transport for stories and tests: no network, each turn answered by the next scripted reply (the
 * last one repeats). It honours the abort signal like the real transports (an `aborted` error).
 *
 * @example
 * const transport = scriptedChatTransport([{ text: 'Hello **there**!' }]);
 */
export function scriptedChatTransport(
  replies: readonly ScriptedReply[] | ((request: ChatTurnRequest, index: number) => ScriptedReply),
): ChatTransport & { readonly requests: ChatTurnRequest[] } {
  const requests: ChatTurnRequest[] = [];
  return {
    requests,
    async *sendTurn(request): AsyncIterable<ChatEvent> {
      const index = requests.length;
      requests.push(request);
      const reply =
        typeof replies === 'function'
          ? replies(request, index)
          : (replies[Math.min(index, replies.length - 1)] ?? {});
      const { signal } = request;
      const text = reply.text ?? '';
      const chunkSize = reply.chunkSize ?? 6;
      const aborted = (): ChatEvent => ({ type: 'error', error: new AbortedError() });

      if (!(await wait(reply.firstTokenDelayMs ?? 300, signal))) {
        yield aborted();
        return;
      }
      if (reply.error && (reply.failAfter ?? 0) === 0) {
        yield { type: 'error', error: reply.error };
        return;
      }
      yield { type: 'turn-start', chatId: `chat-${index}` };
      let sent = 0;
      while (sent < text.length) {
        const limit = reply.error ? (reply.failAfter ?? 0) : (reply.hangAfter ?? Infinity);
        if (sent >= limit) {
          if (reply.error) {
            yield { type: 'error', error: reply.error };
            return;
          }
          await wait(Infinity, signal);
          yield aborted();
          return;
        }
        const chunk = text.slice(sent, Math.min(sent + chunkSize, limit));
        sent += chunk.length;
        yield { type: 'text-delta', text: chunk };
        if (!(await wait(reply.chunkDelayMs ?? 16, signal))) {
          yield aborted();
          return;
        }
      }
      yield { type: 'turn-end', chatId: `chat-${index}`, text };
    },
  };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = Number.isFinite(ms) ? setTimeout(() => resolve(true), ms) : undefined;
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}
