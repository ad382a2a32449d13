import {
  selectIsBusy,
  type ChatMessage,
  type ChatCallbacks,
  type ChatStatus,
  type ChatStoreActions,
  type ChatStoreState,
  type ChatTabState,
  type VapiChatError,
} from '@vapi-chat-kit/core';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ChatBinding, ChatOptions } from './create-chat-binding';
import { useChatBindingFor } from './use-chat-binding-for';
import { useOnlineStatus } from './use-online-status';
import { warnIgnoredTransport } from './warn-frozen-options';

// Bundlers replace it, as React itself needs: development-only warnings are left out of production.
declare const process: { env: { NODE_ENV?: string } };

/**
 * Options of {@link useVapiChat}: the chat's options (read when the chat is created) and callbacks
 * (always the latest ones).
 *
 * @example
 * const options: UseVapiChatOptions = { transport, chatId: 'support', persist: persistChat('local'), onError: report };
 */
export interface UseVapiChatOptions extends Partial<ChatOptions> {
  /** Called once per reply that ends, `done` or `stopped`. */
  readonly onFinish?: ((message: ChatMessage) => void) | undefined;
  /** Called once per failed turn (not for a stop, nor for a 429 being waited out). */
  readonly onError?: ((error: VapiChatError) => void) | undefined;
}

/**
 * What {@link useVapiChat} returns. State fields are tracked: a component re-renders only when a field
 * it has read changes (at most once per animation frame). Actions never change identity.
 *
 * @example
 * const { messages, status, send } = useVapiChat({ transport });
 */
export interface UseVapiChatResult extends ChatStoreActions {
  /** The transcript, oldest first. A new array per token while a reply streams. */
  readonly messages: readonly ChatMessage[];
  /** `'idle' | 'submitted' | 'streaming' | 'error'`; `'submitted'` = waiting for the first token. */
  readonly status: ChatStatus;
  /** The last turn's error while `status` is `'error'`. */
  readonly error: VapiChatError | undefined;
  /** Epoch ms until which a rate-limited turn waits before it is sent again. */
  readonly rateLimitedUntil: number | undefined;
  /** `status` is `'submitted'` or `'streaming'`. */
  readonly isBusy: boolean;
  /** The browser reports no network (`navigator.onLine`). Nothing is re-sent when it returns. */
  readonly isOffline: boolean;
  /** Another tab of this chat has a turn in flight; `send`, `retry` and `regenerate` wait for it. */
  readonly isBusyElsewhere: boolean;
  readonly chatId: string;
  /** The chat itself; pass it to `<Chat.Root chat={…}>`. */
  readonly binding: ChatBinding;
}

type TrackedKey = 'messages' | 'status' | 'error' | 'rateLimitedUntil' | 'isBusy';

const trackedValue: Record<TrackedKey, (state: ChatStoreState) => unknown> = {
  messages: (state) => state.messages,
  status: (state) => state.status,
  error: (state) => state.error,
  rateLimitedUntil: (state) => state.rateLimitedUntil,
  isBusy: selectIsBusy,
};

const selectBusyElsewhere = (state: ChatTabState): boolean => state.busyElsewhere;

/**
 * The headless chat hook: state plus stable actions, over any core transport. It takes or creates a
 * store (see {@link ChatProvider} for sharing one by `chatId`) and selects from it; no network code lives
 * here. React hears of changes at most once per animation frame, and only for the fields the component
 * read, so `const { send } = useVapiChat(…)` never re-renders while a reply streams.
 *
 * @example
 * function Support() {
 *   const { messages, status, send, stop } = useVapiChat({
 *     transport: proxyTransport({ baseUrl: '/api', widgetKey: 'wk_site' }),
 *     chatId: 'support',
 *     persist: persistChat('local'),
 *     greeting: 'Hi! How can I help?',
 *   });
 *   return (
 *     <>
 *       {messages.map((message) => <p key={message.id}>{message.text}</p>)}
 *       {status === 'streaming' ? <button onClick={stop}>Stop</button> : null}
 *       <button onClick={() => void send('Where is my order?')}>Ask</button>
 *     </>
 *   );
 * }
 */
export function useVapiChat(options: UseVapiChatOptions = {}): UseVapiChatResult {
  const binding = useChatBindingFor(options);
  const { view, tabs } = binding;

  const callbacks = useRef<ChatCallbacks>({ onFinish: options.onFinish, onError: options.onError });
  useLayoutEffectOnClient(() => {
    callbacks.current = { onFinish: options.onFinish, onError: options.onError };
  });
  useEffect(() => binding.addCallbacks(callbacks), [binding]);
  useEffect(() => binding.connect(), [binding]);
  // A transport of this component's own, for a chat that already existed, is not used: say so (development).
  const [transportAtMount] = useState(options.transport);
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production') warnIgnoredTransport(binding, transportAtMount);
  }, [binding, transportAtMount]);

  // The fields this component has read; only their changes re-render it (as TanStack Query's tracked results).
  // A mutable set kept in state (not a ref): getters add to it while rendering, listeners read it later.
  const [tracked] = useState(() => new Set<TrackedKey>());
  const subscribe = useCallback(
    (listener: () => void) => {
      let last = view.getSnapshot();
      return view.subscribe(() => {
        const next = view.getSnapshot();
        const previous = last;
        last = next;
        for (const key of tracked) {
          if (!Object.is(trackedValue[key](previous), trackedValue[key](next))) {
            listener();
            return;
          }
        }
      });
    },
    [view, tracked],
  );
  const state = useSyncExternalStore(subscribe, view.getSnapshot, view.getServerSnapshot);
  const online = useOnlineStatus();
  const busyElsewhere = useSyncExternalStore(
    tabs.subscribe,
    () => selectBusyElsewhere(tabs.getState()),
    () => false,
  );

  // Only while hydrating does React render a state other than the latest (the server's): keep to it then,
  // so the markup matches the server's.
  const hydrating = state !== view.getSnapshot();
  return useMemo(() => {
    const result = {
      ...binding.actions,
      isOffline: !online,
      isBusyElsewhere: busyElsewhere,
      chatId: binding.chatId,
      binding,
    } as UseVapiChatResult;
    for (const key of Object.keys(trackedValue) as TrackedKey[]) {
      Object.defineProperty(result, key, {
        enumerable: true,
        get: () => {
          tracked.add(key);
          // The latest flushed state: the same as `state` during render, and never stale when a result is
          // read later (in a handler, or a field read for the first time after it changed).
          return trackedValue[key](hydrating ? state : view.getSnapshot());
        },
      });
    }
    return result;
  }, [binding, view, state, hydrating, online, busyElsewhere, tracked]);
}

// useLayoutEffect warns on a server in React 18; the callbacks only matter on the client anyway.
const useLayoutEffectOnClient = typeof window === 'undefined' ? useEffect : useLayoutEffect;
