// The public API of @vapi-chat-kit/react, listed by name (STYLE.md rule 12).

// hooks
export { useVapiChat, type UseVapiChatOptions, type UseVapiChatResult } from './use-vapi-chat';
export { useChatSelector } from './use-chat-selector';
export { useChatStore } from './use-chat-store';
export { useChatMessage } from './use-chat-message';
export { useChatHistory, type UseChatHistoryOptions } from './use-chat-history';
export { useOnlineStatus } from './use-online-status';

// provider and chats
export { ChatProvider, type ChatProviderProps } from './chat-provider';
export { createChatBinding, type ChatBinding, type ChatOptions } from './create-chat-binding';
export { createChatRegistry, type ChatRegistry } from './create-chat-registry';
export {
  createFrameBatchedStore,
  type FrameBatchedStore,
  type ReadableStore,
} from './create-frame-batched-store';
export { animationFrameScheduler, type FrameScheduler } from './frame-scheduler';

// parts
export { Chat } from './primitives/chat';
export { ChatRoot, type ChatRootProps } from './primitives/chat-root';
export { ChatMessages, type ChatMessagesProps } from './primitives/chat-messages';
export {
  ChatErrorMessage,
  ChatMessage,
  ChatMessageText,
  ChatRetry,
  ChatSessionMarker,
  type ChatErrorMessageProps,
  type ChatMessageProps,
  type ChatMessageTextProps,
  type ChatRetryProps,
  type ChatSessionMarkerProps,
} from './primitives/chat-message';
export {
  ChatCharacterCount,
  ChatComposer,
  useChatComposer,
  type ChatComposerState,
  ChatRegenerate,
  ChatSend,
  ChatStop,
  type ChatCharacterCountProps,
  type ChatComposerProps,
  type ChatRegenerateProps,
  type ChatSendProps,
  type ChatStopProps,
} from './primitives/chat-composer';
export {
  ChatStatusBanner,
  type ChatBannerState,
  type ChatStatusBannerProps,
} from './primitives/chat-status-banner';
export { composeEventHandlers, composeRefs, Slot } from './primitives/slot';
