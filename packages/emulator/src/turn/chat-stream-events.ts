import type { ResolvedEmulatorOptions, StreamErrorBody } from '../emulator-options';
import type { FaultPlan } from '../fault/fault-plan';
import { streamErrorData } from '../stream/stream-error-data';
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
  /** What the final chunk's `output` holds (reference §15). @default 'string' */
  readonly outputShape?: ResolvedEmulatorOptions['outputEventShape'];
  /** The body of the error chunk a cut with `error-event` writes (reference §15). @default 'nest' */
  readonly errorBody?: StreamErrorBody;
}): ChatStreamEvents {
  const { streamId, sessionId, turn, plan } = params;
  const base = { id: streamId, ...(sessionId === undefined ? {} : { sessionId }) };
  const path = `chat.output[${turn.textOutputIndex}].content`;
  const events: OutgoingEvent[] = splitIntoDeltas(turn.text).map((delta) => {
    const chunk: ChatStreamChunk = { ...base, path, delta };
    return { data: JSON.stringify(chunk), name: 'delta', isDelta: true };
  });
  if (plan.outputEvent === true) {
    const output = finalOutput(params.outputShape ?? 'string', turn);
    events.push({ data: JSON.stringify({ ...base, output }), name: 'output', isDelta: false });
  }
  if (plan.doneMarker === true) events.push({ data: '[DONE]', name: 'done', isDelta: false });
  const errorEvent = (): OutgoingEvent => ({
    data: streamErrorData(
      params.errorBody ?? 'nest',
      500,
      'The stream was interrupted.',
      'stream_interrupted',
      base,
    ),
    name: 'error',
    isDelta: false,
  });
  return { events, errorEvent };
}

function finalOutput(shape: ResolvedEmulatorOptions['outputEventShape'], turn: GeneratedTurn): unknown {
  switch (shape) {
    case 'string':
      return turn.text;
    case 'messages':
      return turn.output;
    case 'content-parts':
      return [{ role: 'assistant', content: [{ type: 'text', text: turn.text }] }];
    case 'empty':
      return [];
    default:
      return shape satisfies never;
  }
}
