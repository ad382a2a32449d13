// The named references a reply is likely to contain; anything else is left as written.
const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  sol: '/',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  period: '.',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  middot: '·',
  bull: '•',
  rarr: '→',
  larr: '←',
};

/**
 * Decodes HTML character references (`&amp;`, `&#58;`, `&#x3A;`) as CommonMark does in text and link
 * destinations. marked leaves them encoded because it writes HTML; we render text nodes, so we decode.
 *
 * @example
 * decodeEntities('Tom &amp; Jerry'); // 'Tom & Jerry'
 * decodeEntities('javascript&#58alert(1)', { lenient: true }); // 'javascript:alert(1)'
 */
export function decodeEntities(text: string, options: { readonly lenient?: boolean } = {}): string {
  if (!text.includes('&')) return text;
  // CommonMark needs the semicolon; a browser reading a URL does not, so a URL check decodes leniently.
  const pattern = options.lenient
    ? /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g
    : /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;
  return text.replace(pattern, (match, decimal, hex, name) => {
    if (decimal !== undefined || hex !== undefined) {
      const codePoint =
        decimal !== undefined ? Number.parseInt(decimal as string, 10) : Number.parseInt(hex as string, 16);
      if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
        return '\ufffd';
      return String.fromCodePoint(codePoint);
    }
    const value = namedEntities[(name as string).toLowerCase()];
    return value ?? match;
  });
}
