import { createStore, type StoreApi } from 'zustand/vanilla';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { NetworkError } from '../errors/network-error';
import { ProtocolError } from '../errors/protocol-error';
import { RateLimitedError } from '../errors/rate-limited-error';
import { VapiChatError } from '../errors/vapi-chat-error';
import { randomId } from '../id/random-id';
import { exceedsMessageLength } from '../transport/message-length';
import type { ChatEvent } from '../protocol/chat-event';
import { emptyReplyError } from '../protocol/reply-text';
import { chatReducer, type ChatAction } from '../state/chat-reducer';
import type { ChatActiveTurn, ChatMessage, ChatSnapshot, ChatState } from '../state/chat-state';
import { createChatState } from '../state/create-chat-state';
import type {
  ChatChain,
  ChatContextMessage,
  ChatTransport,
  ChatTurnRequest,
} from '../transport/chat-transport';

/**
 * How a rate-limited turn (429 before any token) waits and is sent again. This is the only automatic
 * re-send: nothing else (a network error, a 5xx, a hidden tab) sends a turn twice.
 *
 * @example
 * createChatStore({ transport, rateLimit: { maxRetries: 1, maxWaitMs: 10_000 } });
 */
export interface ChatRateLimitOptions {
  /** How many times one turn is sent again after a 429. @default 2 */
  readonly maxRetries?: number | undefined;
  /** The longest wait, whatever `Retry-After` says. @default 30_000 */
  readonly maxWaitMs?: number | undefined;
}

/**
 * Options of {@link createChatStore}.
 *
 * @example
 * const options: CreateChatStoreOptions = { transport, greeting: 'Hi! How can I help?' };
 */
export interface CreateChatStoreOptions {
  /** Sends each turn. */
  readonly transport: ChatTransport;
  /**
   * Shown as a first assistant message (`done`). While the chain is empty (the server has no
   * conversation yet) it is sent as prior context: `context: [{ role: 'assistant', content: greeting }]`.
   */
  readonly greeting?: string | undefined;
  /** A transcript to start from (restored); the greeting is shown only when it is empty. @default [] */
  readonly messages?: readonly ChatMessage[] | undefined;
  /** The chain to continue from. @default {} */
  readonly chain?: ChatChain | undefined;
  /** The chain each restored turn was sent with (see `ChatState.chainsBeforeTurn`). @default {} */
  readonly chainsBeforeTurn?: Readonly<Record<string, ChatChain>> | undefined;
  /** Makes message and turn ids. @default a random UUID (`randomId`) */
  readonly generateId?: (() => string) | undefined;
  /** The clock, in epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
  /**
   * Waits `ms`, or less when `signal` aborts; must not reject. Inject it to test back-off without time.
   * @default a `setTimeout` that an abort clears
   */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** @default { maxRetries: 2, maxWaitMs: 30_000 } */
  readonly rateLimit?: ChatRateLimitOptions | undefined;
  /** Called once per turn that ends with an assistant message, complete (`done`) or stopped (`stopped`). */
  readonly onFinish?: ((message: ChatMessage) => void) | undefined;
  /** Called once per failed turn (never for a stop, nor for a 429 that will be waited out). */
  readonly onError?: ((error: VapiChatError) => void) | undefined;
  /**
   * Whether another tab of this chat has a turn in flight (its send lock): `send`, `retry` and
   * `regenerate` then do nothing, so the chain never forks. `createChatEngine` wires it to the tabs.
   * @default never
   */
  readonly isBusyElsewhere?: (() => boolean) | undefined;
}

/**
 * The intents a UI sends. They are created once per store, so their identity never changes.
 *
 * @example
 * const { send, stop } = store.getState();
 * void send('Where is my order?');
 */
