import { eventsFromVapiResponse } from '../protocol/json-reply-events';
import type { ChatTransport } from './chat-transport';
import { streamTurn } from './stream-turn';
import {
  assertServerSide,
  type AssistantOptions,
  defaultVapiBaseUrl,
  joinUrl,
  resolveFetch,
  type TransportOptions,
  turnInput,
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
  const headers = {
    ...options.headers,
    authorization: `Bearer ${options.apiKey}`,
    ...(stream ? { accept: 'text/event-stream' } : {}),
  };
  const fixed = {
    ...(options.assistantId === undefined ? {} : { assistantId: options.assistantId }),
    ...(options.assistant === undefined ? {} : { assistant: options.assistant }),
    ...(options.assistantOverrides === undefined ? {} : { assistantOverrides: options.assistantOverrides }),
  };

  return {
    sendTurn(request) {
      const previousChatId = request.chain.chatId;
      const body = {
        ...fixed,
        input: turnInput(request),
        stream,
        ...(previousChatId === undefined ? {} : { previousChatId }),
      };
      return streamTurn(
        { url, headers, body, signal: request.signal, fetch: fetcher },
        'vapi-responses',
        eventsFromVapiResponse,
      );
    },
  };
}
