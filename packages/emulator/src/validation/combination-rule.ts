/**
 * The `POST /chat` rules whose status Vapi does not document (reference §2.2, §14 Q4); each one's
 * status is a switch (`ruleStatus`).
 *
 * @example
 * createEmulator({ ruleStatus: { 'session-with-previous-chat': 422 } });
 */
export type CombinationRule =
  | 'missing-input'
  | 'session-with-previous-chat'
  | 'session-with-assistant'
  | 'session-with-transport'
  | 'no-assistant';
