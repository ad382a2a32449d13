import { decodeEntities } from './decode-entities';

const allowedProtocols = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * Returns `url` when it is an absolute `http`, `https`, `mailto` or `tel` URL, else `undefined`.
 * Character references are decoded and control characters and whitespace removed before the scheme
 * is read, as a browser would, so `java&#x09;script:` or `&#106;avascript:` is caught. Relative and
 * protocol-relative URLs are refused too: a reply's link should say where it goes.
 *
 * @example
 * safeUrl('https://vapi.ai/docs'); // 'https://vapi.ai/docs'
 * safeUrl('javascript:alert(1)'); // undefined
 */
export function safeUrl(url: string): string | undefined {
  // Browsers drop control characters and whitespace before reading a scheme.
  const cleaned = [...decodeEntities(url, { lenient: true })]
    .filter((character) => !isIgnoredInUrl(character.codePointAt(0) ?? 0))
    .join('');
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch {
    return undefined;
  }
  if (!allowedProtocols.has(parsed.protocol)) return undefined;
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !/^https?:\/\//i.test(cleaned)) {
    return undefined;
  }
  return parsed.href;
}

function isIgnoredInUrl(codePoint: number): boolean {
  return (
    codePoint <= 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0xfeff
  );
}
