/**
 * Whether `text` (trimmed, as it is sent) is longer than a transport takes (`transport.maxMessageLength`;
 * no limit when undefined). The store refuses such a text without a request, and a composer keeps it
 * but does not send it: one rule for both.
 *
 * @example
 * exceedsMessageLength(draft, transport.maxMessageLength); // true: show the count, disable Send
 */
export function exceedsMessageLength(text: string, maxMessageLength: number | undefined): boolean {
  return maxMessageLength !== undefined && text.trim().length > maxMessageLength;
}
