// @vapi-chat-kit/core/protocol: the wire, for code that speaks it (the proxy, a server of your own, tests):
// Vapi's and the proxy's wire types, the parsers, the SSE decoder, Vapi chaining, the reducer. An app that
// renders a chat needs none of it: the main entry has the transports, the engine and the types it uses.
export { errorFromStatus, type ErrorDetails } from './errors/error-from-status';
export type { ChatStreamFormat } from './protocol/chat-event';
export {
  proxyMessageMaxLength,
  proxyRatingCommentMaxLength,
  proxySessionIdPattern,
  proxyVisitorTokenHeader,
  type ProxyChatRequest,
  type ProxyChatResponse,
  type ProxyConversationList,
  type ProxyErrorBody,
  type ProxyRatingRequest,
  type ProxyRatingResponse,
  type ProxyStreamErrorCode,
  type ProxyStreamEvent,
} from './protocol/proxy-protocol';
export { ProxyStreamParser } from './protocol/proxy-stream-parser';
export type {
  VapiAssistantOverrides,
  VapiChat,
  VapiChatMessage,
  VapiChatStreamChunk,
  VapiCreateChatRequest,
  VapiCreateWebChatRequest,
  VapiErrorBody,
  VapiInputMessage,
  VapiToolCall,
  VapiTransientAssistant,
  VapiWebChat,
} from './protocol/vapi-chat';
export { VapiChatStreamParser } from './protocol/vapi-chat-stream-parser';
export type {
  VapiResponseObject,
  VapiResponseOutputMessage,
  VapiResponseOutputText,
  VapiResponsesRequest,
  VapiResponseStreamEvent,
} from './protocol/vapi-responses';
export { VapiResponsesStreamParser } from './protocol/vapi-responses-stream-parser';
export { readSse, SseReadError, type SseReadFailure } from './sse/read-sse';
export { SseDecoder, sseMaxEventSize, type SseMessage } from './sse/sse-decoder';
export { errorFromResponse, parseRetryAfter } from './transport/error-from-response';
export { defaultVapiBaseUrl } from './transport/transport-options';
export {
  sendChainedTurn,
  vapiChatKitUserAgent,
  type VapiChainedTurn,
  type VapiChainingOptions,
  type VapiChatEndpoint,
} from './transport/vapi-chaining';
export {
  eventsFromProxyReply,
  eventsFromVapiChat,
  eventsFromVapiResponse,
} from './protocol/json-reply-events';
export { chatReducer, type ChatAction } from './state/chat-reducer';
export { createChatState, type CreateChatStateOptions } from './state/create-chat-state';
// The bare store: its zustand `setState` is public here, so an app uses createChatEngine (main entry).
export { createChatStore, type ChatStore } from './store/create-chat-store';
