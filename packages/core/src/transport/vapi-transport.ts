import { VapiChatStreamParser } from '../protocol/vapi-chat-stream-parser';
import { ProtocolError } from '../errors/protocol-error';
import { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatEvent } from '../protocol/chat-event';
import { eventsFromVapiChat } from '../protocol/json-reply-events';
import { parseJsonObject, stringField } from '../protocol/parse-json';
import type { VapiCreateChatRequest } from '../protocol/vapi-chat';
import type { ChatTransport, ChatTurnRequest } from './chat-transport';
import { errorFromResponse } from './error-from-response';
import { postJson, streamTurn } from './stream-turn';
import {
  assertServerSide,
  assistantFields,
  type AssistantOptions,
  defaultVapiBaseUrl,
  joinUrl,
  resolveFetch,
  type TransportOptions,
  turnInput,
  vapiHeaders,
} from './transport-options';

export interface VapiTransportOptions extends TransportOptions, AssistantOptions {
  /** Vapi's private key. Server-side only. */
  readonly apiKey: string;
  /** @default 'https://api.vapi.ai' */
  readonly baseUrl?: string | undefined;
  /**
   * How turns are chained: `'previous-chat'` sends the last chat's id as `previousChatId`; `'session'`
   * creates a Vapi session (`POST /session`) on the first turn and sends its `sessionId` after that.
   * An expired or unknown session is replaced by a new one once, quietly (the new `sessionId` shows in the
   * turn's events).
   * @default 'previous-chat'
   */
  readonly chaining?: 'previous-chat' | 'session' | undefined;
  /** Set only in tests that run in a DOM environment: this transport holds a private key. */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Vapi's `POST /chat`, for servers (private key).
 *
 * @example
 * const transport = vapiTransport({ apiKey: process.env.VAPI_API_KEY!, assistantId });
 * const store = createChatStore({ transport });
 * await store.getState().send('How do I reset my password?');
 */
export function vapiTransport(options: VapiTransportOptions): ChatTransport {
  assertServerSide('vapiTransport', options.dangerouslyAllowBrowser);
  const baseUrl = options.baseUrl ?? defaultVapiBaseUrl;
  const fetcher = resolveFetch(options);
  const stream = options.stream ?? true;
  const chaining = options.chaining ?? 'previous-chat';
  const headers = vapiHeaders(options.headers, options.apiKey, stream);

  const chatTurn = (
    request: ChatTurnRequest,
    context: Omit<VapiCreateChatRequest, 'input' | 'stream'>,
  ): AsyncGenerator<ChatEvent> =>
    streamTurn(
      {
        url: joinUrl(baseUrl, '/chat'),
        headers,
        body: { ...context, input: turnInput(request), stream },
        signal: request.signal,
        fetch: fetcher,
      },
      () => new VapiChatStreamParser(),
      eventsFromVapiChat,
    );

  const assistant = assistantFields(options);

  /** `POST /session` with the configured assistant; the new session's id, or why there is none. */
  async function createSession(signal: AbortSignal | undefined): Promise<string | VapiChatError> {
    const url = joinUrl(baseUrl, '/session');
    const response = await postJson({ url, headers, body: assistant, signal, fetch: fetcher });
    if (VapiChatError.isInstance(response)) return response;
    if (!response.ok) return errorFromResponse(response);
    const parsed = parseJsonObject(await response.text(), 'The new session');
    if (!parsed.ok) return parsed.error;
    return stringField(parsed.value, 'id') ?? new ProtocolError('The new session has no id');
  }

  async function* sessionTurn(request: ChatTurnRequest): AsyncGenerator<ChatEvent> {
    const existing = request.chain.sessionId;
    const sessionId = existing ?? (await createSession(request.signal));
    if (typeof sessionId !== 'string') {
      yield { type: 'error', error: sessionId };
      return;
    }
    const events = withSession(chatTurn(request, { sessionId }), sessionId);
    if (existing === undefined) {
      yield* events;
      return;
    }
    // A session that expired or was completed is refused before anything is generated, so asking again
    // in a new session cannot answer the turn twice.
    const first = await events.next();
    if (!first.done && first.value.type === 'error' && first.value.error.code === 'invalid-request') {
      await events.return(undefined);
      const fresh = await createSession(request.signal);
      if (typeof fresh === 'string') yield* withSession(chatTurn(request, { sessionId: fresh }), fresh);
      else yield { type: 'error', error: fresh };
      return;
    }
    if (!first.done) yield first.value;
    yield* events;
  }

  return {
    sendTurn(request) {
      if (chaining === 'session') return sessionTurn(request);
      return chatTurn(request, { ...assistant, previousChatId: request.chain.chatId });
    },
  };
}

/** Makes sure the turn's events name the session, even where Vapi's chunks leave it out. */
async function* withSession(events: AsyncGenerator<ChatEvent>, sessionId: string): AsyncGenerator<ChatEvent> {
  for await (const event of events) {
    yield event.type === 'turn-start' || event.type === 'turn-end'
      ? { ...event, sessionId: event.sessionId ?? sessionId }
      : event;
  }
}
