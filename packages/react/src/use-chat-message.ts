import { selectMessageById, type ChatMessage } from '@vapi-chat-kit/core';
import { useContext, useMemo } from 'react';
import { useChatBinding } from './chat-context';
import { ChatMessageContext } from './primitives/chat-message';
import { useBindingSelector } from './use-chat-selector';

/**
 * One message, re-rendering only when that message changes. With an id, it reads the current chat (inside
 * `ChatProvider`/`Chat.Root`); without one, the enclosing `<Chat.Message>`'s message (for a custom bubble
 * part, e.g. markdown). Throws where neither exists; `undefined` for an unknown id.
 *
 * @example
 * function MarkdownText() {
 *   const message = useChatMessage();
 *   return <Markdown streaming={message?.status === 'streaming'}>{message?.text ?? ''}</Markdown>;
 * }
 */
export function useChatMessage(messageId?: string): ChatMessage | undefined {
  const enclosing = useContext(ChatMessageContext);
  const binding = useChatBinding('useChatMessage');
  const select = useMemo(
    () => (messageId === undefined ? () => undefined : selectMessageById(messageId)),
    [messageId],
  );
  const selected = useBindingSelector(binding, select);
  if (messageId !== undefined) return selected;
  if (enclosing === undefined)
    throw new Error('useChatMessage() without an id must be used inside <Chat.Message>.');
  return enclosing;
}
