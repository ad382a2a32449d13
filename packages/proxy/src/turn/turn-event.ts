import type { ProxyStreamErrorCode, ProxyStreamEvent } from '@vapi-chat-kit/core/protocol';

/** Subscribes to a turn's events: the ones so far at once, then each as it happens. Returns the unsubscribe. */
export type TurnEventSource = (listener: (event: ProxyStreamEvent) => void) => () => void;

/** Starting a turn: its events (a new run, a replay, or the live run of the same key), or why not. */
export type TurnStart =
  | { readonly ok: true; readonly source: TurnEventSource; readonly replayed: boolean }
  | { readonly ok: false; readonly reason: 'busy' | 'key-reused' };

/**
 * The texts and HTTP statuses of each failure, shared by the stream's `error` event and `POST /v1/chat`.
 *
 * @example
 * failureByCode.timeout; // { status: 504, error: 'The reply took too long' }
 */
export const failureByCode: Readonly<
  Record<ProxyStreamErrorCode, { readonly status: 402 | 429 | 500 | 502 | 504; readonly error: string }>
> = {
  upstream_error: { status: 502, error: 'The assistant is unavailable' },
  upstream_unauthorized: { status: 502, error: 'The proxy is not authorised by Vapi' },
  payment_required: { status: 402, error: 'The Vapi account needs billing attention' },
  rate_limited: { status: 429, error: 'Too many requests' },
  timeout: { status: 504, error: 'The reply took too long' },
  internal_error: { status: 500, error: 'Internal server error' },
};

/** An `error` event for `code`. */
export function errorEvent(code: ProxyStreamErrorCode, retryAfter?: number): ProxyStreamEvent {
  return {
    event: 'error',
    data: { error: failureByCode[code].error, code, ...(retryAfter === undefined ? {} : { retryAfter }) },
  };
}

/** Whether the event ends the turn. */
export function isTerminal(event: ProxyStreamEvent): boolean {
  return event.event === 'done' || event.event === 'error';
}
