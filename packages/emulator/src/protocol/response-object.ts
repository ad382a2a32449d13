/**
 * One `output_text` part of a Responses-API message (reference §6).
 *
 * @example
 * const part: ResponseOutputText = { type: 'output_text', text: 'Hi', annotations: [] };
 */
export interface ResponseOutputText {
  readonly type: 'output_text';
  readonly text: string;
  readonly annotations: readonly unknown[];
}

/**
 * One output message of a `ResponseObject` (reference §6).
 *
 * @example
 * const text = (response.output[0] as ResponseOutputMessage).content[0]?.text;
 */
export interface ResponseOutputMessage {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly status: 'in_progress' | 'completed' | 'incomplete';
  readonly content: readonly ResponseOutputText[];
}

/**
 * The non-streaming reply of `/chat/responses`; `id` is the chat id, so it chains as `previousChatId` (reference §6).
 *
 * @example
 * const { id } = (await response.json()) as ResponseObject; // next turn: { previousChatId: id }
 */
export interface ResponseObject {
  readonly id: string;
  readonly object: 'response';
  readonly created_at: number;
  readonly status: 'completed' | 'failed' | 'in_progress' | 'incomplete';
  readonly error: string | null;
  readonly output: readonly ResponseOutputMessage[];
}
