// The parts of tested files that the guide shows: a page's script tags, a stylesheet's rules. Cut from the
// files themselves (imported `?raw`), so the guide shows what the tests run.

/** The lines without their common indent. */
function dedent(lines: readonly string[]): string {
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length),
  );
  return lines.map((line) => line.slice(indent)).join('\n');
}

/**
 * The lines from a page's first `<script` to its last `</script>`, unindented, with each `placeholders`
 * key replaced by its value.
 *
 * @example
 * scriptTags(page, { '%WIDGET_KEY%': 'wk_public_site_key' });
 */
export function scriptTags(html: string, placeholders: Readonly<Record<string, string>> = {}): string {
  const lines = html.split('\n');
  const first = lines.findIndex((line) => line.trimStart().startsWith('<script'));
  const last = lines.findLastIndex((line) => line.includes('</script>'));
  if (first < 0 || last < first) return '';
  let text = dedent(lines.slice(first, last + 1));
  for (const [placeholder, value] of Object.entries(placeholders)) text = text.replaceAll(placeholder, value);
  return text;
}

/**
 * From the line that contains `marker`, the next `count` top-level `{…}` blocks (CSS rules, at-rules),
 * unindented, with the lines between them.
 *
 * @example
 * cssBlocks(css, '/* The chat in', 3); // the comment, then three rules
 */
export function cssBlocks(css: string, marker: string, count: number): string {
  const lines = css.split('\n');
  const first = lines.findIndex((line) => line.includes(marker));
  if (first < 0) return '';
  let depth = 0;
  let closed = 0;
  for (let index = first; index < lines.length; index++) {
    for (const character of lines[index]!) {
      if (character === '{') depth++;
      else if (character === '}' && --depth === 0) closed++;
    }
    if (closed === count) return dedent(lines.slice(first, index + 1));
  }
  return dedent(lines.slice(first));
}
