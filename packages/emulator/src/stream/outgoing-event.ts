/** One server-sent event before it is framed: its `data` text and, for `event:` lines, its name. */
export interface OutgoingEvent {
  /** The `data:` payload: JSON text, or `[DONE]`. */
  readonly data: string;
  /** Written as `event: <name>` when event lines are on. */
  readonly name: string;
  /** Deltas are paced (`delay`) and counted (`cut-after`, `stall-after`); other events are not. */
  readonly isDelta: boolean;
}
