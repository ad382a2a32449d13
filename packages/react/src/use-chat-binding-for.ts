import { useContext, useState } from 'react';
import { ChatBindingContext, ChatRegistryContext } from './chat-context';
import { createChatBinding, type ChatBinding, type ChatOptions } from './create-chat-binding';
import { warnFrozenOptions } from './warn-frozen-options';

// Bundlers replace it, as React itself needs: the warnings below are left out of production bundles.
declare const process: { env: { NODE_ENV?: string } };

/**
 * The chat a hook with `options` is bound to:
 * - under a `ChatProvider`: the provider's chat `options.chatId` (or the current chat, or `'default'`),
 *   created with `options` over the provider's defaults if it does not exist yet;
 * - with no provider: a chat of its own, made from `options` (it needs a `transport`);
 * - with no options, inside `Chat.Root`/`ChatProvider`: the current chat.
 *
 * @example
 * const binding = useChatBindingFor({ transport, chatId: 'support' });
 */
export function useChatBindingFor(options: Partial<ChatOptions>): ChatBinding {
  const registry = useContext(ChatRegistryContext);
  const current = useContext(ChatBindingContext);
  const own = registry === undefined && options.transport !== undefined;
  const key = own ? (options.chatId ?? 'default') : undefined;
  const [owned, setOwned] = useState<{ key: string; binding: ChatBinding } | undefined>(() =>
    key === undefined || options.transport === undefined
      ? undefined
      : { key, binding: createChatBinding({ ...options, transport: options.transport }) },
  );
  let ownBinding = owned?.binding;
  if (key !== undefined && options.transport !== undefined && owned?.key !== key) {
    // A new chatId is a new chat: replace it during render, as React's "adjusting state" pattern does.
    const next = { key, binding: createChatBinding({ ...options, transport: options.transport }) };
    setOwned(next);
    ownBinding = next.binding;
  }
  if (ownBinding !== undefined && own) {
    if (process.env.NODE_ENV !== 'production') warnFrozenOptions(ownBinding, options);
    return ownBinding;
  }

  if (
    registry !== undefined &&
    (options.chatId !== undefined || options.transport !== undefined || current === undefined)
  ) {
    const chatId = options.chatId ?? current?.chatId ?? registry.defaults.chatId ?? 'default';
    const binding = registry.registry.get({ ...registry.defaults, ...options, chatId });
    if (process.env.NODE_ENV !== 'production') warnFrozenOptions(binding, options);
    return binding;
  }
  if (current !== undefined) return current;
  throw new Error(
    'useVapiChat needs a `transport` option, or a <ChatProvider> (or <Chat.Root>) above it that provides the chat.',
  );
}
