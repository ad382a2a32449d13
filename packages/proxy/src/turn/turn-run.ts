import type { ProxyStreamEvent } from '@vapi-chat-kit/core/protocol';
import type { ChatContextMessage, ChatEvent } from '@vapi-chat-kit/core';
import type { ProxyStreamErrorCode } from '@vapi-chat-kit/core/protocol';
import type { ProxyLogger } from '../logging/logger';
import type { Scheduler } from '../scheduler/scheduler';
import type {
  ChainHandle,
  ConversationStore,
  ConversationRecord,
  StoredMessage,
} from '../store/conversation-store';
import type { VapiUpstream } from '../upstream/vapi-upstream';
import { upstreamFailure } from '../upstream/upstream-failure';
import { errorEvent, isTerminal, type TurnEventSource } from './turn-event';

export interface TurnRunOptions {
  readonly store: ConversationStore;
  readonly upstream: VapiUpstream;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly logger: ProxyLogger;
  readonly logMessageText: boolean;
  readonly conversation: ConversationRecord;
  readonly keyId: string;
  readonly message: string;
  /** Given to Vapi with this turn (a signed-in visitor's configured claims). */
  readonly variableValues?: Readonly<Record<string, string>> | undefined;
  readonly userMessageId: string;
  /** A re-run of a turn whose user message is already stored (its first reply stopped or failed). */
  readonly userMessageStored: boolean;
  /** The assistant reply's id, announced in `start`. */
  readonly messageId: string;
  /** The greeting that opens the conversation at Vapi (its first turn), and whether it is stored already. */
  readonly greeting?: string | undefined;
  readonly greetingStored?: boolean | undefined;
  readonly turnDurationMs: number;
  /** The claimed idempotency record to finish or release, if the request carried a key. */
  readonly idempotency?:
    { readonly key: string; readonly fingerprint: string; readonly ttlMs: number } | undefined;
  /** The conversation's lock this turn holds; each heartbeat renews it for `leaseMs`. */
  readonly lock: { readonly name: string; readonly token: string };
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  /** Called once when the run is over (stored, told, lock to free). */
  readonly onFinished: () => Promise<void>;
}

/** What the upstream's events left to store once they ended. */
interface RelayOutcome {
  /** The conversation's chain: a session the turn ran in replaces what it had. */
  chain: ChainHandle | undefined;
  chatId?: string | undefined;
  failureCode?: ProxyStreamErrorCode | undefined;
  retryAfter?: number | undefined;
}

/** Why a turn ended early: its client left, it ran too long, or it lost its lease (another turn took over). */
type StopReason = 'client' | 'timeout' | 'lost';

/** How many stored messages a rebuilt chain is given (the newest). */
const historyForContext = 100;

function isSession(chain: ChainHandle | undefined, sessionId: string): boolean {
  return chain?.kind === 'session' && chain.sessionId === sessionId;
}

/**
 * One turn in flight: calls Vapi, fans each delta out at once to every subscriber (a stream, a JSON request,
 * a retry of the same `Idempotency-Key`), stores the outcome, then ends with `done` or `error`.
 *
 * The upstream request is aborted the moment the last subscriber leaves (the browser went away) or the turn
 * passes its maximum duration; the text so far is stored as `stopped` (or `failed` for a timeout). Storing
 * happens before the final event, so a client that reads the history after `done` finds the reply.
 *
 * While it runs, a heartbeat every `heartbeatMs` renews its hold on the conversation (lock and idempotency
 * lease, for `leaseMs`) and writes the reply so far, when it grew: one store round trip per heartbeat, never
 * one per delta. If the process dies, the conversation is free a lease later and the reply is there, to end
 * as `failed`. A turn whose heartbeat finds the lock gone (its lease ran out and another took over) stops.
 */
