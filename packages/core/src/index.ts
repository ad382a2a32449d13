// The public API of @vapi-chat-kit/core, listed by name (STYLE.md rule 12).

// errors
export { AbortedError } from './errors/aborted-error';

export { InvalidRequestError } from './errors/invalid-request-error';
export { NetworkError } from './errors/network-error';
export { PaymentRequiredError } from './errors/payment-required-error';
export { ProtocolError } from './errors/protocol-error';
export { RateLimitedError } from './errors/rate-limited-error';
export { UnauthorizedError } from './errors/unauthorized-error';
export { UpstreamError } from './errors/upstream-error';
export {
  VapiChatError,
  type VapiChatErrorCode,
  type VapiChatErrorJson,
  type VapiChatErrorOptions,
} from './errors/vapi-chat-error';
export { errorFromJson } from './errors/error-from-json';

// ids
export { randomId } from './id/random-id';

// protocol
export type { ChatEvent } from './protocol/chat-event';
export {
  type ProxyConversationSummary,
  type ProxyHistoryMessage,
  type ProxyHistoryResponse,
  type ProxyMessageRating,
} from './protocol/proxy-protocol';

export { readChatEvents, type ReadChatEventsOptions } from './protocol/read-chat-events';
export { vapiMessageMaxLength } from './protocol/vapi-chat';
export { exceedsMessageLength } from './transport/message-length';

// sse

// transport
export type {
  ChatChain,
  ChatContextMessage,
  ChatTransport,
  ChatTurnRequest,
} from './transport/chat-transport';

export {
  fetchProxyHistory,
  proxyTransport,
  type FetchProxyHistoryOptions,
  type ProxyTransportOptions,
} from './transport/proxy-transport';
export type { ProxyRequestOptions } from './transport/proxy-request';
// signed-in visitors: their conversations on any device, and ratings of replies
export {
  fetchVisitorConversations,
  rateProxyMessage,
  type FetchVisitorConversationsOptions,
  type RateProxyMessageOptions,
} from './transport/proxy-visitor';
export { responsesTransport, type ResponsesTransportOptions } from './transport/responses-transport';
export {
  type AssistantOptions,
  type FetchFunction,
  type TransportOptions,
} from './transport/transport-options';
export { type VapiChainNotice } from './transport/vapi-chaining';
export { vapiTransport, type VapiTransportOptions } from './transport/vapi-transport';
export { vapiWebTransport, type VapiWebTransportOptions } from './transport/vapi-web-transport';

// state

export {
  selectChain,
  selectError,
  selectIsBusy,
  selectLastAssistantMessage,
  selectMessageById,
  selectMessageIds,
  selectMessages,
  selectRateLimitedUntil,
  selectStatus,
} from './state/chat-selectors';
export type {
  ChatActiveTurn,
  ChatMessage,
  ChatMessageRole,
  ChatMessageStatus,
  ChatSnapshot,
  ChatState,
  ChatStatus,
} from './state/chat-state';

// store
export {
  type ChatRateLimitOptions,
  type ChatStoreActions,
  type ChatStoreState,
  type CreateChatStoreOptions,
} from './store/create-chat-store';

// engine: one chat, its tabs and its persistence
export {
  createChatEngine,
  type ChatCallbacks,
  type ChatEngine,
  type ChatEngineOptions,
  type ChatStateHandle,
} from './engine/create-chat-engine';

// persistence
export {
  persistChat,
  type ChatChannel,
  type ChatPersistence,
  type ChatPersistenceContext,
  type ChatTabState,
  type PersistChatOptions,
} from './persist/persist-chat';
export {
  createMemoryStorage,
  createWebStorage,
  type ChatStorage,
  type ChatStorageOption,
} from './persist/chat-storage';
export {
  chatSnapshotVersion,
  fromChatSnapshotJson,
  toChatSnapshotJson,
  type ChatSnapshotJson,
} from './persist/chat-snapshot-json';
export {
  conversationSnapshot,
  snapshotFromHistory,
  transcriptFromHistory,
  type ChatTranscript,
  type HistoryReplace,
} from './persist/history-snapshot';
