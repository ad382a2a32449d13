import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { ChatRegistryContext } from '../chat-context';

/**
 * The QueryClient the kit's server-state hooks use: the app's own (`QueryClientProvider`) when it has one,
 * else the `ChatProvider`'s, else one of this component's. No `QueryClientProvider` is required.
 *
 * @example
 * const client = useServerQueryClient();
 */
export function useServerQueryClient(): QueryClient {
  const appClient = useContext(QueryClientContext);
  const registry = useContext(ChatRegistryContext);
  const [ownClient] = useState(() =>
    appClient === undefined && registry === undefined ? new QueryClient() : undefined,
  );
  if (appClient !== undefined) return appClient;
  if (registry !== undefined) return (registry.server.queryClient ??= new QueryClient());
  return ownClient!;
}

/** The first part of every query key of the kit (`['vapi-chat-kit', …]`): invalidate them all with it. */
export const queryKeyRoot = 'vapi-chat-kit';
