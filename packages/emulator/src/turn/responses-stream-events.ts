import type { ResolvedEmulatorOptions } from '../emulator-options';
import type { FaultPlan } from '../fault/fault-plan';
import { splitIntoDeltas } from '../model/split-into-deltas';
import type { OutgoingEvent } from '../stream/outgoing-event';
import { buildResponseObject } from './build-response-object';
import type { ChatStreamEvents } from './chat-stream-events';

/**
 * Builds the Responses-API events of a turn (reference §6): `response.output_text.delta` per word,
 * `response.output_text.done` with the full text, `response.completed` with the `ResponseObject`.
 * With `extraEvents`, OpenAI's `response.created` and `response.in_progress` come first and every
 * event carries `sequence_number` (reference §13.2, Q10).
 *
 * @example
 * responsesStreamEvents({ chatId, itemId, createdAt, text, plan: {}, extraEvents: false });
 */
export function responsesStreamEvents(params: {
  readonly chatId: string;
  readonly itemId: string;
  readonly createdAt: string;
  readonly text: string;
  readonly plan: FaultPlan;
  readonly extraEvents: boolean;
  /** The `ResponseObject`'s shape (reference §15). @default 'spec' */
  readonly shape?: ResolvedEmulatorOptions['responsesShape'];
  /** Whether `response.completed` ends the stream (reference §15). @default true */
  readonly completed?: boolean;
}): ChatStreamEvents {
  const { chatId, itemId, createdAt, text, plan, extraEvents, shape } = params;
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>, isDelta: boolean): OutgoingEvent => {
    const payload = extraEvents ? { type, ...fields, sequence_number: sequence } : { type, ...fields };
    sequence += 1;
    return { data: JSON.stringify(payload), name: type, isDelta };
  };
  const position = { item_id: itemId, output_index: 0, content_index: 0 };
  const events: OutgoingEvent[] = [];
  if (extraEvents) {
    const pending = buildResponseObject({ chatId, itemId, createdAt, text, status: 'in_progress', shape });
    events.push(event('response.created', { response: pending }, false));
    events.push(event('response.in_progress', { response: pending }, false));
  }
  for (const delta of splitIntoDeltas(text)) {
    events.push(event('response.output_text.delta', { ...position, delta }, true));
  }
  events.push(event('response.output_text.done', { ...position, text }, false));
  if (params.completed ?? true) {
    const completed = buildResponseObject({ chatId, itemId, createdAt, text, status: 'completed', shape });
    events.push(event('response.completed', { response: completed }, false));
  }
  if (plan.doneMarker === true) events.push({ data: '[DONE]', name: 'done', isDelta: false });
  // `sequence_number` is required on `error` (reference §6): the position the event takes.
  const errorEvent = (eventsWritten: number): OutgoingEvent => ({
    data: JSON.stringify({
      type: 'error',
      code: 'ERR_STREAM_INTERRUPTED',
      message: 'The stream was interrupted.',
      sequence_number: eventsWritten,
    }),
    name: 'error',
    isDelta: false,
  });
  return { events, errorEvent };
}