export class TurnRun {
  readonly #options: TurnRunOptions;
  readonly #events: ProxyStreamEvent[] = [];
  /** Replaced (never changed in place) when someone subscribes or leaves, so an emit iterates a snapshot. */
  #listeners: readonly ((event: ProxyStreamEvent) => void)[] = [];
  readonly #abort = new AbortController();
  readonly #started: number;
  #stopReason: StopReason | undefined;
  #ended = false;
  /** The reply so far, and what of it the store has. */
  #text = '';
  #storedText: string | undefined;
  #heartbeat: unknown;
  /** The heartbeat in flight, so the final writes never race it. */
  #beating: Promise<void> | undefined;
  #heartbeatStopped = false;
  /** Resolves when the run has stored its outcome and told its subscribers. Never rejects. */
  readonly finished: Promise<void>;

  constructor(options: TurnRunOptions) {
    this.#options = options;
    this.#started = options.now();
    this.#emit({
      event: 'start',
      data: { conversationId: options.conversation.id, messageId: options.messageId },
    });
    this.finished = this.#run();
  }

  /** See {@link TurnEventSource}. The last subscriber leaving stops the turn. */
  readonly subscribe: TurnEventSource = (listener) => {
    for (const event of this.#events) listener(event);
    if (this.#ended) return () => undefined;
    this.#listeners = [...this.#listeners, listener];
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const index = this.#listeners.indexOf(listener);
      if (index === -1) return;
      this.#listeners = this.#listeners.filter((_, at) => at !== index);
      if (this.#listeners.length === 0 && !this.#ended) this.#stop('client');
    };
  };

  #emit(event: ProxyStreamEvent): void {
    this.#events.push(event);
    for (const listener of this.#listeners) listener(event);
    if (isTerminal(event)) {
      this.#ended = true;
      this.#listeners = [];
    }
  }

  #stop(reason: StopReason): void {
    if (this.#stopReason !== undefined || this.#abort.signal.aborted) return;
    this.#stopReason = reason;
    this.#abort.abort(reason);
  }

  /** The reply as the store keeps it while it streams. */
  #streamingReply(): StoredMessage {
    return {
      id: this.#options.messageId,
      role: 'assistant',
      text: this.#text,
      status: 'streaming',
      createdAt: new Date(this.#started).toISOString(),
    };
  }

  #scheduleHeartbeat(): void {
    if (this.#heartbeatStopped) return;
    this.#heartbeat = this.#options.scheduler.setTimeout(() => {
      this.#beating = this.#beat();
    }, this.#options.heartbeatMs);
  }

  /** Stops the heartbeat and waits for one in flight: the turn's last writes must come after it. */
  async #stopHeartbeat(): Promise<void> {
    this.#heartbeatStopped = true;
    this.#options.scheduler.clearTimeout(this.#heartbeat);
    await this.#beating;
  }

  /** Renews the lease and writes the reply so far (when it grew). A heartbeat that finds the lock gone stops the turn. */
  async #beat(): Promise<void> {
    const options = this.#options;
    if (this.#heartbeatStopped) return;
    const text = this.#text;
    try {
      const { idempotency } = options;
      const held = await options.store.renewTurn({
        lock: { ...options.lock, ttlMs: options.leaseMs },
        reply:
          this.#storedText !== undefined && text !== this.#storedText
            ? { conversationId: options.conversation.id, message: this.#streamingReply() }
            : undefined,
        idempotency: idempotency && {
          key: idempotency.key,
          record: {
            state: 'pending',
            fingerprint: idempotency.fingerprint,
            conversationId: options.conversation.id,
            messageId: options.messageId,
            leaseExpiresAt: options.now() + options.leaseMs,
          },
          ttlMs: idempotency.ttlMs,
        },
      });
      if (!held) {
        options.logger({
          level: 'warn',
          event: 'turn-lease-lost',
          conversationId: options.conversation.id,
          messageId: options.messageId,
        });
        this.#stop('lost');
        return;
      }
      if (this.#storedText !== undefined) this.#storedText = text;
    } catch (error) {
      // The store did not answer: the turn goes on, and the next heartbeat tries again.
      options.logger({
        level: 'warn',
        event: 'heartbeat-failed',
        conversationId: options.conversation.id,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
    this.#scheduleHeartbeat();
  }

  async #run(): Promise<void> {
    const options = this.#options;
    const { store, conversation } = options;
    const deadline = options.scheduler.setTimeout(() => this.#stop('timeout'), options.turnDurationMs);
    this.#scheduleHeartbeat();
    let accepted = false;
    // The last event goes out after the lock is freed (finally), so a client that sends its next turn
    // the moment it reads `done` never finds the conversation busy.
    let terminal: ProxyStreamEvent = errorEvent('internal_error');
    try {
      const turn = await options.upstream.openTurn({
        message: options.message,
        variableValues: options.variableValues,
        chain: conversation.chain,
        context:
          options.greeting === undefined ? undefined : [{ role: 'assistant', content: options.greeting }],
        history: () => this.#history(),
        signal: this.#abort.signal,
        onChainReplaced: (notice) =>
          options.logger({
            level: 'warn',
            event: 'chain-replaced',
            conversationId: conversation.id,
            reason: notice.reason,
            previous: notice.previous,
            ...(notice.status === undefined ? {} : { upstreamStatus: notice.status }),
            contextMessages: notice.messages,
          }),
      });
      if (!turn.ok) {
        // Vapi refused or never saw the turn: nothing was processed, so a retry may run it again.
        const failure =
          this.#stopReason === 'timeout' ? { code: 'timeout' as const } : upstreamFailure(turn.error);
        await this.#stopHeartbeat();
        if (this.#stopReason !== 'lost') await this.#forgetAttempt(failure.code);
        this.#log(this.#stopReason === 'client' ? 'stopped' : 'refused', failure.code, '', turn.status);
        terminal = errorEvent(failure.code, failure.retryAfter);
        return;
      }
      accepted = true;
      // The question and an empty `streaming` reply, together: from now on a crash leaves both behind.
      await store.appendMessages(conversation.id, [
        ...(options.greeting === undefined || options.greetingStored === true
          ? []
          : [
              {
                id: `${options.userMessageId}_greeting`,
                role: 'assistant',
                text: options.greeting,
                status: 'done',
                createdAt: new Date(this.#started).toISOString(),
              } as const,
            ]),
        ...(options.userMessageStored
          ? []
          : [
              {
                id: options.userMessageId,
                role: 'user',
                text: options.message,
                status: 'done',
                createdAt: new Date(this.#started).toISOString(),
              } as const,
            ]),
        this.#streamingReply(),
      ]);
      this.#storedText = '';

      const { chain, chatId, failureCode: relayedFailure, retryAfter } = await this.#relay(turn.events);
      let failureCode = relayedFailure;

      await this.#stopHeartbeat();
      const text = this.#text;
      if (this.#stopReason === 'lost') {
        // Another turn holds the conversation now: it writes the outcome, not this one.
        this.#log('lost', 'internal_error', text);
        terminal = errorEvent('internal_error');
        return;
      }
      let status: 'done' | 'stopped' | 'failed' = 'done';
      if (failureCode !== undefined) {
        if (this.#stopReason === 'client') status = 'stopped';
        else {
          status = 'failed';
          if (this.#stopReason === 'timeout') failureCode = 'timeout';
        }
      }
      await store.updateMessage(conversation.id, { ...this.#streamingReply(), status });
      // Chain on a finished chat only: an aborted one may not exist at Vapi. A session keeps itself. A chat
      // that finished without an id leaves nothing to chain from: the next turn rebuilds the context.
      if (status === 'done' && chain?.kind !== 'session') {
        await store.setChain(
          conversation.id,
          chatId === undefined ? undefined : { kind: 'previous-chat', chatId },
          this.#isoNow(),
        );
      }
      if (options.idempotency) {
        await store.finishIdempotency(
          options.idempotency.key,
          {
            state: 'finished',
            fingerprint: options.idempotency.fingerprint,
            conversationId: conversation.id,
            messageId: options.messageId,
            status,
            text,
            ...(status === 'failed' ? { errorCode: failureCode } : {}),
          },
          options.idempotency.ttlMs,
        );
      }
      this.#log(status, status === 'failed' ? failureCode : undefined, text);
      terminal =
        status === 'failed'
          ? errorEvent(failureCode ?? 'upstream_error', retryAfter)
          : { event: 'done', data: { conversationId: conversation.id, message: text } };
    } catch (error) {
      options.logger({
        level: 'error',
        event: 'turn-error',
        conversationId: conversation.id,
        messageId: options.messageId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      await this.#stopHeartbeat();
      if (options.idempotency && !accepted) {
        await this.#forgetAttempt('internal_error').catch(() => undefined);
      }
      terminal = errorEvent('internal_error');
    } finally {
      options.scheduler.clearTimeout(deadline);
      await this.#stopHeartbeat();
      await options.onFinished().catch(() => undefined);
      this.#emit(terminal);
    }
  }

  /**
   * Passes the turn's events on as they come: each text delta to the subscribers, a new session to the
   * store. Its own small method: the loop runs once per delta, so it is what the JIT optimizes first.
   */
  async #relay(events: AsyncIterable<ChatEvent>): Promise<RelayOutcome> {
    const { store, conversation } = this.#options;
    const outcome: RelayOutcome = { chain: conversation.chain };
    for await (const event of events) {
      switch (event.type) {
        case 'turn-start':
          // A session the turn runs in (new, or replacing a lost chain) is the conversation's from now on,
          // even if the turn then fails: it holds the conversation's context.
          if (event.sessionId !== undefined && !isSession(outcome.chain, event.sessionId)) {
            outcome.chain = { kind: 'session', sessionId: event.sessionId };
            await store.setChain(conversation.id, outcome.chain, this.#isoNow());
          }
          break;
        case 'text-delta':
          this.#text += event.text;
          this.#emit({ event: 'delta', data: { text: event.text } });
          break;
        case 'turn-end':
          outcome.chatId = event.chatId;
          // The final text only adds what the deltas missed; it never shortens what was sent.
          if (event.text.startsWith(this.#text) && event.text.length > this.#text.length) {
            this.#emit({ event: 'delta', data: { text: event.text.slice(this.#text.length) } });
            this.#text = event.text;
          }
          break;
        case 'error': {
          const failure = upstreamFailure(event.error);
          outcome.failureCode = failure.code;
          outcome.retryAfter = failure.retryAfter;
          break;
        }
        default:
          event satisfies never;
      }
    }
    return outcome;
  }

  /**
   * Vapi never ran this attempt: a retry may run it. A first attempt's key is simply released; a re-run's
   * turn already has its user message stored, so its record says `failed` (retried again as a re-run).
   */
  async #forgetAttempt(code: ProxyStreamErrorCode): Promise<void> {
    const { idempotency, store } = this.#options;
    if (!idempotency) return;
    if (!this.#options.userMessageStored) {
      await store.releaseIdempotency(idempotency.key);
      return;
    }
    await store.finishIdempotency(
      idempotency.key,
      {
        state: 'finished',
        fingerprint: idempotency.fingerprint,
        conversationId: this.#options.conversation.id,
        messageId: this.#options.messageId,
        status: 'failed',
        text: '',
        errorCode: code,
      },
      idempotency.ttlMs,
    );
  }

  /**
   * The conversation before this turn, as the user saw it (finished and stopped replies), for Vapi to
   * rebuild a lost chain from. A re-run's own question is already stored; it is the turn, not its context.
   */
  async #history(): Promise<ChatContextMessage[]> {
    const { store, conversation, userMessageStored } = this.#options;
    const stored = await store.listMessages(conversation.id, historyForContext);
    if (userMessageStored && stored.at(-1)?.role === 'user') stored.pop();
    return stored
      .filter((message) => (message.status === 'done' || message.status === 'stopped') && message.text !== '')
      .map((message) => ({ role: message.role, content: message.text }));
  }

  #isoNow(): string {
    return new Date(this.#options.now()).toISOString();
  }

  #log(outcome: string, code: string | undefined, text: string, upstreamStatus?: number): void {
    const options = this.#options;
    options.logger({
      level: outcome === 'done' || outcome === 'stopped' ? 'info' : 'warn',
      event: 'turn',
      outcome,
      key: options.keyId,
      conversationId: options.conversation.id,
      messageId: options.messageId,
      durationMs: options.now() - this.#started,
      replyCharacters: text.length,
      ...(code === undefined ? {} : { code }),
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      ...(options.logMessageText ? { message: options.message, reply: text } : {}),
    });
  }
}