export interface ChatStoreActions {
  /**
   * Sends `text` (trimmed) as a new turn. Resolves when the turn settles (done, stopped or failed) and
   * never rejects: failures become state. Resolves `true` when the text became a turn (it is in the
   * thread, whatever the outcome), `false` when nothing was sent: blank text, a turn already in flight
   * (the UI disables Send while busy; it does not queue) or another tab's turn in flight.
   */
  readonly send: (text: string) => Promise<boolean>;
  /** Aborts the turn in flight; a partial reply is kept as `stopped` and the status becomes `idle`. */
  readonly stop: () => void;
  /**
   * Re-sends a turn that did not get through, as the same turn (same `turnId`, so the proxy answers a
   * turn it already has from its idempotency store), dropping its partial reply. `messageId` is the
   * turn's user message (`failed`, or `stopped` before any token) or its reply (`failed` part-way).
   * The last turn is re-sent with the chain it was first sent with; an older one moves to the end of
   * the thread. Resolves when the turn settles; does nothing while busy or for any other message.
   */
  readonly retry: (messageId: string) => Promise<void>;
  /**
   * Drops the reply to the last user message and asks it again as a new turn, chaining from the chain
   * that turn was sent with, so with `chatId` chaining the dropped reply is not in the new reply's
   * context. With session chaining (a Vapi or proxy session) the server still remembers the dropped
   * reply. Resolves when the turn settles; does nothing while busy.
   */
  readonly regenerate: () => Promise<void>;
  /** Aborts anything in flight and starts a new conversation: only the greeting, an empty chain. */
  readonly reset: () => void;
  /** Aborts anything in flight and replaces the transcript and chain (persistence, history, another tab). */
  readonly restore: (snapshot: ChatSnapshot) => void;
  /** Clears the last turn's error (`status` `'error'` → `'idle'`); the failed message keeps its own. */
  readonly clearError: () => void;
  /**
   * Starts a new conversation like `reset`, then tells the server the old one ended where the transport
   * can (`transport.endConversation`, e.g. `/chat/web` `sessionEnd`); without it, it is just `reset`.
   * Never rejects: a failure to end it on the server goes to `onError`.
   */
  readonly endConversation: () => Promise<void>;
}

/**
 * What a chat store holds: the {@link ChatState} and the {@link ChatStoreActions}.
 *
 * @example
 * const status: ChatStoreState['status'] = store.getState().status;
 */
export type ChatStoreState = ChatState & ChatStoreActions;

/**
 * A `zustand/vanilla` store of one chat (`getState`, `setState`, `subscribe`).
 *
 * @example
 * const unsubscribe = store.subscribe((state) => render(state.messages));
 */
export type ChatStore = StoreApi<ChatStoreState>;

const aborted = Symbol('aborted');

/**
 * Creates the store of one chat. State changes only through {@link chatReducer}, one notification per
 * change (one per token while streaming; batching per frame is the view's job). One `AbortController`
 * per turn; a 429 before the first token waits `Retry-After` (default 1 s, at most `maxWaitMs`) with
 * `rateLimitedUntil` set, then sends the same turn again, at most `maxRetries` times. No other failure
 * is re-sent automatically.
 *
 * @example
 * const store = createChatStore({ transport: proxyTransport({ baseUrl, apiKey }), greeting: 'Hi!' });
 * store.subscribe((state) => console.log(state.status, state.messages.at(-1)?.text));
 * await store.getState().send('Where is my order?');
 */
