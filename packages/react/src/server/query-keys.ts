import type { QueryClient } from '@tanstack/react-query';
import {
  fetchProxyHistory,
  transcriptFromHistory,
  type ChatTranscript,
  type ProxyRequestOptions,
} from '@vapi-chat-kit/core';
import { queryKeyRoot } from './use-server-query-client';

/**
 * The query keys of the kit's server state, by proxy: a signed-in visitor's conversation list, a stored
 * transcript, and the rating of one reply. Invalidate `chatQueryKeys.all()` to refetch everything.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: chatQueryKeys.conversations('/api', 'user-42') });
 */
export const chatQueryKeys = {
  all: () => [queryKeyRoot] as const,
  conversations: (baseUrl: string, visitorId: string) =>
    [queryKeyRoot, 'conversations', baseUrl, visitorId] as const,
  history: (baseUrl: string, sessionId: string | undefined, conversationId: string | undefined) =>
    [queryKeyRoot, 'history', baseUrl, sessionId, conversationId] as const,
  rating: (baseUrl: string, conversationId: string | undefined, messageId: string) =>
    [queryKeyRoot, 'rating', baseUrl, conversationId, messageId] as const,
};

/**
 * The query of a stored transcript (`GET /v1/chat/history`): its key and how to fetch it. Every hook that
 * reads one shares it, so a transcript is fetched once for all of them. Its data is core's
 * `ChatTranscript`, mapped once: the chat restores those very messages, so the cache and the chat hold one
 * copy (and a refetch that changed nothing keeps them, by TanStack Query's structural sharing).
 *
 * @example
 * const transcript = await queryClient.fetchQuery(historyQuery(options, sessionId, conversationId));
 */
export function historyQuery(
  options: ProxyRequestOptions,
  sessionId: string | undefined,
  conversationId: string | undefined,
) {
  const { baseUrl, widgetKey, visitorToken, fetch, headers } = options;
  return {
    queryKey: chatQueryKeys.history(baseUrl, sessionId, conversationId),
    queryFn: async ({ signal }: { readonly signal: AbortSignal }): Promise<ChatTranscript> =>
      transcriptFromHistory(
        await fetchProxyHistory({
          baseUrl,
          widgetKey,
          visitorToken,
          fetch,
          headers,
          sessionId: sessionId ?? '',
          conversationId: conversationId ?? '',
          signal,
        }),
      ),
  };
}

/**
 * Puts the ratings a transcript carries into the rating queries (`null` for an unrated reply), so a reply
 * read from the proxy shows the visitor's rating without a request of its own.
 *
 * @example
 * seedRatings(queryClient, '/api', await queryClient.fetchQuery(historyQuery(options, sessionId, conversationId)));
 */
export function seedRatings(client: QueryClient, baseUrl: string, transcript: ChatTranscript): void {
  for (const message of transcript.messages) {
    if (message.role === 'assistant') {
      client.setQueryData(
        chatQueryKeys.rating(baseUrl, transcript.conversationId, message.id),
        transcript.ratings[message.id] ?? null,
      );
    }
  }
}
