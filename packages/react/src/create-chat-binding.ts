import {
  createChatEngine,
  type ChatEngine,
  type ChatEngineOptions,
  type ChatStorage,
  type ChatStoreState,
} from '@vapi-chat-kit/core';
import { createFrameBatchedStore, type FrameBatchedStore } from './create-frame-batched-store';
import { animationFrameScheduler, type FrameScheduler } from './frame-scheduler';

/**
 * Options of one chat: core's engine options (transport, greeting, transcript, persistence…) plus when
 * React hears of changes. Callbacks are the hook's own (`useVapiChat({ onFinish })`).
 *
 * @example
 * const options: ChatOptions = { transport, chatId: 'support', persist: persistChat('local'), greeting: 'Hi!' };
 */
export interface ChatOptions extends Omit<ChatEngineOptions, 'onFinish' | 'onError' | 'memoryStorage'> {
  /** When React hears of store changes. @default {@link animationFrameScheduler} */
  readonly scheduleFrame?: FrameScheduler | undefined;
}

/**
 * One chat as React sees it: core's {@link ChatEngine} (state, actions, tabs, persistence) and a
 * frame-batched view of its state. Made once per chat (per chatId under a provider).
 *
 * @example
 * const binding = createChatBinding({ transport, chatId: 'support', persist: persistChat('local') });
 * const disconnect = binding.connect();
 */
export interface ChatBinding extends ChatEngine {
  /** The state as React reads it: at most one change per frame while a reply streams. */
  readonly view: FrameBatchedStore<ChatStoreState>;
}

/**
 * Creates a {@link ChatBinding}. Touches no browser global until `connect()` (from an effect), except
 * reading `storage`, which on a server holds nothing.
 *
 * @example
 * const binding = createChatBinding({ transport: proxyTransport({ baseUrl: '/api' }), persist: persistChat('session') });
 */
export function createChatBinding(options: ChatOptions, memoryStorage?: () => ChatStorage): ChatBinding {
  // Callbacks reach a chat through the components that use it (`addCallbacks`), never at its creation (a
  // hook's options carry its own): a chat shared by several components calls each one's.
  const engine = createChatEngine({ ...options, onFinish: undefined, onError: undefined, memoryStorage });
  const { state } = engine;
  return {
    ...engine,
    view: createFrameBatchedStore(
      state,
      options.scheduleFrame ?? animationFrameScheduler,
      state.getInitialState(),
    ),
  };
}
