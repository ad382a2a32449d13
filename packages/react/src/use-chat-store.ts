import type { ChatStateHandle } from '@vapi-chat-kit/core';
import { useChatBinding } from './chat-context';

/**
 * The current chat's state to read and follow (`getState`, `subscribe`; no `setState`), for code outside
 * React's render: analytics, or imperative sends through `getState().send`, which keep the tab lock.
 * Throws outside `ChatProvider`/`Chat.Root`.
 *
 * @example
 * const store = useChatStore();
 * useEffect(() => store.subscribe((state) => console.log(state.status)), [store]);
 */
export function useChatStore(): ChatStateHandle {
  return useChatBinding('useChatStore').state;
}
