import type { ChatStore } from '@vapi-chat-kit/core';
import { useChatBinding } from './chat-context';

/**
 * The current chat's core store (`getState`, `setState`, `subscribe`), for code outside React's render
 * (analytics, imperative sends). Throws outside `ChatProvider`/`Chat.Root`.
 *
 * @example
 * const store = useChatStore();
 * useEffect(() => store.subscribe((state) => console.log(state.status)), [store]);
 */
export function useChatStore(): ChatStore {
  return useChatBinding('useChatStore').store;
}
