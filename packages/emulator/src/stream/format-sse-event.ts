import type { OutgoingEvent } from './outgoing-event';

/** Framing choices for one event. */
export interface SseFraming {
  readonly eventLines: boolean;
  readonly idLines: boolean;
  readonly crlf: boolean;
}

/**
 * Frames one event as SSE text: optional `id:` and `event:` lines, the `data:` line, a blank line.
 *
 * @example
 * formatSseEvent({ data: '{"delta":"Hi"}', name: 'delta', isDelta: true }, 1, { eventLines: false, idLines: false, crlf: false });
 * // 'data: {"delta":"Hi"}\n\n'
 */
export function formatSseEvent(event: OutgoingEvent, eventNumber: number, framing: SseFraming): string {
  const lineEnd = framing.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  if (framing.idLines) lines.push(`id: ${eventNumber}`);
  if (framing.eventLines) lines.push(`event: ${event.name}`);
  lines.push(`data: ${event.data}`);
  return lines.join(lineEnd) + lineEnd + lineEnd;
}
