import { ProtocolError } from '../errors/protocol-error';

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

  /**
   * A whole text from a final payload (a chunk's `output`, `response.completed`): when it carries on from
   * the text so far, appends the rest and returns it (the deltas missed it). Otherwise returns `''` and
   * changes nothing: a final payload never replaces, shortens or erases what was streamed, whatever shape
   * it came in (reference §15).
   */
  catchUp(final: string | undefined): string {
    if (final === undefined || final.length <= this.#text.length || !final.startsWith(this.#text)) return '';
    const rest = final.slice(this.#text.length);
    this.#text = final;
    return rest;
  }
}

/**
 * The reply text of an `output` in any shape seen (reference §3, §6, §15): a string; or a list of messages
 * whose assistant `content` is a string or a list of parts (`{type: 'output_text' | 'text', text}`), joined
 * as {@link ReplyText} joins streamed items. `undefined` when `output` is neither.
 *
 * @example
 * outputText([{ role: 'assistant', content: [{ type: 'text', text: 'Hi' }] }]); // 'Hi'
 */
export function outputText(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  if (!Array.isArray(output)) return undefined;
  const parts: string[] = [];
  for (const item of output as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { role, content } = item as { role?: unknown; content?: unknown };
    if (role !== undefined && role !== 'assistant') continue;
    const text = typeof content === 'string' ? content : Array.isArray(content) ? partsText(content) : '';
    if (text !== '') parts.push(text);
  }
  return parts.join('\n\n');
}

function partsText(parts: readonly unknown[]): string {
  return parts
    .map((part) => {
      const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
      const readable = type === undefined || type === 'output_text' || type === 'text';
      return readable && typeof text === 'string' ? text : '';
    })
    .join('');
}

/**
 * The error of a turn that ended without a word of reply: never a silent, empty turn. (A reply that only
 * ran a tool, or whose final payload could not be read, leaves the user nothing to read; Retry can.)
 */
export function emptyReplyError(): ProtocolError {
  return new ProtocolError('The assistant sent no text');
}
