import type { ChatContextMessage, ProxyStreamErrorCode } from '@vapi-chat-kit/core';
import type { ProxyLogger } from '../logging/logger';
import type { Scheduler } from '../scheduler/scheduler';
import type { ChainHandle, ChatStore, ConversationRecord, StoredMessage } from '../store/chat-store';
import type { VapiUpstream } from '../upstream/vapi-upstream';
import { upstreamFailure } from '../upstream/upstream-failure';
import { errorEvent, isTerminal, type TurnEvent, type TurnEventSource } from './turn-event';

export interface TurnRunOptions {
  readonly store: ChatStore;
  readonly upstream: VapiUpstream;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly logger: ProxyLogger;
  readonly logMessageText: boolean;
  readonly conversation: ConversationRecord;
  readonly keyId: string;
  readonly message: string;
  readonly userMessageId: string;
  /** A re-run of a turn whose user message is already stored (its first reply stopped or failed). */
  readonly userMessageStored: boolean;
  /** The assistant reply's id, announced in `start`. */
  readonly messageId: string;
  readonly turnDurationMs: number;
  /** The claimed idempotency record to finish or release, if the request carried a key. */
  readonly idempotency?:
    { readonly key: string; readonly fingerprint: string; readonly ttlMs: number } | undefined;
  /** Called once when the run is over (stored, told, lock to free). */
  readonly onFinished: () => Promise<void>;
}

type StopReason = 'client' | 'timeout';

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
 */
export class TurnRun {
  readonly #options: TurnRunOptions;
  readonly #events: TurnEvent[] = [];
  readonly #listeners = new Set<(event: TurnEvent) => void>();
  readonly #abort = new AbortController();
  readonly #started: number;
  #stopReason: StopReason | undefined;
  #ended = false;
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
    this.#listeners.add(listener);
    return () => {
      if (!this.#listeners.delete(listener)) return;
      if (this.#listeners.size === 0 && !this.#ended) this.#stop('client');
    };
  };

  #emit(event: TurnEvent): void {
    this.#events.push(event);
    for (const listener of [...this.#listeners]) listener(event);
    if (isTerminal(event)) {
      this.#ended = true;
      this.#listeners.clear();
    }
  }

  #stop(reason: StopReason): void {
    if (this.#stopReason !== undefined || this.#abort.signal.aborted) return;
    this.#stopReason = reason;
    this.#abort.abort(reason);
  }

  async #run(): Promise<void> {
    const options = this.#options;
    const { store, conversation } = options;
    const deadline = options.scheduler.setTimeout(() => this.#stop('timeout'), options.turnDurationMs);
    let accepted = false;
    let text = '';
    // The last event goes out after the lock is freed (finally), so a client that sends its next turn
    // the moment it reads `done` never finds the conversation busy.
    let terminal: TurnEvent = errorEvent('internal_error');
    try {
      const turn = await options.upstream.openTurn({
        message: options.message,
        chain: conversation.chain,
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
        await this.#forgetAttempt(failure.code);
        this.#log(this.#stopReason === 'client' ? 'stopped' : 'refused', failure.code, text, turn.status);
        terminal = errorEvent(failure.code, failure.retryAfter);
        return;
      }
      accepted = true;
      if (!options.userMessageStored) {
        await store.appendMessages(conversation.id, [
          {
            id: options.userMessageId,
            role: 'user',
            text: options.message,
            status: 'done',
            createdAt: new Date(this.#started).toISOString(),
          },
        ]);
      }

      let chain = conversation.chain;
      let chatId: string | undefined;
      let failureCode: ProxyStreamErrorCode | undefined;
      let retryAfter: number | undefined;
      for await (const event of turn.events) {
        switch (event.type) {
          case 'turn-start':
            // A session the turn runs in (new, or replacing a lost chain) is the conversation's from now on,
            // even if the turn then fails: it holds the conversation's context.
            if (event.sessionId !== undefined && !isSession(chain, event.sessionId)) {
              chain = { kind: 'session', sessionId: event.sessionId };
              await store.setChain(conversation.id, chain, this.#isoNow());
            }
            break;
          case 'text-delta':
            text += event.text;
            this.#emit({ event: 'delta', data: { text: event.text } });
            break;
          case 'turn-end':
            chatId = event.chatId;
            // The final text only adds what the deltas missed; it never shortens what was sent.
            if (event.text.startsWith(text) && event.text.length > text.length) {
              this.#emit({ event: 'delta', data: { text: event.text.slice(text.length) } });
              text = event.text;
            }
            break;
          case 'error': {
            const failure = upstreamFailure(event.error);
            failureCode = failure.code;
            retryAfter = failure.retryAfter;
            break;
          }
          default:
            event satisfies never;
        }
      }

      let status: StoredMessage['status'] = 'done';
      if (failureCode !== undefined) {
        if (this.#stopReason === 'client') status = 'stopped';
        else {
          status = 'failed';
          if (this.#stopReason === 'timeout') failureCode = 'timeout';
        }
      }
      await store.appendMessages(conversation.id, [
        { id: options.messageId, role: 'assistant', text, status, createdAt: this.#isoNow() },
      ]);
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
      if (options.idempotency && !accepted) {
        await this.#forgetAttempt('internal_error').catch(() => undefined);
      }
      terminal = errorEvent('internal_error');
    } finally {
      options.scheduler.clearTimeout(deadline);
      await options.onFinished().catch(() => undefined);
      this.#emit(terminal);
    }
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
      .filter((message) => message.status !== 'failed' && message.text !== '')
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
