import {
  ProtocolError,
  type ChatChain,
  type ChatContextMessage,
  type ChatEvent,
  type FetchFunction,
  type VapiChainNotice,
  type VapiChatError,
} from '@vapi-chat-kit/core';
import { eventsFromVapiChat, sendChainedTurn, VapiChatStreamParser } from '@vapi-chat-kit/core/protocol';
import type { UpstreamOptions } from '../proxy-options';
import type { ChainHandle } from '../store/conversation-store';

/** The answer to opening a turn: events to read, or why Vapi refused it (nothing was processed). */
export type UpstreamTurn =
  | { readonly ok: true; readonly events: AsyncIterable<ChatEvent> }
  | { readonly ok: false; readonly error: VapiChatError; readonly status?: number | undefined };

export interface UpstreamTurnRequest {
  readonly message: string;
  /** Added to the configured `variableValues` for this turn (a signed-in visitor's claims win). */
  readonly variableValues?: Readonly<Record<string, string>> | undefined;
  readonly chain: ChainHandle | undefined;
  /** Messages Vapi has not seen, before `message`, for a conversation it does not have yet (the greeting). */
  readonly context?: readonly ChatContextMessage[] | undefined;
  /** The conversation so far, read only when Vapi has lost the chain and it must be rebuilt. */
  readonly history: () => Promise<readonly ChatContextMessage[]>;
  readonly signal: AbortSignal;
  /** Told once when the conversation's chain at Vapi is replaced (for the log). */
  readonly onChainReplaced: (notice: VapiChainNotice) => void;
}

/** Vapi's `POST /chat`, streamed, with the private key. Only this module talks to Vapi. */
export interface VapiUpstream {
  openTurn(request: UpstreamTurnRequest): Promise<UpstreamTurn>;
}

/**
 * Calls Vapi for one turn through core's chaining module, the same one core's transports use: `POST /chat`
 * with `stream: true`, the configured assistant and the chain (`previousChatId` or `sessionId`; in `session`
 * mode a conversation's first turn creates the session). A chain Vapi has lost (unknown, expired, or a
 * stream id that was never a chat id) is replaced once by a new session given the stored conversation, so
 * the assistant keeps its context; the turn's events then name the new session. The browser's input is
 * only ever the `input` text: it cannot pick the assistant, model, prompt or URL.
 *
 * @example
 * const upstream = createVapiUpstream({ apiKey, assistantId });
 * const turn = await upstream.openTurn({ message: 'Hi', chain: undefined, history: async () => [], signal, onChainReplaced });
 */
export function createVapiUpstream(options: UpstreamOptions): VapiUpstream {
  const fetcher: FetchFunction = options.fetch ?? ((request) => globalThis.fetch(request));
  const assistantFor = (visitorValues: Readonly<Record<string, string>> | undefined) => {
    const variableValues = { ...options.variableValues, ...visitorValues };
    return {
      assistantId: options.assistantId,
      ...(Object.keys(variableValues).length > 0 ? { assistantOverrides: { variableValues } } : {}),
    };
  };
  const settings = {
    endpoint: '/chat',
    baseUrl: options.baseUrl ?? 'https://api.vapi.ai',
    key: options.apiKey,
    fetch: fetcher,
    stream: true,
    chaining: options.chain ?? 'previous-chat',
    format: { createParser: () => new VapiChatStreamParser(), fromJson: eventsFromVapiChat },
  } as const;

  return {
    async openTurn({ message, variableValues, chain, context, history, signal, onChainReplaced }) {
      const events = sendChainedTurn(
        { ...settings, assistant: assistantFor(variableValues), onChainReplaced },
        { text: message, chain: chainOf(chain), context, history, signal },
      );
      // An error before the turn starts means Vapi ran nothing: the caller may let a retry run it again.
      const first = await events.next();
      if (first.done === true) return { ok: false, error: new ProtocolError('Vapi answered nothing') };
      if (first.value.type === 'error') {
        await events.return(undefined);
        return { ok: false, error: first.value.error, status: first.value.error.status };
      }
      const head = first.value;
      return {
        ok: true,
        events: (async function* () {
          yield head;
          yield* events;
        })(),
      };
    },
  };
}

function chainOf(handle: ChainHandle | undefined): ChatChain {
  if (handle === undefined) return {};
  return handle.kind === 'session' ? { sessionId: handle.sessionId } : { chatId: handle.chatId };
}
