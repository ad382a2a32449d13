import remend from 'remend';

/**
 * Closes what the growing end of a reply leaves open (`**bold`, `` `code``, `[link](http…`), so a
 * stream never flashes raw syntax. Used only for the open tail while streaming: a finished reply is
 * rendered exactly as written.
 *
 * @example
 * healMarkdownTail('Use **bold'); // 'Use **bold**'
 */
export function healMarkdownTail(tail: string): string {
  return remend(tail, {
    linkMode: 'text-only',
    katex: false,
    inlineKatex: false,
    // These two escape characters rather than close markers, so the finished text could differ.
    comparisonOperators: false,
    singleTilde: false,
  });
}
