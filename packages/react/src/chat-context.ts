import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ChatBinding, ChatOptions } from './create-chat-binding';
import type { ChatRegistry } from './create-chat-registry';

/** What a `ChatProvider` gives the tree: its registry and the defaults of its chats. */
export interface ChatRegistryContextValue {
  readonly registry: ChatRegistry;
  readonly defaults: Partial<ChatOptions>;
  /**
   * The QueryClient the provider's server-state hooks share when the app has none: made by the first of
   * them (`useServerQueryClient`), so an app that uses none does not bundle TanStack Query's client.
   */
  readonly server: { queryClient?: QueryClient };
}

export const ChatRegistryContext = createContext<ChatRegistryContextValue | undefined>(undefined);

/** The chat the subtree is about: set by `ChatProvider` and `Chat.Root`. */
export const ChatBindingContext = createContext<ChatBinding | undefined>(undefined);

/**
 * The current chat (from `ChatProvider` or `Chat.Root`); throws outside them.
 *
 * @example
 * const binding = useChatBinding('useChatSelector');
 */
export function useChatBinding(caller: string): ChatBinding {
  const binding = useContext(ChatBindingContext);
  if (binding === undefined) {
    throw new Error(
      `${caller} must be used inside <ChatProvider> or <Chat.Root>: it reads the chat they provide.`,
    );
  }
  return binding;
}
