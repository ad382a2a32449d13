import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/**
 * Decodes HTML character references (`&amp;`, `&eacute;`, `&#58;`, `&#x3A;`) as CommonMark does in text and
 * link destinations: every name of HTML5's table, each with its semicolon. marked leaves them encoded because
 * it writes HTML; we render text nodes, so we decode. The names come from `decode-named-character-reference`
 * (micromark's), which in a browser asks the DOM and so ships no table.
 *
 * `lenient` also decodes a name or number without its semicolon, as a browser reading a URL might: only for
 * checking where a link goes, never for the link itself (`?a=1&copy=2` is a query string).
 *
 * @example
 * decodeEntities('Tom &amp; Jerry'); // 'Tom & Jerry'
 * decodeEntities('javascript&#58alert(1)', { lenient: true }); // 'javascript:alert(1)'
 */
export function decodeEntities(text: string, options: { readonly lenient?: boolean } = {}): string {
  if (!text.includes('&')) return text;
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
    const value = decodeNamedCharacterReference(name as string);
    return value === false ? match : value;
  });
}
