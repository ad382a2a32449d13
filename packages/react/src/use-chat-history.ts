import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import {
  snapshotFromHistory,
  type ChatTranscript,
  type FetchProxyHistoryOptions,
  type HistoryReplace,
} from '@vapi-chat-kit/core';
import { useEffect } from 'react';
import { useChatBinding } from './chat-context';
import { historyQuery, seedRatings } from './server/query-keys';
import { useServerQueryClient } from './server/use-server-query-client';
import { useBindingSelector } from './use-chat-selector';

/**
 * Options of {@link useChatHistory}: where the proxy is, and when its copy replaces the local one.
 *
 * @example
 * const options: UseChatHistoryOptions = { baseUrl: '/api', widgetKey: 'wk_site' };
 */
export interface UseChatHistoryOptions extends Pick<
  FetchProxyHistoryOptions,
  'baseUrl' | 'widgetKey' | 'visitorToken' | 'fetch' | 'headers'
> {
  /** Set false to hold the request. @default true */
  readonly enabled?: boolean | undefined;
  /**
   * `'if-empty'`: the proxy's transcript is shown only when this device has none of the user's messages
   * (a new device, or storage that kept only the chain), so a local failed message is never dropped.
   * `'always'`: the proxy's copy replaces the local one whenever it is read. (Core's `snapshotFromHistory`.)
   * @default 'if-empty'
   */
  readonly replace?: HistoryReplace | undefined;
}

/**
 * Restores the current chat from the proxy (`GET /v1/chat/history`) through TanStack Query, once the
 * chat knows its `sessionId` and `conversationId` (e.g. a chain kept in storage). Uses the app's
 * QueryClient when there is one, else the `ChatProvider`'s, else one of its own: no
 * `QueryClientProvider` is required. Never while a turn is in flight, and with `'if-empty'` never once the
 * user wrote on this device (so a conversation's first turn fetches nothing).
 *
 * @example
 * function History() {
 *   const history = useChatHistory({ baseUrl: '/api', widgetKey: 'wk_site' });
 *   return history.isFetching ? <p>Loading the conversation…</p> : null;
 * }
 */
export function useChatHistory(options: UseChatHistoryOptions): UseQueryResult<ChatTranscript> {
  const binding = useChatBinding('useChatHistory');
  const client = useServerQueryClient();
  const sessionId = useBindingSelector(binding, (state) => state.chain.sessionId);
  const conversationId = useBindingSelector(binding, (state) => state.chain.conversationId);
  const replace = options.replace ?? 'if-empty';
  // With 'if-empty', the proxy's copy is wanted only while this device has none of the user's messages: no
  // request at all once the user wrote here (the first turn of every conversation would fetch for nothing).
  const wanted = useBindingSelector(
    binding,
    (state) => replace === 'always' || !state.messages.some((message) => message.role === 'user'),
  );
  const query = useQuery(
    {
      ...historyQuery(options, sessionId, conversationId),
      enabled: options.enabled !== false && wanted && sessionId !== undefined && conversationId !== undefined,
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    },
    client,
  );
  const { data } = query;
  // The query's transcript (mapped once, in the query) becomes the chat's own: restore keeps its messages
  // array, so the cache and the chat's store share one copy and nothing is mapped or copied here.
  useEffect(() => {
    if (data === undefined) return;
    const snapshot = snapshotFromHistory(binding.state.getState(), data, replace);
    if (snapshot === undefined) return;
    seedRatings(client, options.baseUrl, data);
    binding.actions.restore(snapshot);
  }, [binding, client, data, replace, options.baseUrl]);
  return query;
}
