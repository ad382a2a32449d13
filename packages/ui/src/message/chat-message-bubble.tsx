import { Chat, useChatSelector } from '@vapi-chat-kit/react';
import { memo, useCallback } from 'react';
import { RetryIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';
import { Markdown } from '../markdown/markdown';

/**
 * Props of {@link ChatMessageBubble}.
 */
export interface ChatMessageBubbleProps {
  readonly messageId: string;
}

/**
 * One message, styled: a user bubble (plain text) or an assistant bubble (streaming-safe markdown),
 * with "Stopped", "Not sent" (a question) or "Reply interrupted" (a reply cut part-way) and Retry under it. Built on react's `Chat.Message`, `Chat.MessageText`
 * and `Chat.Retry`; it re-renders only when its own message changes.
 *
 * @selector .vck-message[data-role="user" | "assistant"]
 * @selector .vck-message[data-status="sending" | "streaming" | "done" | "stopped" | "failed"]
 * @selector .vck-bubble, .vck-message-meta[data-tone="danger"], .vck-retry
 * @example
 * <Chat.Messages>{(id) => <ChatMessageBubble messageId={id} />}</Chat.Messages>
 */
export const ChatMessageBubble = memo(function ChatMessageBubble({ messageId }: ChatMessageBubbleProps) {
  const labels = useLabels();
  const message = useChatSelector(
    useCallback((state) => state.messages.find((candidate) => candidate.id === messageId), [messageId]),
  );
  if (!message) return null;
  const isAssistant = message.role === 'assistant';
  const failed = message.status === 'failed';
  return (
    <Chat.Message messageId={messageId} className="vck-message">
      <Chat.SessionMarker className="vck-session-marker" aria-label={labels.newSession}>
        {labels.newSession}
      </Chat.SessionMarker>
      <span className="vck-visually-hidden">{isAssistant ? labels.assistant : labels.you}: </span>
      <Chat.MessageText className="vck-bubble">
        {isAssistant ? (
          <Markdown text={message.text} streaming={message.status === 'streaming'} />
        ) : (
          message.text
        )}
      </Chat.MessageText>
      {(failed || message.status === 'stopped') && (
        <div className="vck-message-meta" data-tone={failed ? 'danger' : undefined}>
          <span>{failed ? (isAssistant ? labels.interrupted : labels.failed) : labels.stopped}</span>
          <Chat.Retry className="vck-retry">
            <RetryIcon />
            {labels.retry}
          </Chat.Retry>
        </div>
      )}
    </Chat.Message>
  );
});
