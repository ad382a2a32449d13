// The public API of @vapi-chat-kit/react, listed by name (STYLE.md rule 12).

// hooks
export { useVapiChat, type UseVapiChatOptions, type UseVapiChatResult } from './use-vapi-chat';
export { useChatSelector } from './use-chat-selector';
export { useChatStore } from './use-chat-store';
export { useChatMessage } from './use-chat-message';
export { useChatHistory, type UseChatHistoryOptions } from './use-chat-history';
export { useOnlineStatus } from './use-online-status';

// server state (TanStack Query): a signed-in visitor's conversations, reopening one, rating replies
export { chatQueryKeys } from './server/query-keys';
export { useServerQueryClient } from './server/use-server-query-client';
export {
  useVisitorConversations,
  type UseVisitorConversationsOptions,
} from './server/use-visitor-conversations';
export { useOpenConversation, type OpenConversation } from './server/use-open-conversation';
export { useMessageRating, type MessageRating } from './server/use-message-rating';

// provider and chats
export { ChatProvider, type ChatProviderProps } from './chat-provider';
export { createChatBinding, type ChatBinding, type ChatOptions } from './create-chat-binding';
export { createChatRegistry, type ChatRegistry } from './create-chat-registry';
export {
  createFrameBatchedStore,
  type FrameBatchedStore,
  type ReadableStore,
} from './create-frame-batched-store';
export {
  animationFrameScheduler,
  pacedFrameScheduler,
  type FramePacingOptions,
  type FrameScheduler,
} from './frame-scheduler';

// parts: the `Chat` namespace (Chat.Root, Chat.Message…), with the props of each part
export { Chat } from './primitives/chat';
export type { ChatRootProps } from './primitives/chat-root';
export type { ChatMessagesProps } from './primitives/chat-messages';
export type {
  ChatErrorMessageProps,
  ChatMessageProps,
  ChatMessageTextProps,
  ChatRetryProps,
  ChatSessionMarkerProps,
} from './primitives/chat-message';
export {
  useChatComposer,
  type ChatCharacterCountProps,
  type ChatComposerProps,
  type ChatComposerState,
  type ChatRegenerateProps,
  type ChatSendProps,
  type ChatStopProps,
} from './primitives/chat-composer';
export type { ChatBannerState, ChatStatusBannerProps } from './primitives/chat-status-banner';
export { composeEventHandlers, composeRefs, Slot } from './primitives/slot';
