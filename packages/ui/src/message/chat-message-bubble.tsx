import { Chat, useChatSelector } from '@vapi-chat-kit/react';
import { memo, useCallback } from 'react';
import { useChatComponents } from '../components/chat-components';
import { RetryIcon } from '../icons/icons';
import { useChatProxy } from '../conversations/chat-proxy-context';
import { useLabels } from '../labels/labels-context';
import { LazyChatRating } from '../conversations/visitor-parts';
import { Markdown } from '../markdown/markdown';

/**
 * Props of {@link ChatMessageBubble}.
 */
export interface ChatMessageBubbleProps {
  readonly messageId: string;
}

/**
 * One message, styled: a user bubble (plain text) or an assistant bubble (streaming-safe markdown),
 * with "Stopped", "Not sent" (a question) or "Reply interrupted" (a reply cut part-way) and Retry under it.
 * Built on react's `Chat.Message`, `Chat.MessageText` and `Chat.Retry`; it re-renders only when its own
 * message changes. The window's slots (`Message`, `Avatar`, `MessageActions`) change its rendering.
 *
 * @selector .vck-message[data-role="user" | "assistant"]
 * @selector .vck-message[data-status="sending" | "streaming" | "done" | "stopped" | "failed"]
 * @selector .vck-bubble, .vck-message-meta[data-tone="danger"], .vck-retry
 * @selector .vck-message-row, .vck-avatar-slot, .vck-message-actions — with the slots
 * @example
 * <Chat.Messages>{(id) => <ChatMessageBubble messageId={id} />}</Chat.Messages>
 */
export const ChatMessageBubble = memo(function ChatMessageBubble({ messageId }: ChatMessageBubbleProps) {
  const labels = useLabels();
  const { Message, Avatar, MessageActions } = useChatComponents();
  const proxy = useChatProxy();
  const message = useChatSelector(
    useCallback((state) => state.messages.find((candidate) => candidate.id === messageId), [messageId]),
  );
  if (!message) return null;
  const isAssistant = message.role === 'assistant';
  // A finished reply the proxy stored can be rated (the window has a `proxy`).
  const rateable =
    proxy !== undefined && isAssistant && message.status === 'done' && message.remoteId !== undefined;
  const failed = message.status === 'failed';
  const bubble = (
    <Chat.MessageText className="vck-bubble">
      {isAssistant ? (
        <Markdown text={message.text} streaming={message.status === 'streaming'} />
      ) : (
        message.text
      )}
    </Chat.MessageText>
  );
  const body = (
    <>
      <Chat.SessionMarker className="vck-session-marker" aria-label={labels.newSession}>
        {labels.newSession}
      </Chat.SessionMarker>
      <span className="vck-visually-hidden">{isAssistant ? labels.assistant : labels.you}: </span>
      {Avatar ? (
        <div className="vck-message-row">
          <div className="vck-avatar-slot">
            <Avatar message={message} />
          </div>
          {bubble}
        </div>
      ) : (
        bubble
      )}
      {(failed || message.status === 'stopped') && (
        <div className="vck-message-meta" data-tone={failed ? 'danger' : undefined}>
          <span>{failed ? (isAssistant ? labels.interrupted : labels.failed) : labels.stopped}</span>
          <Chat.Retry className="vck-retry">
            <RetryIcon />
            {labels.retry}
          </Chat.Retry>
        </div>
      )}
      {(MessageActions || rateable) && (
        <div className="vck-message-actions">
          {rateable && <LazyChatRating message={message} proxy={proxy} />}
          {MessageActions && <MessageActions message={message} />}
        </div>
      )}
    </>
  );
  return (
    <Chat.Message messageId={messageId} className="vck-message">
      {Message ? <Message message={message}>{body}</Message> : body}
    </Chat.Message>
  );
});
