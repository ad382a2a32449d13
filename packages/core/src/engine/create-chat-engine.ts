import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VapiChatError } from '../errors/vapi-chat-error';
import { createMemoryStorage, type ChatStorage } from '../persist/chat-storage';
import type { ChatPersistence, ChatTabState } from '../persist/persist-chat';
import type { ChatMessage } from '../state/chat-state';
import {
  createChatStore,
  type ChatStoreActions,
  type ChatStoreState,
  type CreateChatStoreOptions,
} from '../store/create-chat-store';

/**
 * Options of {@link createChatEngine}: the store's options (transport, greeting, transcript, rate
 * limit…) plus the chat's name and where it is kept.
 *
 * @example
 * const options: ChatEngineOptions = { transport, chatId: 'support', persist: persistChat('local') };
 */
export interface ChatEngineOptions extends Omit<CreateChatStoreOptions, 'isBusyElsewhere'> {
  /** Names the chat: its storage key and tab channel. @default 'default' */
  readonly chatId?: string | undefined;
  /**
   * How the chat is kept across reloads and tabs ({@link persistChat}); nothing is kept without it.
   * @example persist: persistChat('local')
   */
  readonly persist?: ChatPersistence | undefined;
  /** The map behind `persistChat('memory')`. @default a new one per engine */
  readonly memoryStorage?: (() => ChatStorage) | undefined;
}

/**
 * Callbacks registered on a chat; every registered set is called.
 *
 * @example
 * engine.addCallbacks({ current: { onFinish: (message) => track('reply', message.id) } });
 */
export interface ChatCallbacks {
  readonly onFinish?: ((message: ChatMessage) => void) | undefined;
  readonly onError?: ((error: VapiChatError) => void) | undefined;
}

/**
 * A chat's state to read and follow, without a way to write it: every change goes through an action.
 *
 * @example
 * const unsubscribe = engine.state.subscribe((state) => render(state.messages));
 */
export type ChatStateHandle = Pick<StoreApi<ChatStoreState>, 'getState' | 'getInitialState' | 'subscribe'>;

/**
 * One chat, whatever renders it (React, a terminal, a test): its state, its actions, its tabs and its
 * persistence. Every rule of a chat lives here or below; a binding only subscribes, selects and calls
 * `connect()` while it is shown.
 *
 * @example
 * const engine = createChatEngine({ transport, chatId: 'support', persist: persistChat('local') });
 * const disconnect = engine.connect();
 * await engine.actions.send('Where is my order?');
 */
export interface ChatEngine {
  readonly chatId: string;
  /** The chat's state (read and subscribe only). */
  readonly state: ChatStateHandle;
  /** The intents; the same functions as `state.getState()`'s, and they never change identity. */
  readonly actions: ChatStoreActions;
  /** Other tabs of this chat (`busyElsewhere`), kept by the persistence's tab sync. */
  readonly tabs: Pick<StoreApi<ChatTabState>, 'getState' | 'subscribe'>;
  /** The longest message the transport takes (`transport.maxMessageLength`), for a composer. */
  readonly maxMessageLength: number | undefined;
  /** Starts tab sync while someone uses the chat; returns the matching disconnect (reference counted). */
  readonly connect: () => () => void;
  /** Adds `onFinish`/`onError` callbacks (read through `current` at each call); returns their removal. */
  readonly addCallbacks: (callbacks: { readonly current: ChatCallbacks }) => () => void;
}

/**
 * Creates a {@link ChatEngine}: the store, its tab lock (another tab's turn in flight blocks `send`,
 * `retry` and `regenerate` in the store itself, whoever calls them) and its persistence. Touches no
 * browser global until `connect()`, except reading the storage, which on a server holds nothing.
 *
 * @example
 * const engine = createChatEngine({ transport: proxyTransport({ baseUrl: '/api' }), persist: persistChat('session') });
 */
export function createChatEngine(options: ChatEngineOptions): ChatEngine {
  const chatId = options.chatId ?? 'default';
  const callbacks = new Set<{ readonly current: ChatCallbacks }>();
  const tabs = createStore<ChatTabState>()(() => ({ busyElsewhere: false }));
  const store = createChatStore({
    ...options,
    onFinish: (message) => {
      options.onFinish?.(message);
      for (const callback of callbacks) callback.current.onFinish?.(message);
    },
    onError: (error) => {
      options.onError?.(error);
      for (const callback of callbacks) callback.current.onError?.(error);
    },
    isBusyElsewhere: () => tabs.getState().busyElsewhere,
  });
  const persistence = options.persist?.attach({
    chatId,
    store,
    tabs,
    memoryStorage: options.memoryStorage ?? createMemoryStorage,
  });
  const { getState, getInitialState, subscribe } = store;
  const { send, stop, retry, regenerate, reset, restore, clearError, endConversation }: ChatStoreActions =
    getState();
  return {
    chatId,
    state: { getState, getInitialState, subscribe },
    actions: { send, stop, retry, regenerate, reset, restore, clearError, endConversation },
    tabs: { getState: tabs.getState, subscribe: tabs.subscribe },
    maxMessageLength: options.transport.maxMessageLength,
    connect: persistence === undefined ? () => () => undefined : persistence.connect,
    addCallbacks: (callback) => {
      callbacks.add(callback);
      return () => {
        callbacks.delete(callback);
      };
    },
  };
}
