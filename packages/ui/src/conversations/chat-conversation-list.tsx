import type { ProxyConversationSummary } from '@vapi-chat-kit/core';
import { useChatSelector, useOpenConversation, useVisitorConversations } from '@vapi-chat-kit/react';
import { useId, useState } from 'react';
import { NewConversationIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';
import type { ChatWindowProxy } from './chat-proxy-context';

/**
 * Props of {@link ChatConversationList}.
 */
export interface ChatConversationListProps {
  /** The proxy, with the signed-in visitor's token and id (`ChatWindow`'s `proxy`). */
  readonly proxy: ChatWindowProxy;
  /** Called once a conversation was opened or a new one started (the window goes back to it). */
  readonly onDone?: (() => void) | undefined;
}

/** Formats when a conversation last changed, in the page's language. */
function formatWhen(iso: string, locale: string | undefined): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/**
 * A signed-in visitor's conversations, newest first, from any device: each with its first question,
 * last message and time; choosing one reopens it in the window (its next message continues it, with the
 * assistant's context); "New conversation" starts another. Inside `Chat.Root` (or `ChatWindow`).
 *
 * @selector .vck-conversations, .vck-conversation[aria-current], .vck-conversations-state
 * @example
 * <ChatConversationList proxy={{ baseUrl: '/api', widgetKey, visitorToken, visitorId }} onDone={() => setView('chat')} />
 */
export function ChatConversationList({ proxy, onDone }: ChatConversationListProps) {
  const labels = useLabels();
  const headingId = useId();
  const { data, status, refetch } = useVisitorConversations({ ...proxy, visitorId: proxy.visitorId });
  const { open, startNew } = useOpenConversation(proxy);
  const current = useChatSelector((state) => state.chain.conversationId);
  const [opening, setOpening] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  const locale = typeof document === 'undefined' ? undefined : document.documentElement.lang || undefined;
  const choose = (conversation: ProxyConversationSummary) => {
    setOpening(conversation.conversationId);
    setFailed(false);
    open(conversation).then(
      () => {
        setOpening(undefined);
        onDone?.();
      },
      () => {
        setOpening(undefined);
        setFailed(true);
      },
    );
  };
  return (
    <nav className="vck-conversations" aria-labelledby={headingId}>
      <div className="vck-conversations-header">
        <h3 id={headingId}>{labels.conversations}</h3>
        <button
          type="button"
          className="vck-conversations-new"
          onClick={() => {
            startNew();
            onDone?.();
          }}
        >
          <NewConversationIcon />
          {labels.newConversation}
        </button>
      </div>
      {status === 'pending' ? (
        <p className="vck-conversations-state" role="status">
          {labels.conversationsLoading}
        </p>
      ) : status === 'error' ? (
        <div className="vck-conversations-state" role="alert">
          <p>{labels.conversationsFailed}</p>
          <button type="button" className="vck-retry" onClick={() => void refetch()}>
            {labels.retry}
          </button>
        </div>
      ) : data.length === 0 ? (
        <p className="vck-conversations-state">{labels.conversationsEmpty}</p>
      ) : (
        <ul className="vck-conversation-items">
          {data.map((conversation) => {
            const isCurrent = conversation.conversationId === current;
            return (
              <li key={conversation.conversationId}>
                <button
                  type="button"
                  className="vck-conversation"
                  aria-current={isCurrent ? 'true' : undefined}
                  aria-busy={opening === conversation.conversationId}
                  onClick={() => choose(conversation)}
                >
                  <span className="vck-conversation-title">
                    {conversation.title || labels.untitledConversation}
                    {isCurrent ? (
                      <span className="vck-visually-hidden"> ({labels.currentConversation})</span>
                    ) : null}
                  </span>
                  {conversation.preview ? (
                    <span className="vck-conversation-preview">{conversation.preview.text}</span>
                  ) : null}
                  <time className="vck-conversation-time" dateTime={conversation.updatedAt}>
                    {formatWhen(conversation.updatedAt, locale)}
                  </time>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {failed ? (
        <p className="vck-conversations-state" role="alert">
          {labels.conversationOpenFailed}
        </p>
      ) : null}
    </nav>
  );
}
