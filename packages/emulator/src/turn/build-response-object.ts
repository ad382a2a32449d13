import type { ResolvedEmulatorOptions } from '../emulator-options';
import type { ResponseObject } from '../protocol/response-object';

/**
 * The `ResponseObject` of a `/chat/responses` turn (reference §6). Its `id` is the chat id, so it
 * can be sent back as `previousChatId`. With `shape: 'docs'` it takes the form Vapi's own
 * OpenAI-compatibility page shows instead of the spec's: `object: "chat.response"`, `created`, `model`,
 * `usage`, and parts of type `text` (reference §15).
 *
 * @example
 * buildResponseObject({ chatId, itemId, createdAt: chat.createdAt, text, status: 'completed' });
 */
export function buildResponseObject(params: {
  readonly chatId: string;
  readonly itemId: string;
  readonly createdAt: string;
  readonly text: string;
  readonly status: 'completed' | 'in_progress';
  readonly shape?: ResolvedEmulatorOptions['responsesShape'];
}): ResponseObject | Record<string, unknown> {
  const { chatId, itemId, createdAt, text, status } = params;
  const seconds = Math.floor(Date.parse(createdAt) / 1000);
  const message = (type: 'output_text' | 'text') => ({
    id: itemId,
    type: 'message' as const,
    role: 'assistant' as const,
    status: 'completed' as const,
    content: [type === 'output_text' ? { type, text, annotations: [] } : { type, text }],
  });
  if (params.shape === 'docs') {
    const words = text.split(/\s+/).filter(Boolean).length;
    return {
      id: chatId,
      object: 'chat.response',
      created: seconds,
      model: 'techflow-emulator',
      status,
      output: status === 'in_progress' ? [] : [message('text')],
      usage: { prompt_tokens: 0, completion_tokens: words, total_tokens: words },
    };
  }
  return {
    id: chatId,
    object: 'response',
    created_at: seconds,
    status,
    error: null,
    output: status === 'in_progress' ? [] : [message('output_text') as ResponseObject['output'][number]],
  };
}
