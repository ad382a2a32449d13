/** What the Node side hands a bench page, and what the page reports back. Types only. */
import type { ThreadMessage } from '../fixture.ts';

export interface PageConfig {
  /** Finished messages the page restores before anything is measured. */
  readonly thread: readonly ThreadMessage[];
  /** The reply, as the tokens the stream carries (one SSE event each). */
  readonly tokens: readonly string[];
  /** Pacing of the tokens; 0 means full speed (one token per task). */
  readonly tokensPerSecond: number;
}

export interface LoadResult {
  /** ms from navigation start to the first paint after the restored thread mounted. */
  readonly renderedAt: number;
  /** ms from navigation start to the page script's first line. */
  readonly scriptStartedAt: number;
  readonly elements: number;
}

export interface StreamResult {
  readonly tokens: number;
  /** Tokens on screen when the run ended: all of them, unless the run hit its time budget. */
  readonly paintedTokens: number;
  readonly truncated: boolean;
  /** First token produced → the paint that showed the last one. */
  readonly streamMs: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly frames: number;
  readonly frameP95: number;
  readonly commits: number;
  readonly tokenToPaintP50: number;
  readonly tokenToPaintP95: number;
  /** The reply as rendered, `innerText`. */
  readonly replyText: string;
}

export interface TypingResult {
  /** Per key painted so far, in order: keydown → the end of the next paint, ms. */
  readonly latencies: readonly number[];
  /** The composer's value length after typing: every key must have landed. */
  readonly composerLength: number;
}

/** What each page wires into the harness once it has mounted. */
export interface PageAdapter {
  send(text: string): void;
  /** The element whose subtree shows the messages. */
  thread(): Element;
  /** The last assistant message's element. */
  lastReply(): HTMLElement | null;
  composer(): HTMLTextAreaElement | null;
  /** No turn in flight. */
  isIdle(): boolean;
  /**
   * For a page that reveals text after it has arrived (assistant-ui's smooth streaming): how many
   * characters (UTF-16 code units) of the streaming reply's markdown it has rendered so far. A token
   * counts as shown only once it is inside that prefix. Pages that render what they read leave it out.
   */
  revealed?(): number;
}

export interface BenchApi {
  readonly loaded: Promise<LoadResult>;
  /**
   * Sends a question and resolves once the whole reply is painted and the chat is idle, or once
   * `budgetMs` has passed (then the figures cover that window and unpainted tokens count as lower bounds).
   */
  stream(question: string, budgetMs: number): Promise<StreamResult>;
  /** Sends a question and starts recording keystroke latency (keydown → the next paint). */
  startTyping(question: string): void;
  typing(): TypingResult;
  focusComposer(): boolean;
}

declare global {
  interface Window {
    __benchConfig: PageConfig;
    __bench: BenchApi;
  }
}
