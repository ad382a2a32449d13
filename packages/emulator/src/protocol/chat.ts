import type { ChatMessage } from './chat-message';

/**
 * One entry of `Chat.costs` (reference §3).
 *
 * @example
 * const cost: ChatCost = { type: 'chat', cost: 0 };
 */
export type ChatCost =
  | {
      readonly type: 'model';
      readonly model: { readonly provider: string; readonly model: string };
      readonly promptTokens: number;
      readonly completionTokens: number;
      readonly cost: number;
    }
  | { readonly type: 'chat'; readonly cost: number };

/**
 * The `Chat` object of `POST /chat`, `GET /chat/{id}` and `DELETE /chat/{id}` (reference §3).
 *
 * @example
 * const chat = (await response.json()) as Chat; // chat.output[0].content
 */
export interface Chat {
  readonly id: string;
  readonly orgId: string;
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
  readonly squadId?: string;
  readonly squad?: Record<string, unknown>;
  readonly name?: string;
  readonly sessionId?: string;
  readonly input?: string | readonly ChatMessage[];
  readonly stream?: boolean;
  readonly previousChatId?: string;
  readonly messages: readonly ChatMessage[];
  readonly output: readonly ChatMessage[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly costs: readonly ChatCost[];
  readonly cost: number;
}

/**
 * The `WebChat` reply of `POST /chat/web` without streaming (reference §5).
 *
 * @example
 * const { sessionId } = (await response.json()) as WebChat;
 */
export interface WebChat {
  readonly id: string;
  readonly sessionId?: string;
  readonly output: readonly ChatMessage[];
}

/**
 * One `data:` event of a `/chat` or `/chat/web` stream: `CreateChatStreamResponse` (reference §4.1).
 *
 * @example
 * const chunk = JSON.parse(line.slice(6)) as ChatStreamChunk; // chunk.delta
 */
export interface ChatStreamChunk {
  readonly id: string;
  readonly sessionId?: string;
  readonly path: string;
  readonly delta: string;
}
