import type { Token } from 'marked';
import { lexMarkdown } from './lex-markdown';
import { MarkdownBlockSplitter } from './markdown-block-splitter';

/** A block that can no longer change, lexed once. */
export interface FinishedMarkdownBlock {
  /** Its offset in the text: a stable key. */
  readonly start: number;
  readonly source: string;
  readonly tokens: readonly Token[];
}

/** What a growing text looks like now: its finished blocks and the open tail. */
export interface StreamingMarkdownView {
  readonly finished: readonly FinishedMarkdownBlock[];
  readonly tailStart: number;
  readonly tail: string;
  /** Set while the tail is a fenced code block still being written. */
  readonly openFence: { readonly marker: string; readonly length: number } | undefined;
}

/**
 * Keeps the finished blocks of one growing markdown text: each block is lexed once, when the text
 * after it shows it is finished. A text that does not extend the previous one starts over.
 *
 * @example
 * const markdown = new StreamingMarkdown();
 * markdown.update('# Title\n\nPara'); // finished: the heading; tail: the paragraph
 */
export class StreamingMarkdown {
  readonly #splitter = new MarkdownBlockSplitter();
  #finished: FinishedMarkdownBlock[] = [];

  update(text: string): StreamingMarkdownView {
    if (!text.startsWith(this.#splitter.text)) this.#finished = [];
    const starts = this.#splitter.update(text);
    if (this.#finished.length >= starts.length) this.#finished = this.#finished.slice(0, starts.length - 1);
    const finished = this.#finished;
    while (finished.length < starts.length - 1) {
      const index = finished.length;
      const start = starts[index] ?? 0;
      const source = text.slice(start, starts[index + 1]);
      finished.push({ start, source, tokens: lexMarkdown(source) });
    }
    const tailStart = starts[starts.length - 1] ?? 0;
    return {
      finished: [...finished],
      tailStart,
      tail: text.slice(tailStart),
      openFence: this.#splitter.openFence,
    };
  }
}
