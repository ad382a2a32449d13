import { useContext, useEffect, useState, type ReactNode } from 'react';
import { ChatBindingContext, ChatRegistryContext, type ChatRegistryContextValue } from './chat-context';
import type { ChatOptions } from './create-chat-binding';
import { createChatRegistry } from './create-chat-registry';

/**
 * Props of {@link ChatProvider}: the defaults of its chats (any {@link ChatOptions}) and the chat its
 * subtree is about (`chatId`).
 *
 * @example
 * const props: ChatProviderProps = { transport, chatId: 'support', persist: persistChat('local'), children: null };
 */
export interface ChatProviderProps extends Partial<ChatOptions> {
  readonly children?: ReactNode;
}

/**
 * Holds the chats of a tree, by `chatId`: every hook and part under it with the same id shares one store.
 * Its props are the defaults of those chats; the chat with `chatId` (default `'default'`) becomes the
 * current chat of the subtree, read by `useChatSelector`, `useChatStore`, `useVapiChat()` and the parts.
 * Nested providers share the outer one's chats. Options are read when a chat is first created.
 *
 * @example
 * <ChatProvider transport={proxyTransport({ baseUrl: '/api' })} chatId="support" persist={persistChat('local')}>
 *   <SupportPanel />
 *   <UnreadBadge />
 * </ChatProvider>
 */
export function ChatProvider({ children, ...options }: ChatProviderProps): ReactNode {
  const outer = useContext(ChatRegistryContext);
  const [own] = useState<ChatRegistryContextValue | undefined>(() => {
    if (outer !== undefined) return undefined;
    return { registry: createChatRegistry(), defaults: options, server: {} };
  });
  const context = outer ?? own;
  if (context === undefined) throw new Error('unreachable: a ChatProvider has a registry');
  const merged = { ...context.defaults, ...options };
  const chatId = merged.chatId ?? 'default';
  // Without a transport the provider only holds chats; a chat that exists is still found by id.
  const binding =
    merged.transport === undefined
      ? context.registry.find(chatId)
      : context.registry.get({ ...merged, chatId });
  useEffect(() => binding?.connect(), [binding]);
  const tree = <ChatBindingContext.Provider value={binding}>{children}</ChatBindingContext.Provider>;
  return own === undefined ? (
    tree
  ) : (
    <ChatRegistryContext.Provider value={own}>{tree}</ChatRegistryContext.Provider>
  );
}
