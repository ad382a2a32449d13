import { ProtocolError } from '../errors/protocol-error';
import type { ChatEvent } from './chat-event';
import { stringField } from './parse-json';
import { joinOutputText } from './reply-text';
import { responseObjectText } from './vapi-response-object';

/**
 * The non-streaming replies, as the same events a stream yields (turn-start, one text-delta, turn-end),
 * so a consumer has one code path. Each takes a parsed JSON object.
 */

/** `Chat` (`POST /chat`) or `WebChat` (`POST /chat/web`): the reply is every assistant `output[]` text. */
export function eventsFromVapiChat(chat: Record<string, unknown>): ChatEvent[] {
  const chatId = stringField(chat, 'id');
  const output = chat['output'];
  if (chatId === undefined || !Array.isArray(output)) {
    return [{ type: 'error', error: new ProtocolError('The reply has no chat id or output') }];
  }
  const texts = (output as unknown[]).flatMap((item) => {
    const { role, content } = (item ?? {}) as { role?: unknown; content?: unknown };
    return role === 'assistant' && typeof content === 'string' ? [content] : [];
  });
  return whole(joinOutputText(texts), { chatId, sessionId: stringField(chat, 'sessionId') });
}

/** `ResponseObject` (`POST /chat/responses`, `stream: false`); its `id` is the chat id. */
export function eventsFromVapiResponse(response: Record<string, unknown>): ChatEvent[] {
  const chatId = stringField(response, 'id');
  const text = responseObjectText(response);
  if (chatId === undefined || text === undefined) {
    return [{ type: 'error', error: new ProtocolError('The reply has no response id or output') }];
  }
  return whole(text, { chatId });
}

/** Our proxy's `POST /v1/chat` reply, `{conversationId, message}`. */
export function eventsFromProxyReply(reply: Record<string, unknown>): ChatEvent[] {
  const conversationId = stringField(reply, 'conversationId');
  const message = stringField(reply, 'message');
  if (conversationId === undefined || message === undefined) {
    return [{ type: 'error', error: new ProtocolError('The reply has no conversationId or message') }];
  }
  return whole(message, { conversationId });
}

function whole(
  text: string,
  ids: { chatId?: string | undefined; sessionId?: string | undefined; conversationId?: string | undefined },
): ChatEvent[] {
  return [
    { type: 'turn-start', ...ids },
    ...(text === '' ? [] : [{ type: 'text-delta', text } as const]),
    { type: 'turn-end', ...ids, text },
  ];
}
