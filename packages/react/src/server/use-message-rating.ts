import { useMutation, useQuery } from '@tanstack/react-query';
import {
  rateProxyMessage,
  type ChatMessage,
  type ProxyMessageRating,
  type ProxyRequestOptions,
  type VapiChatError,
} from '@vapi-chat-kit/core';
import { useChatBinding } from '../chat-context';
import { useBindingSelector } from '../use-chat-selector';
import { chatQueryKeys } from './query-keys';
import { useServerQueryClient } from './use-server-query-client';

/** What {@link useMessageRating} gives for one reply. */
export interface MessageRating {
  /** The reply's rating as the visitor sees it: at once after `rate` (optimistic), the server's after. */
  readonly rating: ProxyMessageRating | null;
  /** Whether this reply can be rated: a finished reply stored by the proxy, in a conversation it knows. */
  readonly canRate: boolean;
  /** Rates it (`null` removes the rating). Shows at once; a refusal puts the previous rating back. */
  readonly rate: (value: 'up' | 'down' | null, comment?: string) => void;
  /** Why the last `rate` failed, until the next one. */
  readonly error: VapiChatError | null;
  readonly isPending: boolean;
}

/**
 * The rating of one assistant reply of the current chat (inside `Chat.Root` or `ChatProvider`): thumbs up
 * or down and an optional comment, stored by the proxy (`POST /v1/chat/rating`). Server state in TanStack
 * Query: optimistic, rolled back when the proxy refuses.
 *
 * @example
 * const { rating, rate, canRate } = useMessageRating(message, { baseUrl: '/api', widgetKey });
 * <button aria-pressed={rating?.value === 'up'} onClick={() => rate(rating?.value === 'up' ? null : 'up')}>👍</button>
 */
export function useMessageRating(message: ChatMessage, options: ProxyRequestOptions): MessageRating {
  const binding = useChatBinding('useMessageRating');
  const client = useServerQueryClient();
  const sessionId = useBindingSelector(binding, (state) => state.chain.sessionId);
  const conversationId = useBindingSelector(binding, (state) => state.chain.conversationId);
  // A reply finished through the proxy, or read from it, knows the id it is stored under.
  const messageId = message.remoteId ?? message.id;
  const canRate =
    message.role === 'assistant' &&
    message.status === 'done' &&
    message.remoteId !== undefined &&
    sessionId !== undefined &&
    conversationId !== undefined;
  const queryKey = chatQueryKeys.rating(options.baseUrl, conversationId, messageId);
  const { data } = useQuery<ProxyMessageRating | null>(
    {
      queryKey,
      // Ratings come with a transcript read (seeded) or from a rating's answer: never fetched one by one.
      queryFn: () => client.getQueryData<ProxyMessageRating | null>(queryKey) ?? null,
      enabled: false,
      initialData: null,
      staleTime: Number.POSITIVE_INFINITY,
    },
    client,
  );
  const mutation = useMutation<
    ProxyMessageRating | null,
    VapiChatError,
    { value: 'up' | 'down' | null; comment?: string | undefined },
    { previous: ProxyMessageRating | null }
  >(
    {
      // One reply's ratings are sent one after the other, so the last choice is the one stored.
      scope: { id: JSON.stringify(queryKey) },
      mutationFn: ({ value, comment }) =>
        rateProxyMessage({
          ...options,
          sessionId: sessionId ?? '',
          conversationId: conversationId ?? '',
          messageId,
          value,
          comment,
        }),
      onMutate: async ({ value, comment }) => {
        await client.cancelQueries({ queryKey });
        const previous = client.getQueryData<ProxyMessageRating | null>(queryKey) ?? null;
        client.setQueryData<ProxyMessageRating | null>(
          queryKey,
          value === null
            ? null
            : { value, ...(comment ? { comment } : {}), ratedAt: new Date().toISOString() },
        );
        return { previous };
      },
      onError: (_error, _variables, context) => client.setQueryData(queryKey, context?.previous ?? null),
      onSuccess: (stored) => client.setQueryData(queryKey, stored),
    },
    client,
  );
  return {
    rating: data ?? null,
    canRate,
    rate: (value, comment) => {
      if (canRate) mutation.mutate({ value, comment });
    },
    error: mutation.error,
    isPending: mutation.isPending,
  };
}
