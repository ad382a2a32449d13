/**
 * Builds the text of a reply that Vapi may spread over several output messages (`chat.output[N]`): with
 * tools, the text can arrive in `output[0]` and again in `output[2]`. Parts are joined by a blank line, so
 * markdown renders them as separate paragraphs.
 */
export class ReplyText {
  #text = '';
  #index: number | undefined;

  get text(): string {
    return this.#text;
  }

  /** Appends a delta of output item `index`; returns what to emit (with a separator when the item changed). */
  append(index: number, delta: string): string {
    if (delta === '') return '';
    const chunk =
      this.#index !== undefined && index !== this.#index && this.#text !== '' ? `\n\n${delta}` : delta;
    this.#index = index;
    this.#text += chunk;
    return chunk;
  }
}

/** Joins the text of a list of output messages, as {@link ReplyText} would have built it from deltas. */
export function joinOutputText(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('\n\n');
}
