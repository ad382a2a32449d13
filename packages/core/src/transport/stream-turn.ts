import { AbortedError } from '../errors/aborted-error';
import { NetworkError } from '../errors/network-error';
import { ProtocolError } from '../errors/protocol-error';
import { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatEvent } from '../protocol/chat-event';
import { parseJsonObject } from '../protocol/parse-json';
import { readStreamEvents, type StreamParser } from '../protocol/read-stream-events';
import { errorFromResponse } from './error-from-response';
import type { FetchFunction } from './transport-options';

export interface TurnRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly signal?: AbortSignal | undefined;
  readonly fetch: FetchFunction;
}

/**
 * One HTTP turn, as events: POSTs JSON, then reads either a stream (`text/event-stream`, through
 * the format's stream parser) or a JSON reply (through `fromJson`, the format's parser). Every failure is a
 * final `error` event; nothing is retried here.
 */
export async function* streamTurn(
  request: TurnRequest,
  createParser: () => StreamParser,
  fromJson: (body: Record<string, unknown>) => ChatEvent[],
): AsyncGenerator<ChatEvent, void, undefined> {
  const { signal } = request;
  const response = await postJson(request);
  if (VapiChatError.isInstance(response)) {
    yield { type: 'error', error: response };
    return;
  }
  if (!response.ok) {
    yield { type: 'error', error: await errorFromResponse(response) };
    return;
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream')) {
    if (!response.body) {
      yield {
        type: 'error',
        error: new ProtocolError('The stream has no body', { status: response.status }),
      };
      return;
    }
    yield* readStreamEvents(response.body, createParser(), { signal });
    return;
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    yield { type: 'error', error: failure(cause, signal) };
    return;
  }
  // Vapi documents 200 and 201 with an empty object: any 2xx is a success, but it must carry a reply.
  const parsed = parseJsonObject(text, 'The reply');
  if (!parsed.ok) {
    yield { type: 'error', error: parsed.error };
    return;
  }
  yield* fromJson(parsed.value);
}

/** POSTs JSON; returns the response (any status), or the typed error when none arrived. */
export function postJson(request: TurnRequest): Promise<Response | VapiChatError> {
  return fetchOrError(request.fetch, request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: JSON.stringify(request.body),
    signal: request.signal ?? null,
  });
}

/** `fetch` that returns the typed error (`aborted` or `network`) instead of rejecting. */
export async function fetchOrError(
  fetcher: FetchFunction,
  url: string,
  init: RequestInit,
): Promise<Response | VapiChatError> {
  try {
    // One `Request` argument suits both `fetch` and handlers that take only a Request (Hono's
    // `app.fetch`, an emulator, a service binding).
    return await fetcher(new Request(url, init));
  } catch (cause) {
    return failure(cause, init.signal ?? undefined);
  }
}

function failure(cause: unknown, signal: AbortSignal | undefined): VapiChatError {
  if (signal?.aborted) return new AbortedError(undefined, { cause });
  return new NetworkError('The server could not be reached', { cause });
}
