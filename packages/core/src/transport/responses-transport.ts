import { VapiResponsesStreamParser } from '../protocol/vapi-responses-stream-parser';
import { eventsFromVapiResponse } from '../protocol/json-reply-events';
import type { ChatTransport } from './chat-transport';
import { streamTurn } from './stream-turn';
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

export interface ResponsesTransportOptions extends TransportOptions, AssistantOptions {
  /** Vapi's private key. Server-side only. */
  readonly apiKey: string;
  /** @default 'https://api.vapi.ai' */
  readonly baseUrl?: string | undefined;
  /** Set only in tests that run in a DOM environment: this transport holds a private key. */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Vapi's OpenAI-Responses-shaped `POST /chat/responses` (private key). Turns chain through
 * `previousChatId` = the last `response.id`. `stream` is sent explicitly, since this endpoint's default
 * (`true`) differs from `/chat`'s.
 *
 * @example
 * const transport = responsesTransport({ apiKey: process.env.VAPI_API_KEY!, assistantId });
 */
export function responsesTransport(options: ResponsesTransportOptions): ChatTransport {
  assertServerSide('responsesTransport', options.dangerouslyAllowBrowser);
  const url = joinUrl(options.baseUrl ?? defaultVapiBaseUrl, '/chat/responses');
  const fetcher = resolveFetch(options);
  const stream = options.stream ?? true;
  const headers = vapiHeaders(options.headers, options.apiKey, stream);
  const assistant = assistantFields(options);

  return {
    sendTurn(request) {
      const body = { ...assistant, previousChatId: request.chain.chatId, input: turnInput(request), stream };
      return streamTurn(
        { url, headers, body, signal: request.signal, fetch: fetcher },
        () => new VapiResponsesStreamParser(),
        eventsFromVapiResponse,
      );
    },
  };
}
