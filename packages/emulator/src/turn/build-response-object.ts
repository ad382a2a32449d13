import type { ResponseObject } from '../protocol/response-object';

/**
 * The `ResponseObject` of a `/chat/responses` turn (reference §6). Its `id` is the chat id, so it
 * can be sent back as `previousChatId`.
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
}): ResponseObject {
  const { chatId, itemId, createdAt, text, status } = params;
  return {
    id: chatId,
    object: 'response',
    created_at: Math.floor(Date.parse(createdAt) / 1000),
    status,
    error: null,
    output:
      status === 'in_progress'
        ? []
        : [
            {
              id: itemId,
              type: 'message',
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text, annotations: [] }],
            },
          ],
  };
}
