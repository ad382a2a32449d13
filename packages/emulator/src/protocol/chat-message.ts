/**
 * A message as Vapi's chat endpoints actually send and accept it: OpenAI-style `{role, content}`
 * (reference §2.1). The spec's `SystemMessage`/`UserMessage` collide with the voice transcript
 * schemas, so they are deliberately not modelled.
 *
 * @example
 * const message: ChatMessage = { role: 'user', content: 'Hi' };
 */
export interface ChatMessage {
  readonly role: ChatMessageRole;
  readonly content?: string | null;
  readonly name?: string;
  readonly tool_calls?: readonly ToolCall[];
  readonly tool_call_id?: string;
  readonly refusal?: string;
  readonly metadata?: Record<string, unknown>;
}

/**
 * Roles accepted in `input` (reference §2.1).
 *
 * @example
 * const role: ChatMessageRole = 'developer';
 */
export type ChatMessageRole = 'system' | 'user' | 'assistant' | 'tool' | 'developer';

/**
 * An OpenAI-style tool call carried by an assistant message.
 *
 * @example
 * const call: ToolCall = { id: 'call_1', type: 'function', function: { name: 'search', arguments: '{}' } };
 */
export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}
