import { vapiMessageMaxLength } from '../protocol/vapi-chat';
import { eventsFromVapiResponse } from '../protocol/json-reply-events';
import { VapiResponsesStreamParser } from '../protocol/vapi-responses-stream-parser';
import type { ChatTransport } from './chat-transport';
import {
  assertServerSide,
  assistantFields,
  type AssistantOptions,
  defaultVapiBaseUrl,
  resolveFetch,
  type TransportOptions,
} from './transport-options';
import { sendChainedTurn, type VapiChainNotice } from './vapi-chaining';

export interface ResponsesTransportOptions extends TransportOptions, AssistantOptions {
  /** Vapi's private key. Server-side only. */
  readonly apiKey: string;
  /** @default 'https://api.vapi.ai' */
  readonly baseUrl?: string | undefined;
  /** Told once when a conversation's chain is replaced. @default a `console.warn` */
  readonly onChainReplaced?: ((notice: VapiChainNotice) => void) | undefined;
  /** Set only in tests that run in a DOM environment: this transport holds a private key. */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Vapi's OpenAI-Responses-shaped `POST /chat/responses` (private key). Turns chain through
 * `previousChatId` = the last `response.id`; a conversation whose chain is lost or refused goes on in a
 * Vapi session given its messages (see {@link sendChainedTurn}). `stream` is sent explicitly, since this
 * endpoint's default (`true`) differs from `/chat`'s.
 *
 * @example
 * const transport = responsesTransport({ apiKey: process.env.VAPI_API_KEY!, assistantId });
 */
export function responsesTransport(options: ResponsesTransportOptions): ChatTransport {
  assertServerSide('responsesTransport', options.dangerouslyAllowBrowser);
  const chaining = {
    endpoint: '/chat/responses',
    baseUrl: options.baseUrl ?? defaultVapiBaseUrl,
    key: options.apiKey,
    fetch: resolveFetch(options),
    headers: options.headers,
    stream: options.stream ?? true,
    assistant: assistantFields(options),
    chaining: 'previous-chat',
    format: { createParser: () => new VapiResponsesStreamParser(), fromJson: eventsFromVapiResponse },
    onChainReplaced: options.onChainReplaced,
  } as const;
  return {
    // A turn request is a chained turn: its text, chain, context, history and signal.
    sendTurn: (request) => sendChainedTurn(chaining, request),
    maxMessageLength: vapiMessageMaxLength,
  };
}
