import { ProtocolError } from '../errors/protocol-error';
import type { ChatEvent } from './chat-event';
import { stringField } from './parse-json';
import { emptyReplyError, outputText } from './reply-text';
import { errorFromVapiChunk } from './vapi-error';

/**
 * The non-streaming replies, as the same events a stream yields (turn-start, one text-delta, turn-end),
 * so a consumer has one code path. Each takes a parsed JSON object. An error body that came with a 2xx
 * status is the typed error it describes; a reply with no readable text is an error, never an empty turn.
 */

/** `Chat` (`POST /chat`) or `WebChat` (`POST /chat/web`): the reply is every assistant `output[]` text. */
export function eventsFromVapiChat(chat: Record<string, unknown>): ChatEvent[] {
  const chatId = stringField(chat, 'id');
  const text = outputText(chat['output']);
  if (chatId === undefined || !Array.isArray(chat['output']) || text === undefined) {
    return failed(chat, 'The reply has no chat id or output');
  }
  return whole(text, { chatId, sessionId: stringField(chat, 'sessionId') });
}

/** `ResponseObject` (`POST /chat/responses`, `stream: false`); its `id` is the chat id. */
export function eventsFromVapiResponse(response: Record<string, unknown>): ChatEvent[] {
  const chatId = stringField(response, 'id');
  const text = outputText(response['output']);
  if (chatId === undefined || text === undefined) {
    return failed(response, 'The reply has no response id or output');
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

function failed(body: Record<string, unknown>, what: string): ChatEvent[] {
  return [{ type: 'error', error: errorFromVapiChunk(body) ?? new ProtocolError(what) }];
}

function whole(
  text: string,
  ids: { chatId?: string | undefined; sessionId?: string | undefined; conversationId?: string | undefined },
): ChatEvent[] {
  if (text === '') return [{ type: 'error', error: emptyReplyError() }];
  return [
    { type: 'turn-start', ...ids },
    { type: 'text-delta', text },
    { type: 'turn-end', ...ids, text },
  ];
}
