import { decodeEntities } from './decode-entities';

const allowedProtocols = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * Returns the link's URL when it is an absolute `http`, `https`, `mailto` or `tel` URL, else `undefined`.
 *
 * The link is the destination as CommonMark reads it (character references with their semicolon decoded),
 * normalised by `URL`: `?user=42&tab=billing` stays a query string. Whether it is safe is decided on a
 * harsher reading, as a browser might see it: every reference decoded, even without its semicolon, and
 * control characters and whitespace removed, so `java&#x09;script:` or `&#106;avascript:` is caught.
 * Both readings must be safe. Relative and protocol-relative URLs are refused too: a reply's link should
 * say where it goes.
 *
 * @example
 * safeUrl('https://vapi.ai/docs?a=1&tab=2'); // 'https://vapi.ai/docs?a=1&tab=2'
 * safeUrl('javascript:alert(1)'); // undefined
 */
export function safeUrl(url: string): string | undefined {
  if (!isSafe(decodeEntities(url, { lenient: true }))) return undefined;
  const link = decodeEntities(url);
  return isSafe(link) ? new URL(withoutIgnored(link)).href : undefined;
}

function isSafe(candidate: string): boolean {
  // Browsers drop control characters and whitespace before reading a scheme.
  const cleaned = withoutIgnored(candidate);
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch {
    return false;
  }
  if (!allowedProtocols.has(parsed.protocol)) return false;
  return !(parsed.protocol === 'http:' || parsed.protocol === 'https:') || /^https?:\/\//i.test(cleaned);
}

function withoutIgnored(text: string): string {
  return [...text].filter((character) => !isIgnoredInUrl(character.codePointAt(0) ?? 0)).join('');
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
