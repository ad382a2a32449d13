import {
  AbortedError,
  errorFromResponse,
  eventsFromVapiChat,
  NetworkError,
  ProtocolError,
  readChatEvents,
  type ChatEvent,
  type VapiChatError,
  type VapiCreateChatRequest,
} from '@vapi-chat-kit/core';
import type { UpstreamOptions } from '../proxy-options';
import type { ChainHandle } from '../store/chat-store';

/** The answer to opening a turn: events to read, or why Vapi refused it (nothing was processed). */
export type UpstreamTurn =
  | {
      readonly ok: true;
      readonly events: AsyncIterable<ChatEvent>;
      /** A Vapi session this turn created (`session` chain), to keep even if the turn then fails. */
      readonly createdSession?: ChainHandle | undefined;
    }
  | { readonly ok: false; readonly error: VapiChatError; readonly status?: number | undefined };

export interface UpstreamTurnRequest {
  readonly message: string;
  readonly chain: ChainHandle | undefined;
  readonly signal: AbortSignal;
}

/** Vapi's `POST /chat`, streamed, with the private key. Only this module talks to Vapi. */
export interface VapiUpstream {
  openTurn(request: UpstreamTurnRequest): Promise<UpstreamTurn>;
}

/**
 * Calls Vapi for one turn: `POST /chat` with `stream: true`, the configured assistant and the chain
 * (`previousChatId` or `sessionId`). In `session` mode a conversation's first turn creates the session
 * (`POST /session`). The browser's input is only ever the `input` string: it cannot pick the assistant,
 * model, prompt or URL.
 *
 * @example
 * const upstream = createVapiUpstream({ apiKey, assistantId });
 * const turn = await upstream.openTurn({ message: 'Hi', chain: undefined, signal });
 */
export function createVapiUpstream(options: UpstreamOptions): VapiUpstream {
  const baseUrl = (options.baseUrl ?? 'https://api.vapi.ai').replace(/\/+$/, '');
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  // The runtime's `fetch` errors the body itself when the signal aborts; only an injected one is wrapped,
  // which saves a web-stream layer (a read, a pull and an enqueue) on every upstream chunk.
  const abortsBody = options.fetch === undefined;
  const overrides = options.variableValues
    ? { assistantOverrides: { variableValues: options.variableValues } }
    : {};
  const headers = {
    authorization: `Bearer ${options.apiKey}`,
    'content-type': 'application/json',
  };

  const post = async (
    path: string,
    body: unknown,
    signal: AbortSignal,
    accept: string,
  ): Promise<Response | VapiChatError> => {
    try {
      return await fetcher(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { ...headers, accept },
        body: JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (signal.aborted) return new AbortedError(undefined, { cause });
      return new NetworkError('Vapi could not be reached', { cause });
    }
  };

  const createSession = async (signal: AbortSignal): Promise<ChainHandle | VapiChatError> => {
    const response = await post(
      '/session',
      { assistantId: options.assistantId, ...overrides },
      signal,
      'application/json',
    );
    if (!(response instanceof Response)) return response;
    if (!response.ok) return errorFromResponse(response);
    const session = (await response.json().catch(() => undefined)) as { id?: unknown } | undefined;
    if (typeof session?.id !== 'string') return new ProtocolError('Vapi created a session without an id');
    return { kind: 'session', sessionId: session.id };
  };

  const postChat = (chain: ChainHandle | undefined, message: string, signal: AbortSignal) => {
    const body: VapiCreateChatRequest =
      chain?.kind === 'session'
        ? { sessionId: chain.sessionId, input: message, stream: true }
        : {
            assistantId: options.assistantId,
            ...overrides,
            ...(chain ? { previousChatId: chain.chatId } : {}),
            input: message,
            stream: true,
          };
    return post('/chat', body, signal, 'text/event-stream');
  };

  return {
    async openTurn({ message, chain, signal }) {
      const sessionMode = (options.chain ?? 'previous-chat') === 'session';
      let createdSession: ChainHandle | undefined;
      let current = chain;
      if (sessionMode && current?.kind !== 'session') {
        const session = await createSession(signal);
        if (!('kind' in session)) return { ok: false, error: session, status: session.status };
        createdSession = session;
        current = session;
      }
      let response = await postChat(current, message, signal);
      // A stored session that Vapi refuses (400 expired or completed, 404 deleted) was not used: the turn
      // did not run, so it is safe to start a new session and send it once more.
      if (
        response instanceof Response &&
        (response.status === 400 || response.status === 404) &&
        sessionMode &&
        createdSession === undefined
      ) {
        await response.body?.cancel().catch(() => undefined);
        const session = await createSession(signal);
        if (!('kind' in session)) return { ok: false, error: session, status: session.status };
        createdSession = session;
        response = await postChat(session, message, signal);
      }
      if (!(response instanceof Response)) return { ok: false, error: response };
      if (!response.ok)
        return { ok: false, error: await errorFromResponse(response), status: response.status };
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.includes('text/event-stream') && response.body) {
        const body = abortsBody ? response.body : bodyUntilAborted(response.body, signal);
        return { ok: true, createdSession, events: readChatEvents(body, 'vapi-chat', { signal }) };
      }
      // Vapi documents a JSON `Chat` too (and 201 with it); read it as the same events.
      return { ok: true, createdSession, events: jsonChatEvents(response, signal) };
    },
  };
}

async function* jsonChatEvents(response: Response, signal: AbortSignal): AsyncGenerator<ChatEvent> {
  let chat: unknown;
  try {
    chat = await response.json();
  } catch (cause) {
    yield {
      type: 'error',
      error: signal.aborted
        ? new AbortedError(undefined, { cause })
        : new ProtocolError('Vapi sent a reply that is not JSON'),
    };
    return;
  }
  if (typeof chat !== 'object' || chat === null) {
    yield { type: 'error', error: new ProtocolError('Vapi sent a reply that is not a chat') };
    return;
  }
  yield* eventsFromVapiChat(chat as Record<string, unknown>);
}

/**
 * The body, failing with an `AbortError` the moment `signal` fires. A network `fetch` does this itself (its
 * body is read as is); an injected one (an in-process emulator, a test double) may not, and a stalled
 * upstream would then hold the turn open after the browser left.
 */
function bodyUntilAborted(body: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let onAbort: (() => void) | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        try {
          controller.error(new DOMException('The upstream request was aborted', 'AbortError'));
        } catch {
          // Already closed or errored.
        }
        reader.cancel(signal.reason).catch(() => undefined);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          if (onAbort) signal.removeEventListener('abort', onAbort);
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        try {
          controller.error(error);
        } catch {
          // Already errored by the abort.
        }
      }
    },
    cancel(reason) {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      return reader.cancel(reason);
    },
  });
}
