import type { EmulatorDependencies } from '../emulator-dependencies';
import type { FaultPlan } from '../fault/fault-plan';
import { createSseBody } from '../stream/create-sse-body';
import type { ChatStreamEvents } from '../turn/chat-stream-events';
import { sseHeaders } from './sse-headers';

/**
 * Wraps a turn's events in a streaming `Response` with the SSE headers and the success status.
 * `onIncomplete` runs if the stream is cut, stalls or loses its client.
 *
 * @example
 * return streamResponse(deps, c.get('plan'), events, c.req.raw.signal);
 */
export function streamResponse(
  deps: EmulatorDependencies,
  plan: FaultPlan,
  streamEvents: ChatStreamEvents,
  signal: AbortSignal,
  onIncomplete?: () => void,
): Response {
  const body = createSseBody({
    events: streamEvents.events,
    errorEvent: streamEvents.errorEvent,
    plan,
    signal,
    tracker: deps.tracker,
    onIncomplete,
  });
  return new Response(body, { status: deps.options.successStatus, headers: sseHeaders });
}
