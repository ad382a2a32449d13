// The public API of the emulator package, listed by name (STYLE.md rule 12).

export { createEmulator, type Emulator } from './create-emulator';
export { defaultAssistantId, defaultOrgId, defaultPrivateKey, defaultPublicKey } from './default-credentials';
export {
  resolveEmulatorOptions,
  type EmulatorOptions,
  type PublicKeyConfig,
  type RateLimitConfig,
  type ResolvedEmulatorOptions,
  type StreamErrorBody,
} from './emulator-options';
export {
  emulatorVariants,
  parseVariantList,
  variantHeaderName,
  variantOptions,
  type EmulatorVariant,
  type EmulatorVariantName,
} from './variants/emulator-variants';
export type { CutMode, FaultPlan } from './fault/fault-plan';
export { parseFaultHeader } from './fault/parse-fault-header';
export { faultHeaderName } from './middleware/request-faults';
export { invalidKeyMessage } from './http/invalid-key-message';
export { billingMessages, type BillingGate } from './http/billing-messages';
export type {
  AssistantConfig,
  ReplyContext,
  ReplyFunction,
  ResolvedAssistant,
} from './model/assistant-config';
export { techflowAssistant } from './model/techflow-assistant';
export { techflowReply } from './model/techflow-reply';
export { splitIntoDeltas } from './model/split-into-deltas';
export type { Chat, ChatCost, ChatStreamChunk, WebChat } from './protocol/chat';
export type { ChatMessage, ChatMessageRole, ToolCall } from './protocol/chat-message';
export type { NestErrorBody } from './protocol/nest-error-body';
export type { ResponseObject, ResponseOutputMessage, ResponseOutputText } from './protocol/response-object';
export type { Session, SessionStatus } from './protocol/session';
export type { CombinationRule } from './validation/combination-rule';
