import { createMemoryStorage, type ChatStorage } from '@vapi-chat-kit/core';
import { createChatBinding, type ChatBinding, type ChatOptions } from './create-chat-binding';

/**
 * The chats of one `ChatProvider`, by chatId: the first caller for an id creates its chat, later
 * callers share it (their options are ignored). One registry per provider, never one per module, so
 * two apps (or two server requests) never share a chat.
 *
 * @example
 * const registry = createChatRegistry();
 * registry.get({ transport, chatId: 'support' }) === registry.get({ transport, chatId: 'support' }); // true
 */
export interface ChatRegistry {
  /** The chat `options.chatId` (default `'default'`), created with `options` if it does not exist yet. */
  readonly get: (options: Partial<ChatOptions>) => ChatBinding;
  /** The chat `chatId`, if it exists. */
  readonly find: (chatId: string) => ChatBinding | undefined;
  /** The map behind `persistChat('memory')` for this registry's chats. */
  readonly memory: ChatStorage;
}

/**
 * Creates a {@link ChatRegistry}.
 *
 * @example
 * const registry = createChatRegistry();
 */
export function createChatRegistry(): ChatRegistry {
  const bindings = new Map<string, ChatBinding>();
  const memory = createMemoryStorage();
  return {
    memory,
    find: (chatId) => bindings.get(chatId),
    get: (options) => {
      const chatId = options.chatId ?? 'default';
      let binding = bindings.get(chatId);
      if (binding === undefined) {
        const { transport } = options;
        if (transport === undefined) {
          throw new Error(
            `The chat "${chatId}" does not exist yet, and no transport was given to create it.`,
          );
        }
        binding = createChatBinding({ ...options, transport, chatId }, () => memory);
        bindings.set(chatId, binding);
      }
      return binding;
    },
  };
}
