/**
 * Vapi's `POST /chat` on the wire (reference §2–§4). Types only, readonly, no logic.
 * Field names follow Vapi's OpenAPI spec; comments note what the spec leaves open.
 */

/** Vapi caps the content of a message at 10,000 characters (reference §2.1). */
export const vapiMessageMaxLength = 10_000;

/** A message of `input`, OpenAI-style. (The spec's `SystemMessage`/`UserMessage` are transcript types: unusable.) */
export type VapiInputMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string; readonly name?: string }
  | {
      readonly role: 'assistant';
      readonly content?: string;
      readonly refusal?: string;
      readonly tool_calls?: readonly VapiToolCall[];
      readonly name?: string;
    }
  | { readonly role: 'tool'; readonly content: string; readonly tool_call_id: string; readonly name?: string }
  | { readonly role: 'developer'; readonly content: string; readonly name?: string };

export interface VapiToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** Only variable substitution works in chat; other overrides are ignored by Vapi. */
export interface VapiAssistantOverrides {
  readonly variableValues?: Readonly<Record<string, unknown>>;
}

/** A transient assistant. Vapi's `CreateAssistantDTO` is large; the fields a chat uses are named. */
export interface VapiTransientAssistant {
  readonly name?: string;
  readonly firstMessage?: string;
  readonly model?: {
    readonly provider?: string;
    readonly model?: string;
    readonly messages?: readonly VapiInputMessage[];
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/**
 * `CreateChatDTO`. Exactly one way of keeping context: `sessionId` or `previousChatId`, never both;
 * no `assistantId`/`assistant` with `sessionId` (the session fixes the assistant).
 */
export interface VapiCreateChatRequest {
  readonly input: string | readonly VapiInputMessage[];
  readonly assistantId?: string;
  readonly assistant?: VapiTransientAssistant;
  readonly assistantOverrides?: VapiAssistantOverrides;
  readonly squadId?: string;
  readonly sessionId?: string;
  readonly previousChatId?: string;
  readonly name?: string;
  readonly stream?: boolean;
}

/** A message of `Chat.messages` or `Chat.output`. */
export interface VapiChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool' | 'developer';
  readonly content?: string | null;
  readonly tool_calls?: readonly VapiToolCall[];
  readonly tool_call_id?: string;
  readonly name?: string;
}

/** The `Chat` object: the non-streaming reply of `POST /chat`, and `GET /chat/{id}`. */
export interface VapiChat {
  readonly id: string;
  readonly orgId: string;
  readonly assistantId?: string;
  readonly sessionId?: string;
  readonly previousChatId?: string;
  readonly name?: string;
  readonly input?: string | readonly VapiInputMessage[];
  readonly messages?: readonly VapiChatMessage[];
  /** The newly generated messages; the reply is usually `output[0].content`. Keep every item. */
  readonly output?: readonly VapiChatMessage[];
  readonly cost?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * One event of a `POST /chat` (or `/chat/web`) stream: `data: {"id","sessionId"?,"path","delta"}`.
 * `path` is `chat.output[N].content`. No terminal event is documented: the turn ends when the body closes.
 * Tolerated extras seen in clients: a chunk carrying a whole `output`, and a literal `[DONE]`.
 */
export interface VapiChatStreamChunk {
  readonly id?: string;
  readonly sessionId?: string;
  readonly path?: string;
  readonly delta?: string;
  readonly output?: string | readonly VapiChatMessage[];
}

/** `CreateWebChatDTO`: `POST /chat/web`, public key, context by session only. */
export interface VapiCreateWebChatRequest {
  readonly input: string | readonly VapiInputMessage[];
  readonly assistantId?: string;
  readonly assistant?: VapiTransientAssistant;
  readonly assistantOverrides?: VapiAssistantOverrides;
  /** Continue a session; a missing, expired or completed one is replaced by a new session. */
  readonly sessionId?: string;
  readonly sessionExpirationSeconds?: number;
  readonly customer?: Readonly<Record<string, unknown>>;
  readonly stream?: boolean;
  /** Completes the session; the message sent with it is not processed. */
  readonly sessionEnd?: boolean;
}

/** `WebChat`: the non-streaming reply of `POST /chat/web`. */
export interface VapiWebChat {
  readonly id: string;
  readonly sessionId?: string;
  readonly output: readonly VapiChatMessage[];
}

/** Vapi's error body (NestJS default). Validation errors carry a list of messages. */
export interface VapiErrorBody {
  readonly message: string | readonly string[];
  readonly error?: string;
  readonly statusCode?: number;
}
