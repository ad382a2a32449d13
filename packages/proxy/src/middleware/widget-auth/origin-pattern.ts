/**
 * Whether `origin` matches one allowed-origin entry: an exact origin (`https://shop.example`), one with any
 * port (`http://localhost:*`), or `*` for any origin. Case and a trailing slash do not matter.
 */
export function originMatches(pattern: string, origin: string): boolean {
  const wanted = pattern.trim().toLowerCase().replace(/\/+$/, '');
  const actual = origin.trim().toLowerCase();
  if (wanted === '*') return true;
  if (wanted.endsWith(':*')) {
    const base = wanted.slice(0, -2);
    return (
      actual === base || (actual.startsWith(`${base}:`) && /^\d{1,5}$/.test(actual.slice(base.length + 1)))
    );
  }
  return wanted === actual;
}

/** Whether any entry of `patterns` allows `origin`. */
export function originAllowed(patterns: readonly string[], origin: string): boolean {
  return patterns.some((pattern) => originMatches(pattern, origin));
}
