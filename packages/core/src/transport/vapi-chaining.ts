import { ProtocolError } from '../errors/protocol-error';
import { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatEvent } from '../protocol/chat-event';
import { parseJsonObject, stringField } from '../protocol/parse-json';
import type { StreamParser } from '../protocol/read-stream-events';
import type { VapiInputMessage } from '../protocol/vapi-chat';
import type { ChatChain, ChatContextMessage } from './chat-transport';
import { errorFromResponse } from './error-from-response';
import { postJson, streamTurn } from './stream-turn';
import { assistantFields, joinUrl, type AssistantOptions, type FetchFunction } from './transport-options';

/**
 * The User-Agent of every request a server sends to Vapi. Cloudflare, in front of api.vapi.ai, refuses a
 * request without one (`403 error code: 1010`, reference §15). Browsers send their own.
 */
export const vapiChatKitUserAgent = 'vapi-chat-kit';

/** Vapi's endpoints that run a chat turn. */
export type VapiChatEndpoint = '/chat' | '/chat/responses' | '/chat/web';

/**
 * Why a conversation's chain at Vapi was replaced, reported once per replacement so an operator can see it
 * (a log line); the conversation itself goes on with its context.
 *
 * @example
 * const onChainReplaced = (notice: VapiChainNotice) => logger.warn(notice.message, { reason: notice.reason });
 */
export interface VapiChainNotice {
  /**
   * - `refused`: Vapi answered 400 or 404 to the stored `previousChatId` or `sessionId` (unknown, deleted,
   *   expired or completed; or a stream id that was not a chat id).
   * - `replaced`: `/chat/web` answered in a new session instead of the stored one (it had expired).
   * - `lost`: the conversation has messages but no chain (its turns were stopped, or a reply came without
   *   a chat id).
   */
  readonly reason: 'refused' | 'replaced' | 'lost';
  /** What the conversation was chained by before. */
  readonly previous: 'previous-chat' | 'session' | 'none';
  /** Vapi's status, for `refused`. */
  readonly status?: number | undefined;
  /** How many earlier messages the new chain is given as context. */
  readonly messages: number;
  /** One line for a log. Names the kind of chain, never a message text. */
  readonly message: string;
}

/**
 * How one conversation reaches Vapi. One module owns it, for core's transports and the proxy alike.
 *
 * @example
 * const options: VapiChainingOptions = { endpoint: '/chat', baseUrl, key, fetch, stream: true, chaining: 'session', assistant: { assistantId }, format };
 */
export interface VapiChainingOptions {
  readonly endpoint: VapiChatEndpoint;
  readonly baseUrl: string;
  /** Bearer key: the private key for `/chat` and `/chat/responses`, a public one for `/chat/web`. */
  readonly key: string;
  readonly fetch: FetchFunction;
  /** Extra headers. They cannot replace the key. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly stream: boolean;
  readonly assistant: AssistantOptions;
  /**
   * `'previous-chat'` sends the last chat's id; `'session'` creates a Vapi session per conversation. Either
   * way, once a conversation has a session it keeps it. `/chat/web` always chains by session.
   */
  readonly chaining: 'previous-chat' | 'session';
  /** `/chat/web` only: the lifetime of a new session, in seconds. */
  readonly sessionExpirationSeconds?: number | undefined;
  /** Reads the wire format of the endpoint: its stream parser and its JSON reply. */
  readonly format: {
    readonly createParser: () => StreamParser;
    readonly fromJson: (body: Record<string, unknown>) => ChatEvent[];
  };
  /** Told once per replaced chain. @default a `console.warn` of `notice.message` */
  readonly onChainReplaced?: ((notice: VapiChainNotice) => void) | undefined;
}

/**
 * One turn of a conversation, and how to rebuild the conversation if Vapi has lost it.
 *
 * @example
 * const turn: VapiChainedTurn = { text: 'Hi', chain: {}, history: [] };
 */
