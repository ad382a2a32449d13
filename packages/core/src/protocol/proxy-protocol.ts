/**
 * The proxy's HTTP contract (browser ⇄ proxy). Types only. See DESIGN.md and the proxy's README.
 */

/** `sessionId` matches {@link proxySessionIdPattern}; `message` is 1–4000 characters. */
export interface ProxyChatRequest {
  readonly sessionId: string;
  readonly message: string;
  /**
   * The greeting the visitor saw and answers, on a conversation's first turn. The proxy gives it to Vapi
   * only when the widget key lists it: the browser can name a greeting, never write one.
   */
  readonly greeting?: string | undefined;
}

/** A client-made conversation key: letters, digits and `._:-`, 1–128 characters. */
export const proxySessionIdPattern: RegExp = /^[A-Za-z0-9._:-]{1,128}$/;

/** The longest `message` the proxy accepts, in UTF-16 code units (`String.length`). */
export const proxyMessageMaxLength = 4000;

/** `POST /v1/chat` → 200. */
export interface ProxyChatResponse {
  readonly conversationId: string;
  readonly message: string;
}

/** The events of `POST /v1/chat/stream` (`event: <name>` + `data: <json>`), plus `: ping` comments while idle. */
export type ProxyStreamEvent =
  | {
      readonly event: 'start';
      readonly data: { readonly conversationId: string; readonly messageId: string };
    }
  | { readonly event: 'delta'; readonly data: { readonly text: string } }
  | { readonly event: 'done'; readonly data: { readonly conversationId: string; readonly message: string } }
  | {
      readonly event: 'error';
      /** `retryAfter` (seconds) comes with `rate_limited`. A client reads an unknown code as `upstream_error`. */
      readonly data: {
        readonly error: string;
        readonly code: ProxyStreamErrorCode;
        readonly retryAfter?: number;
      };
    };

/** The error codes a proxy stream's `error` event can carry. */
export type ProxyStreamErrorCode =
  | 'upstream_error'
  | 'upstream_unauthorized'
  | 'payment_required'
  | 'rate_limited'
  | 'timeout'
  | 'internal_error';

/** One stored turn of a conversation. `stopped` = the client went away mid-reply; the partial text is kept. */
export interface ProxyHistoryMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly status: 'done' | 'stopped' | 'failed';
  readonly createdAt: string;
  /** The visitor's rating of an assistant reply, when there is one. */
  readonly rating?: ProxyMessageRating | undefined;
}

/** A visitor's rating of an assistant reply: thumbs up or down, and an optional comment. */
export interface ProxyMessageRating {
  readonly value: 'up' | 'down';
  /** At most {@link proxyRatingCommentMaxLength} characters. */
  readonly comment?: string | undefined;
  /** ISO 8601, set by the proxy. */
  readonly ratedAt: string;
}

/** The longest rating comment the proxy accepts. */
export const proxyRatingCommentMaxLength = 1000;

/**
 * `POST /v1/chat/rating`: rates an assistant reply of the caller's conversation (found as the history is,
 * by `sessionId` and `conversationId`, and the visitor when a token is sent). `value: null` removes it.
 * → 200 {@link ProxyRatingResponse}.
 */
export interface ProxyRatingRequest {
  readonly sessionId: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly value: 'up' | 'down' | null;
  readonly comment?: string | undefined;
}

/** `POST /v1/chat/rating` → 200: the message's rating now (`null`: none). */
export interface ProxyRatingResponse {
  readonly messageId: string;
  readonly rating: ProxyMessageRating | null;
}

/**
 * The header that carries a visitor token: a short-lived JWT the site's backend signs for a signed-in
 * visitor (the proxy's `signVisitorToken`). With it, conversations belong to the visitor, on any device.
 */
export const proxyVisitorTokenHeader = 'X-Visitor-Token';

/** One of a visitor's conversations, in `GET /v1/conversations`. */
export interface ProxyConversationSummary {
  readonly conversationId: string;
  /** The `sessionId` that continues it (send it with the visitor's token). */
  readonly sessionId: string;
  /** The first question, shortened to 80 characters; empty before the first turn. */
  readonly title: string;
  /** The last message, shortened to 140 characters. */
  readonly preview?: { readonly role: 'user' | 'assistant'; readonly text: string } | undefined;
  /** The last message's status; `streaming` while a reply is being written; `empty` before any message. */
  readonly status: 'done' | 'stopped' | 'failed' | 'streaming' | 'empty';
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /v1/conversations` (a visitor token required) → 200: the visitor's conversations, newest first. */
export interface ProxyConversationList {
  readonly conversations: readonly ProxyConversationSummary[];
}

/** `GET /v1/chat/history?sessionId=…&conversationId=…` → 200. */
export interface ProxyHistoryResponse {
  readonly conversationId: string;
  readonly messages: readonly ProxyHistoryMessage[];
}

/**
 * Every proxy error body. The keys and texts of `error` never change; extra fields may be added.
 * 400 `Invalid request payload` · 401 `Unauthorized` · 429 `Too many requests` · 500 `Internal server error`.
 */
export interface ProxyErrorBody {
  readonly error: string;
  readonly code?: string;
  readonly details?: unknown;
  readonly retryAfter?: number;
}
