import {
  createChatStore,
  type ChatMessage,
  type ChatSnapshot,
  type ChatStore,
  type ChatStoreState,
  type CreateChatStoreOptions,
  type VapiChatError,
} from '@vapi-chat-kit/core';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createMemoryStorage, type ChatStorage } from './chat-storage';
import { createFrameBatchedStore, type FrameBatchedStore } from './create-frame-batched-store';
import { animationFrameScheduler, type FrameScheduler } from './frame-scheduler';
import type { ChatPersistence, ChatTabState } from './persist-chat';

/**
 * Options of one chat: the store's options (transport, greeting, rate limit…) plus where it is kept.
 *
 * @example
 * const options: ChatOptions = { transport, chatId: 'support', persist: persistChat('local'), greeting: 'Hi!' };
 */
export interface ChatOptions extends Omit<
  CreateChatStoreOptions,
  'messages' | 'chain' | 'chainsBeforeTurn' | 'onFinish' | 'onError'
> {
  /** Names the chat: components with the same id (under one `ChatProvider`) share it. @default 'default' */
  readonly chatId?: string | undefined;
  /**
   * How the chat is kept across reloads and tabs ({@link persistChat}); nothing is kept without it.
   * @example persist: persistChat('local')
   */
  readonly persist?: ChatPersistence | undefined;
  /** When React hears of store changes. @default {@link animationFrameScheduler} */
  readonly scheduleFrame?: FrameScheduler | undefined;
}

/**
 * Callbacks a component registers on a chat; every registered set is called.
 *
 * @example
 * binding.addCallbacks({ onFinish: (message) => analytics.track('reply', message.id) });
 */
export interface ChatCallbacks {
  readonly onFinish?: ((message: ChatMessage) => void) | undefined;
  readonly onError?: ((error: VapiChatError) => void) | undefined;
}

/**
 * The intents a UI sends, guarded so that a tab cannot send while another tab's turn is in flight.
 * Their identities never change for a chat.
 *
 * @example
 * const { send } = binding.actions;
 * void send('Hello');
 */
export interface ChatActions {
  readonly send: (text: string) => Promise<void>;
  readonly stop: () => void;
  readonly retry: (messageId: string) => Promise<void>;
  readonly regenerate: () => Promise<void>;
  readonly reset: () => void;
  readonly restore: (snapshot: ChatSnapshot) => void;
  readonly endConversation: () => Promise<void>;
}

/**
 * One chat as React sees it: the core store, a frame-batched view of it, the tab state, guarded
 * actions, persistence and tab sync. Made once per chat (per chatId under a provider).
 *
 * @example
 * const binding = createChatBinding({ transport, chatId: 'support', persist: persistChat('local') });
 * const disconnect = binding.connect();
 */
export interface ChatBinding {
  readonly chatId: string;
  readonly store: ChatStore;
  /** The longest message the transport takes (`transport.maxMessageLength`), for the composer. */
  readonly maxMessageLength: number | undefined;
  readonly view: FrameBatchedStore<ChatStoreState>;
  readonly tabs: StoreApi<ChatTabState>;
  readonly actions: ChatActions;
  /** Starts tab sync while someone uses the chat; returns the matching disconnect (reference counted). */
  readonly connect: () => () => void;
  readonly addCallbacks: (callbacks: { readonly current: ChatCallbacks }) => () => void;
}

/**
 * Creates a {@link ChatBinding}. Touches no browser global until `connect()` (from an effect), except
 * reading `storage`, which on a server holds nothing.
 *
 * @example
 * const binding = createChatBinding({ transport: proxyTransport({ baseUrl: '/api' }), persist: persistChat('session') });
 */
export function createChatBinding(
  options: ChatOptions,
  memoryStorage: () => ChatStorage = createMemoryStorage,
): ChatBinding {
  const chatId = options.chatId ?? 'default';
  const callbacks = new Set<{ readonly current: ChatCallbacks }>();
  const store = createChatStore({
    ...options,
    onFinish: (message) => {
      for (const callback of callbacks) callback.current.onFinish?.(message);
    },
    onError: (error) => {
      for (const callback of callbacks) callback.current.onError?.(error);
    },
  });
  const serverSnapshot = store.getState();
  const tabs = createStore<ChatTabState>()(() => ({ busyElsewhere: false }));
  const persistence = options.persist?.attach({ chatId, store, tabs, memoryStorage });

  const state = (): ChatStoreState => store.getState();
  const blocked = (): boolean => tabs.getState().busyElsewhere;
  const actions: ChatActions = {
    send: (text) => (blocked() ? Promise.resolve() : state().send(text)),
    stop: () => state().stop(),
    retry: (messageId) => (blocked() ? Promise.resolve() : state().retry(messageId)),
    regenerate: () => (blocked() ? Promise.resolve() : state().regenerate()),
    reset: () => state().reset(),
    restore: (snapshot) => state().restore(snapshot),
    endConversation: () => state().endConversation(),
  };

  return {
    chatId,
    store,
    maxMessageLength: options.transport.maxMessageLength,
    view: createFrameBatchedStore(store, options.scheduleFrame ?? animationFrameScheduler, serverSnapshot),
    tabs,
    actions,
    connect: persistence === undefined ? () => () => undefined : persistence.connect,
    addCallbacks: (callback) => {
      callbacks.add(callback);
      return () => {
        callbacks.delete(callback);
      };
    },
  };
}
