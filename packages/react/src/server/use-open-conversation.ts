import {
  conversationSnapshot,
  type ProxyConversationSummary,
  type ProxyRequestOptions,
} from '@vapi-chat-kit/core';
import { useCallback } from 'react';
import { useChatBinding } from '../chat-context';
import { historyQuery, seedRatings } from './query-keys';
import { useServerQueryClient } from './use-server-query-client';

/** What {@link useOpenConversation} gives: reopen a listed conversation, or start a new one. */
export interface OpenConversation {
  /**
   * Reads the conversation's stored transcript (fresh, through the query cache) and makes it the current
   * chat's, so the next message continues it there, with the
   * assistant's context. Ratings stored with it are seeded into the rating queries. Rejects with a typed
   * error; the current conversation is left as it was.
   */
  readonly open: (
    conversation: Pick<ProxyConversationSummary, 'conversationId' | 'sessionId'>,
  ) => Promise<void>;
  /** Starts a new conversation (the current one stays on the server, in the visitor's list). */
  readonly startNew: () => void;
}

/**
 * Opens a signed-in visitor's conversation in the current chat (inside `Chat.Root` or `ChatProvider`), on
 * any device: the list's `sessionId` and `conversationId` are all it needs, with the visitor's token.
 *
 * @example
 * const { open, startNew } = useOpenConversation({ baseUrl: '/api', widgetKey, visitorToken });
 * <button onClick={() => void open(conversation)}>{conversation.title}</button>
 */
export function useOpenConversation(options: ProxyRequestOptions): OpenConversation {
  const binding = useChatBinding('useOpenConversation');
  const client = useServerQueryClient();
  const { baseUrl, widgetKey, visitorToken, fetch, headers } = options;
  const open = useCallback<OpenConversation['open']>(
    async ({ conversationId, sessionId }) => {
      const transcript = await client.fetchQuery({
        ...historyQuery({ baseUrl, widgetKey, visitorToken, fetch, headers }, sessionId, conversationId),
        // Always read fresh: the conversation may have moved on since (here or on another device).
        staleTime: 0,
      });
      seedRatings(client, baseUrl, transcript);
      // The cached transcript's own messages become the chat's: one copy, no mapping here.
      binding.actions.restore(conversationSnapshot(transcript, sessionId));
    },
    [binding, client, baseUrl, widgetKey, visitorToken, fetch, headers],
  );
  const startNew = useCallback(() => binding.actions.reset(), [binding]);
  return { open, startNew };
}
