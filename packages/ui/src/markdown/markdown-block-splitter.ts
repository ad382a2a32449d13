/**
 * Splits a growing markdown text into top-level blocks, scanning each character once.
 *
 * A reply streams in as appended text. Everything before the last boundary is a finished block: it
 * is lexed once and never again. Only the open tail is lexed on each update. A boundary is placed only
 * where CommonMark itself ends every open block, so lexing blocks one by one gives the same tokens as
 * lexing the whole text (except reference definitions, which resolve within their block):
 *
 * - before a non-indented line that follows a blank line, unless it starts a list item inside a
 *   list (a loose list continues across blank lines);
 * - before a fence opener at column 0 (a fence interrupts a paragraph, a list and a quote) and after
 *   its closing fence;
 * - before and after an ATX heading at column 0 (one line, and it interrupts anything).
 *
 * Only complete lines are scanned, and nothing inside a fenced code block is a boundary.
 */
export class MarkdownBlockSplitter {
  #text = '';
  /** Offsets where blocks start; the first is always 0. */
  #starts: number[] = [0];
  /** Where the next unscanned line starts. */
  #scanFrom = 0;
  #fence: { readonly marker: string; readonly length: number; readonly column0: boolean } | undefined;
  #afterBlank = false;
  /** Whether the current block is a list: a blank line then a list item continues it. */
  #inList = false;

  /** The current text. */
  get text(): string {
    return this.#text;
  }

  /** Whether the text ends inside a fenced code block opened at column 0 that is its own block. */
  get openFence(): { readonly marker: string; readonly length: number } | undefined {
    return this.#fence?.column0 ? this.#fence : undefined;
  }

  /**
   * Takes the whole current text. When it extends the previous text, only the new lines are scanned;
   * otherwise (a replaced or shortened text) scanning starts again.
   *
   * @returns the offsets where blocks start, oldest first; the last block is the open tail.
   */
  update(text: string): readonly number[] {
    if (!text.startsWith(this.#text)) this.#reset();
    this.#text = text;
    let lineEnd = text.indexOf('\n', this.#scanFrom);
    while (lineEnd !== -1) {
      this.#scanLine(this.#scanFrom, text.slice(this.#scanFrom, lineEnd));
      this.#scanFrom = lineEnd + 1;
      lineEnd = text.indexOf('\n', this.#scanFrom);
    }
    this.#scanPartialLine();
    return this.#starts;
  }

  /**
   * A new paragraph after a blank line finishes the block before it as soon as its first characters
   * show it is not a list item, so the block before is not lexed again for the whole new line.
   */
  #scanPartialLine(): void {
    if (this.#fence || !this.#afterBlank) return;
    const partial = this.#text.slice(this.#scanFrom, this.#scanFrom + 12);
    if (partial === '' || /^[ \t\r]/.test(partial)) return;
    // Wait while it could still be a list item (which may continue the list before it) or a fence.
    if (/^(?:[*+-]|\d{1,9}[.)]?|`{1,2}|~{1,2})$/.test(partial)) return;
    if (/^(?:[*+-]|\d{1,9}[.)])[ \t]/.test(partial) && this.#inList) return;
    this.#addStart(this.#scanFrom);
  }

  #reset(): void {
    this.#text = '';
    this.#starts = [0];
    this.#scanFrom = 0;
    this.#fence = undefined;
    this.#afterBlank = false;
    this.#inList = false;
  }

  #addStart(offset: number): void {
    const last = this.#starts[this.#starts.length - 1] ?? 0;
    // Never an empty block, and never a block of blank lines alone before real text.
    if (offset > last && this.#text.slice(last, offset).trim() !== '') this.#starts.push(offset);
  }

  #scanLine(start: number, line: string): void {
    const end = start + line.length + 1;
    if (this.#fence) {
      const closer = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(line);
      if (closer?.[1] && closer[1][0] === this.#fence.marker && closer[1].length >= this.#fence.length) {
        const column0 = this.#fence.column0;
        this.#fence = undefined;
        if (column0) this.#addStart(end);
      }
      return;
    }
    if (line.trim() === '') {
      this.#afterBlank = true;
      return;
    }
    const afterBlank = this.#afterBlank;
    this.#afterBlank = false;
    const opener = /^([ \t]*)(`{3,}|~{3,})(.*)$/.exec(line);
    // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
    if (opener?.[2] && !(opener[2][0] === '`' && (opener[3] ?? '').includes('`'))) {
      const column0 = opener[1] === '';
      this.#fence = { marker: opener[2][0] ?? '`', length: opener[2].length, column0 };
      if (column0) {
        this.#addStart(start);
        this.#inList = false;
      }
      return;
    }
    if (/^#{1,6}(?:[ \t]|\r?$)/.test(line)) {
      this.#addStart(start);
      this.#addStart(end);
      this.#inList = false;
      return;
    }
    if (/^[ \t]/.test(line)) return;
    const listItem = /^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|\r?$)/.test(line);
    if (afterBlank && !(listItem && this.#inList)) {
      this.#addStart(start);
      this.#inList = listItem;
    } else if (listItem) {
      this.#inList = true;
    }
  }
}
