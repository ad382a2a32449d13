import type { ChatEvent, ChatTransport, ChatTurnRequest } from '@vapi-chat-kit/core';
import { AbortedError } from '@vapi-chat-kit/core';

/**
 * A transport whose events the test pushes one by one; each turn reads from the queue until `turn-end`
 * or `error`. Aborting the request yields an `aborted` error, as the real transports do.
 */
export function scriptedTransport(): {
  transport: ChatTransport;
  push: (...events: ChatEvent[]) => void;
  requests: ChatTurnRequest[];
} {
  const queue: ChatEvent[] = [];
  let wake: (() => void) | undefined;
  const requests: ChatTurnRequest[] = [];
  return {
    requests,
    push: (...events) => {
      queue.push(...events);
      wake?.();
    },
    transport: {
      async *sendTurn(request) {
        requests.push(request);
        for (;;) {
          if (request.signal?.aborted === true) {
            yield { type: 'error', error: new AbortedError() };
            return;
          }
          const event = queue.shift();
          if (event === undefined) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              request.signal?.addEventListener('abort', () => resolve(), { once: true });
            });
            continue;
          }
          yield event;
          if (event.type === 'turn-end' || event.type === 'error') return;
        }
      },
    },
  };
}
