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
