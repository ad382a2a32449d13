import type { VapiAssistantOverrides, VapiInputMessage, VapiTransientAssistant } from './vapi-chat';

/**
 * Vapi's `POST /chat/responses` (and `/chat/web/responses`): OpenAI Responses shapes (reference §6).
 * `stream` defaults to `true` here, unlike `/chat`.
 */
export interface VapiResponsesRequest {
  readonly input: string | readonly VapiInputMessage[];
  readonly assistantId?: string;
  readonly assistant?: VapiTransientAssistant;
  readonly assistantOverrides?: VapiAssistantOverrides;
  readonly sessionId?: string;
  /** The previous `ResponseObject.id`, which is the chat id. */
  readonly previousChatId?: string;
  readonly stream?: boolean;
  /** Accepted for OpenAI compatibility and ignored: the assistant's model is used. */
  readonly model?: string;
}

export interface VapiResponseOutputText {
  readonly type: 'output_text';
  readonly text: string;
  readonly annotations?: readonly unknown[];
}

export interface VapiResponseOutputMessage {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly status?: 'in_progress' | 'completed' | 'incomplete';
  readonly content: readonly VapiResponseOutputText[];
}

/** The non-streaming reply, and the `response` of `response.completed`. Its `id` chains as `previousChatId`. */
export interface VapiResponseObject {
  readonly id: string;
  readonly object: 'response';
  readonly created_at?: number;
  readonly status?: 'completed' | 'failed' | 'in_progress' | 'incomplete';
  readonly error?: string | null;
  readonly output: readonly VapiResponseOutputMessage[];
}

/** The stream events of the spec. (OpenAI's extra events, e.g. `response.created`, are tolerated by the parser.) */
export type VapiResponseStreamEvent =
  | {
      readonly type: 'response.output_text.delta';
      readonly item_id: string;
      readonly output_index: number;
      readonly content_index: number;
      readonly delta: string;
    }
  | {
      readonly type: 'response.output_text.done';
      readonly item_id: string;
      readonly output_index: number;
      readonly content_index: number;
      readonly text: string;
    }
  | { readonly type: 'response.completed'; readonly response: VapiResponseObject }
  | {
      readonly type: 'error';
      readonly code: string;
      readonly message: string;
      readonly param?: string;
      readonly sequence_number: number;
    };