export interface VapiChainedTurn {
  readonly text: string;
  readonly chain: ChatChain;
  /** Messages the server has not seen, for a new conversation (a greeting). */
  readonly context?: readonly ChatContextMessage[] | undefined;
  /**
   * The conversation so far (a list, or a function that reads it, as the proxy's store). Read only when
   * the chain must be rebuilt. @default []
   */
  readonly history?:
    readonly ChatContextMessage[] | (() => Promise<readonly ChatContextMessage[]>) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Vapi caps each message at 10,000 characters (reference §2.1); a rebuilt context keeps the newest messages. */
const maxContentLength = 10_000;
const maxHistoryMessages = 100;

type Handle =
  { readonly kind: 'session'; readonly id: string } | { readonly kind: 'previous-chat'; readonly id: string };

/**
 * Sends one turn to Vapi on the conversation's chain, and keeps the conversation when the chain breaks
 * (reference §15): one module, used by `vapiTransport`, `vapiWebTransport`, `responsesTransport` and the
 * proxy.
 *
 * - A conversation with a session sends `sessionId`; one chained by chat sends `previousChatId`. In
 *   `session` mode the first turn creates the session (`POST /session`).
 * - Vapi refusing the stored handle with 400 or 404 (an unknown, deleted, expired or completed session or
 *   chat, or a stream id that was never a chat id) means nothing ran: the conversation moves to a new
 *   session, given the messages so far as `input`, and the turn is sent there, once. From then on it is
 *   chained by that session.
 * - `/chat/web` answering in a session other than the one sent (Vapi replaced an expired one) would answer
 *   without context: that reply is dropped before anything of it is shown, and the turn is sent once more
 *   with the messages so far.
 * - A conversation with messages but no chain (a reply came without a chat id) is rebuilt the same way.
 *
 * Each replacement is reported once through `onChainReplaced`; the turn's events carry the new `sessionId`.
 * Nothing else is retried: every other failure is the turn's `error` event.
 *
 * @example
 * for await (const event of sendChainedTurn(options, { text: 'Hi', chain, history: transcript })) render(event);
 */
export async function* sendChainedTurn(
  options: VapiChainingOptions,
  turn: VapiChainedTurn,
): AsyncGenerator<ChatEvent, void, undefined> {
  const web = options.endpoint === '/chat/web';
  const report =
    options.onChainReplaced ??
    ((notice: VapiChainNotice) => console.warn(`vapi-chat-kit: ${notice.message}`));
  const headers: Record<string, string> = {
    ...(inBrowser() ? {} : { 'user-agent': vapiChatKitUserAgent }),
    ...options.headers,
    authorization: `Bearer ${options.key}`,
    ...(options.stream ? { accept: 'text/event-stream' } : {}),
  };
  const { signal } = turn;
  const assistant = assistantFields(options.assistant);
  let history: readonly ChatContextMessage[] | undefined;
  const readHistory = async (): Promise<readonly ChatContextMessage[]> =>
    (history ??= conversation(
      typeof turn.history === 'function' ? await turn.history() : (turn.history ?? []),
    ));

  const createSession = async (): Promise<Handle | VapiChatError> => {
    const url = joinUrl(options.baseUrl, '/session');
    const response = await postJson({
      url,
      headers: { ...headers, accept: 'application/json' },
      body: assistant,
      signal,
      fetch: options.fetch,
    });
    if (VapiChatError.isInstance(response)) return response;
    if (!response.ok) return errorFromResponse(response);
    const parsed = parseJsonObject(await response.text(), 'The new session');
    if (!parsed.ok) return parsed.error;
    const id = stringField(parsed.value, 'id');
    return id === undefined
      ? new ProtocolError('Vapi created a session without an id')
      : { kind: 'session', id };
  };

  const send = (handle: Handle | undefined, rebuilt: readonly ChatContextMessage[] | undefined) => {
    const input = inputOf(turn, rebuilt);
    const body = web
      ? {
          assistantId: options.assistant.assistantId,
          assistantOverrides: options.assistant.assistantOverrides,
          sessionExpirationSeconds: options.sessionExpirationSeconds,
          sessionId: handle?.id,
          input,
          stream: options.stream,
        }
      : handle?.kind === 'session'
        ? { sessionId: handle.id, input, stream: options.stream }
        : { ...assistant, previousChatId: handle?.id, input, stream: options.stream };
    const url = joinUrl(options.baseUrl, options.endpoint);
    return streamTurn(
      { url, headers, body, signal, fetch: options.fetch },
      options.format.createParser,
      options.format.fromJson,
    );
  };

  /** Moves the conversation to a new session with its messages as context; `undefined` when that failed. */
  const rebuild = async function* (
    notice: Omit<VapiChainNotice, 'messages' | 'message'>,
  ): AsyncGenerator<ChatEvent, Handle | undefined | 'failed', undefined> {
    const messages = await readHistory();
    report({ ...notice, messages: messages.length, message: describe(notice, messages.length, web) });
    if (web) return undefined;
    const session = await createSession();
    if (VapiChatError.isInstance(session)) {
      yield { type: 'error', error: session };
      return 'failed';
    }
    return session;
  };

  const stored = storedHandle(turn.chain, web);
  let handle: Handle | undefined = stored;
  let rebuilt: readonly ChatContextMessage[] | undefined;

  if (handle === undefined && (await readHistory()).some((message) => message.role === 'user')) {
    const next = yield* rebuild({ reason: 'lost', previous: 'none' });
    if (next === 'failed') return;
    handle = next;
    rebuilt = history;
  } else if (handle === undefined && !web && options.chaining === 'session') {
    const session = await createSession();
    if (VapiChatError.isInstance(session)) {
      yield { type: 'error', error: session };
      return;
    }
    handle = session;
  }

  let events = send(handle, rebuilt);
  let first = await events.next();
  const refusal = first.done === true || first.value.type !== 'error' ? undefined : first.value.error.status;
  if (stored !== undefined && rebuilt === undefined && (refusal === 400 || refusal === 404)) {
    // Vapi refused the chain before running anything: the same turn goes to a new chain, once.
    await events.return(undefined);
    const next = yield* rebuild({ reason: 'refused', previous: stored.kind, status: refusal });
    if (next === 'failed') return;
    handle = next;
    rebuilt = await readHistory();
    events = send(handle, rebuilt);
    first = await events.next();
  } else if (
    web &&
    stored !== undefined &&
    rebuilt === undefined &&
    !first.done &&
    first.value.type === 'turn-start'
  ) {
    const answeredIn = first.value.sessionId;
    if (answeredIn !== undefined && answeredIn !== stored.id && (await readHistory()).length > 0) {
      // Vapi replaced the expired session: this reply knows nothing of the conversation. Ask again, in a
      // new session given the conversation, before a word of it is shown.
      await events.return(undefined);
      yield* rebuild({ reason: 'replaced', previous: 'session' });
      rebuilt = history;
      handle = undefined;
      events = send(undefined, rebuilt);
      first = await events.next();
    }
  }

  if (first.done) return;
  const sessionId = handle?.kind === 'session' ? handle.id : undefined;
  try {
    yield withSession(first.value, sessionId);
    for await (const event of events) yield withSession(event, sessionId);
  } finally {
    // A reader that stops early releases the connection.
    await events.return(undefined);
  }
}

/** Makes sure a turn's start and end name the session it ran in, where Vapi's chunks leave it out. */
function withSession(event: ChatEvent, sessionId: string | undefined): ChatEvent {
  if (sessionId === undefined || (event.type !== 'turn-start' && event.type !== 'turn-end')) return event;
  return { ...event, sessionId: event.sessionId ?? sessionId };
}

function storedHandle(chain: ChatChain, web: boolean): Handle | undefined {
  if (chain.sessionId !== undefined) return { kind: 'session', id: chain.sessionId };
  if (!web && chain.chatId !== undefined) return { kind: 'previous-chat', id: chain.chatId };
  return undefined;
}

/** The messages a rebuilt chain is given: user and assistant text only, the newest, each within Vapi's cap. */
function conversation(history: readonly ChatContextMessage[]): ChatContextMessage[] {
  return history
    .filter((message) => (message.role === 'user' || message.role === 'assistant') && message.content !== '')
    .slice(-maxHistoryMessages)
    .map((message) => ({ role: message.role, content: message.content.slice(0, maxContentLength) }));
}

/** `input`: the text alone, or a message list ending with it (a greeting, or a rebuilt conversation). */
function inputOf(
  turn: VapiChainedTurn,
  rebuilt: readonly ChatContextMessage[] | undefined,
): string | VapiInputMessage[] {
  const before = rebuilt ?? turn.context ?? [];
  if (before.length === 0) return turn.text;
  return [...before.map(({ role, content }) => ({ role, content })), { role: 'user', content: turn.text }];
}

function describe(
  notice: Omit<VapiChainNotice, 'messages' | 'message'>,
  messages: number,
  web: boolean,
): string {
  const what = notice.previous === 'session' ? 'session' : 'previous chat';
  const cause =
    notice.reason === 'refused'
      ? `Vapi refused the conversation's ${what} (${notice.status})`
      : notice.reason === 'replaced'
        ? "Vapi replaced the conversation's expired session"
        : 'Vapi holds none of the conversation (its turns were stopped, or ended without a chat id)';
  const where = web ? 'a new web session' : 'a new session';
  const context =
    messages === 0
      ? 'with no earlier messages to give it'
      : `given its ${messages} earlier messages as context`;
  return `${cause}; it continues in ${where}, ${context}`;
}

function inBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}
