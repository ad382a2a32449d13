import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import {
  fetchVisitorConversations,
  selectIsBusy,
  VapiChatError,
  type ProxyConversationSummary,
  type ProxyRequestOptions,
} from '@vapi-chat-kit/core';
import { useContext, useEffect } from 'react';
import { ChatBindingContext } from '../chat-context';
import type { ChatBinding } from '../create-chat-binding';
import { chatQueryKeys } from './query-keys';
import { useServerQueryClient } from './use-server-query-client';

/** Options of {@link useVisitorConversations}. */
export interface UseVisitorConversationsOptions extends ProxyRequestOptions {
  /**
   * The signed-in visitor (the id the site knows them by): keeps one visitor's list from showing to the
   * next one who signs in on this device. `undefined` (signed out): no request.
   */
  readonly visitorId: string | undefined;
  /** How many, newest first (1–100). @default 50 */
  readonly limit?: number | undefined;
  /** Set false to hold the request. @default true */
  readonly enabled?: boolean | undefined;
}

/** How long a fetched list is fresh: a focus or a reconnect within it does not fetch again. */
const listStaleMs = 30_000;

/**
 * A signed-in visitor's conversations, newest first, on any device (`GET /v1/conversations`): server
 * state in TanStack Query, cached per visitor, refetched when the window regains focus or the network
 * comes back, and when a turn of the current chat ends (inside `Chat.Root` or `ChatProvider`).
 *
 * @example
 * const { data: conversations = [] } = useVisitorConversations({ baseUrl: '/api', widgetKey, visitorToken, visitorId });
 */
export function useVisitorConversations(
  options: UseVisitorConversationsOptions,
): UseQueryResult<ProxyConversationSummary[]> {
  const client = useServerQueryClient();
  const { baseUrl, visitorId } = options;
  const queryKey = chatQueryKeys.conversations(baseUrl, visitorId ?? '');
  const query = useQuery(
    {
      queryKey,
      queryFn: ({ signal }) => fetchVisitorConversations({ ...options, signal }),
      enabled: options.enabled !== false && visitorId !== undefined,
      staleTime: listStaleMs,
      // Once more for a lost connection or a server error; never for a refusal (a token to renew).
      retry: (failures, error) =>
        failures < 1 &&
        (!VapiChatError.isInstance(error) || error.code === 'network' || error.code === 'upstream'),
    },
    client,
  );
  useInvalidateOnTurnEnd(useContext(ChatBindingContext), client, queryKey);
  return query;
}

/**
 * Marks `queryKey` stale when a turn of `binding` ends (busy → idle), so the list shows the new last
 * message. A turn that never started (refused before sending) changes nothing.
 */
function useInvalidateOnTurnEnd(
  binding: ChatBinding | undefined,
  client: QueryClient,
  queryKey: readonly unknown[],
) {
  const key = JSON.stringify(queryKey);
  useEffect(() => {
    if (binding === undefined) return undefined;
    let busy = selectIsBusy(binding.state.getState());
    return binding.state.subscribe((state) => {
      const now = selectIsBusy(state);
      if (busy && !now) void client.invalidateQueries({ queryKey: JSON.parse(key) as unknown[] });
      busy = now;
    });
  }, [binding, client, key]);
}