export function createChatStore(options: CreateChatStoreOptions): ChatStore {
  const { transport, onFinish, onError } = options;
  const busyElsewhere = options.isBusyElsewhere ?? (() => false);
  const generateId = options.generateId ?? randomId;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepWithTimeout;
  const maxRetries = options.rateLimit?.maxRetries ?? 2;
  const maxWaitMs = options.rateLimit?.maxWaitMs ?? 30_000;
  const greeting: ChatMessage | undefined =
    options.greeting === undefined || options.greeting === ''
      ? undefined
      : { id: generateId(), role: 'assistant', text: options.greeting, status: 'done', createdAt: now() };
  const greetingContext: readonly ChatContextMessage[] | undefined =
    options.greeting === undefined || options.greeting === ''
      ? undefined
      : [{ role: 'assistant', content: options.greeting }];
  const initial = createChatState({
    messages: options.messages,
    chain: options.chain,
    chainsBeforeTurn: options.chainsBeforeTurn,
    greeting,
  });

  return createStore<ChatStoreState>()((set, get) => {
    /** The controller of the turn in flight. */
    let inFlight: AbortController | undefined;

    // The reducer returns the same object when nothing changed, and zustand then does not notify.
    // Otherwise zustand merges the result: the reducer spreads the state it gets (keeping the actions)
    // and writes cleared keys as `undefined`, so a merge never brings an old value back.
    const dispatch = (action: ChatAction): void => set((state) => chatReducer(state, action));

    const isActive = (turnId: string): boolean => get().activeTurn?.turnId === turnId;

    /** Calls `onFinish` or `onError` once, when `turn` has just ended. */
    const reportSettled = (turn: ChatActiveTurn): void => {
      const state = get();
      if (state.activeTurn?.turnId === turn.turnId) return;
      if (state.status === 'error' && state.error !== undefined) {
        callBack(onError, state.error);
        return;
      }
      const reply = state.messages.find((message) => message.id === turn.assistantMessageId);
      if (reply !== undefined && (reply.status === 'done' || reply.status === 'stopped'))
        callBack(onFinish, reply);
    };

    const dispatchEvent = (turnId: string, received: ChatEvent): void => {
      const turn = get().activeTurn;
      // A turn that ends with no word of reply is a failure with Retry, never a silent, empty turn.
      const event: ChatEvent =
        received.type === 'turn-end' && received.text === '' && !hasReply(get(), turnId)
          ? { type: 'error', error: emptyReplyError() }
          : received;
      dispatch({ type: 'turn-event', turnId, event, at: now() });
      if (turn?.turnId === turnId) reportSettled(turn);
    };

    /**
     * Sends the active turn once and dispatches its events. Returns the 429 to wait out when the turn
     * was rate limited before any token and may be sent again; otherwise the turn has settled.
     */
    const attempt = async (
      turnId: string,
      signal: AbortSignal,
      mayWait: boolean,
    ): Promise<RateLimitedError | undefined> => {
      const state = get();
      const turn = state.activeTurn;
      if (turn?.turnId !== turnId) return undefined;
      const user = state.messages.find((message) => message.id === turn.userMessageId);
      if (user === undefined) return undefined;
      const chain = state.chainsBeforeTurn[turnId] ?? state.chain;
      const request: ChatTurnRequest = {
        text: user.text,
        chain,
        history: transcriptBefore(state.messages, user.id),
        // The server has not seen the greeting while it has no conversation (an empty chain).
        ...(greetingContext !== undefined && isEmptyChain(chain) ? { context: greetingContext } : {}),
        turnId,
        signal,
      };
      const max = transport.maxMessageLength;
      if (max !== undefined && exceedsMessageLength(user.text, max)) {
        // The server would refuse it, and so would every retry: say why, and send nothing.
        dispatchEvent(turnId, {
          type: 'error',
          error: new InvalidRequestError(
            `The message is longer than the ${max} characters a message may have`,
          ),
        });
        return undefined;
      }
      let iterator: AsyncIterator<ChatEvent> | undefined;
      try {
        iterator = transport.sendTurn(request)[Symbol.asyncIterator]();
        // Settle at once on stop or reset, even if the transport is slow to notice its signal. (Each race
        // leaves a reaction on `whenAborted` until the turn's controller is dropped: bounded by one turn.)
        const whenAborted = abortedPromise(signal);
        for (;;) {
          const result = await Promise.race([iterator.next(), whenAborted]);
          if (result === aborted || !isActive(turnId)) return undefined;
          if (result.done === true) break;
          const event = result.value;
          if (
            mayWait &&
            event.type === 'error' &&
            RateLimitedError.isInstance(event.error) &&
            !hasReply(get(), turnId)
          ) {
            return event.error;
          }
          dispatchEvent(turnId, event);
          if (!isActive(turnId)) return undefined;
        }
        iterator = undefined;
      } catch (error) {
        // The transport broke its contract (it must not throw); the turn still fails as state.
        iterator = undefined;
        if (isActive(turnId) && !signal.aborted) {
          const failure = VapiChatError.isInstance(error)
            ? error
            : new NetworkError('The transport failed', { cause: error });
          dispatchEvent(turnId, { type: 'error', error: failure });
        }
        return undefined;
      } finally {
        // Lets the transport release its connection when we stop reading early.
        if (iterator?.return !== undefined) Promise.resolve(iterator.return()).catch(() => undefined);
      }
      // The stream ended without `turn-end` or `error`: never leave the chat busy forever.
      if (isActive(turnId) && !signal.aborted) {
        dispatchEvent(turnId, {
          type: 'error',
          error: new ProtocolError('The reply ended before it was complete'),
        });
      }
      return undefined;
    };

    const run = async (turnId: string): Promise<void> => {
      const controller = new AbortController();
      inFlight = controller;
      try {
        for (let retries = 0; ; retries += 1) {
          const rateLimited = await attempt(turnId, controller.signal, retries < maxRetries);
          if (rateLimited === undefined || controller.signal.aborted || !isActive(turnId)) return;
          const requested = rateLimited.retryAfterMs;
          const waitMs = clamp(
            requested === undefined || Number.isNaN(requested) ? 1000 : requested,
            0,
            maxWaitMs,
          );
          dispatch({ type: 'turn-retry-wait', turnId, until: now() + waitMs });
          await sleep(waitMs, controller.signal);
          if (controller.signal.aborted || !isActive(turnId)) return;
          dispatch({ type: 'turn-retry-wait', turnId, until: undefined });
        }
      } finally {
        if (inFlight === controller) inFlight = undefined;
      }
    };

    const abortInFlight = (): void => {
      inFlight?.abort();
      inFlight = undefined;
    };

    return {
      ...initial,

      send: async (text) => {
        const trimmed = text.trim();
        if (trimmed === '' || get().activeTurn !== undefined || busyElsewhere()) return false;
        const turnId = generateId();
        dispatch({
          type: 'turn-submit',
          turnId,
          userMessageId: generateId(),
          assistantMessageId: generateId(),
          text: trimmed,
          at: now(),
        });
        if (!isActive(turnId)) return false;
        await run(turnId);
        return true;
      },

      stop: () => {
        const turn = get().activeTurn;
        if (turn === undefined) return;
        // Abort first so the transport sees it; its late `aborted` event is then ignored by the reducer.
        abortInFlight();
        dispatch({ type: 'turn-stop', turnId: turn.turnId });
        reportSettled(turn);
      },

      retry: async (messageId) => {
        if (get().activeTurn !== undefined || busyElsewhere()) return;
        dispatch({ type: 'turn-retry', messageId, assistantMessageId: generateId() });
        const turn = get().activeTurn;
        if (turn !== undefined) await run(turn.turnId);
      },

      regenerate: async () => {
        if (get().activeTurn !== undefined || busyElsewhere()) return;
        const turnId = generateId();
        dispatch({ type: 'turn-regenerate', turnId, assistantMessageId: generateId() });
        if (isActive(turnId)) await run(turnId);
      },

      reset: () => {
        abortInFlight();
        dispatch({ type: 'reset', greeting });
      },

      restore: (snapshot) => {
        abortInFlight();
        dispatch({ type: 'restore', snapshot, greeting });
      },

      clearError: () => dispatch({ type: 'clear-error' }),

      endConversation: async () => {
        const chain = get().chain;
        abortInFlight();
        dispatch({ type: 'reset', greeting });
        if (transport.endConversation === undefined || isEmptyChain(chain)) return;
        try {
          await transport.endConversation(chain);
        } catch (error) {
          callBack(
            onError,
            VapiChatError.isInstance(error)
              ? error
              : new NetworkError('The conversation could not be ended', { cause: error }),
          );
        }
      },
    };
  });
}

function hasReply(state: ChatState, turnId: string): boolean {
  const turn = state.activeTurn;
  if (turn?.turnId !== turnId) return false;
  return state.messages.some((message) => message.id === turn.assistantMessageId);
}

/** The messages before `userMessageId` that the reader saw whole or in part: what a lost chain is rebuilt from. */
function transcriptBefore(messages: readonly ChatMessage[], userMessageId: string): ChatContextMessage[] {
  const history: ChatContextMessage[] = [];
  for (const message of messages) {
    if (message.id === userMessageId) break;
    if (message.status !== 'failed' && message.text !== '') {
      history.push({ role: message.role, content: message.text });
    }
  }
  return history;
}

function isEmptyChain(chain: ChatChain): boolean {
  return chain.chatId === undefined && chain.sessionId === undefined && chain.conversationId === undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function abortedPromise(signal: AbortSignal): Promise<typeof aborted> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(aborted);
    else signal.addEventListener('abort', () => resolve(aborted), { once: true });
  });
}

function sleepWithTimeout(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

// A throwing callback is the host's bug: report it as uncaught, but never break the turn or reject `send`.
function callBack<T>(callback: ((value: T) => void) | undefined, value: T): void {
  if (callback === undefined) return;
  try {
    callback(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
