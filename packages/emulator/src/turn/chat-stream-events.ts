import type { FaultPlan } from '../fault/fault-plan';
import type { ChatStreamChunk } from '../protocol/chat';
import { splitIntoDeltas } from '../model/split-into-deltas';
import type { OutgoingEvent } from '../stream/outgoing-event';
import type { GeneratedTurn } from './generate-turn';

/** The events of one `/chat` or `/chat/web` stream, and the event a cut with `error-event` writes. */
export interface ChatStreamEvents {
  readonly events: readonly OutgoingEvent[];
  readonly errorEvent: (eventsWritten: number) => OutgoingEvent;
}

/**
 * Builds the `CreateChatStreamResponse` events of a turn (reference §4.1): one per word-sized delta,
 * `sessionId` only when the chat has a session, then the optional terminal events of the plan.
 *
 * @example
 * chatStreamEvents({ streamId: chat.id, sessionId: undefined, turn, plan: {} });
 */
export function chatStreamEvents(params: {
  readonly streamId: string;
  readonly sessionId: string | undefined;
  readonly turn: GeneratedTurn;
  readonly plan: FaultPlan;
}): ChatStreamEvents {
  const { streamId, sessionId, turn, plan } = params;
  const base = { id: streamId, ...(sessionId === undefined ? {} : { sessionId }) };
  const path = `chat.output[${turn.textOutputIndex}].content`;
  const events: OutgoingEvent[] = splitIntoDeltas(turn.text).map((delta) => {
    const chunk: ChatStreamChunk = { ...base, path, delta };
    return { data: JSON.stringify(chunk), name: 'delta', isDelta: true };
  });
  if (plan.outputEvent === true) {
    events.push({ data: JSON.stringify({ ...base, output: turn.text }), name: 'output', isDelta: false });
  }
  if (plan.doneMarker === true) events.push({ data: '[DONE]', name: 'done', isDelta: false });
  const errorEvent = (): OutgoingEvent => ({
    data: JSON.stringify({
      ...base,
      message: 'The stream was interrupted.',
      error: 'Internal Server Error',
      statusCode: 500,
    }),
    name: 'error',
    isDelta: false,
  });
  return { events, errorEvent };
}
