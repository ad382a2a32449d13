import type { ChatStoreState } from '@vapi-chat-kit/core';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useChatBinding } from './chat-context';
import type { ChatBinding } from './create-chat-binding';

/**
 * Reads a slice of the current chat and re-renders only when that slice changes (`Object.is`, or
 * `isEqual`), at most once per animation frame. Pair it with core's selectors: `selectMessageIds` for a
 * list, `selectMessageById(id)` per bubble, so a token re-renders only the live bubble. Throws outside
 * `ChatProvider`/`Chat.Root`.
 *
 * @example
 * const ids = useChatSelector(selectMessageIds);
 * const status = useChatSelector((state) => state.status);
 */
export function useChatSelector<T>(
  selector: (state: ChatStoreState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  return useBindingSelector(useChatBinding('useChatSelector'), selector, isEqual);
}

/** {@link useChatSelector} over a given chat. */
export function useBindingSelector<T>(
  binding: ChatBinding,
  selector: (state: ChatStoreState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const { view } = binding;
  // Memoize per snapshot, and keep the previous result while it is equal, so an inline selector that
  // builds a new object does not loop and does not re-render for an equal value.
  const memo = useRef<{ state: ChatStoreState; value: T } | undefined>(undefined);
  const select = useCallback(
    (state: ChatStoreState): T => {
      const last = memo.current;
      if (last !== undefined && last.state === state) return last.value;
      const value = selector(state);
      if (last !== undefined && isEqual(last.value, value)) {
        memo.current = { state, value: last.value };
        return last.value;
      }
      memo.current = { state, value };
      return value;
    },
    [selector, isEqual],
  );
  return useSyncExternalStore(
    view.subscribe,
    () => select(view.getSnapshot()),
    () => select(view.getServerSnapshot()),
  );
}
