/** A size-limit check of a bundled entry file, measured without what it loads lazily (see initial-chunk.mjs). */
export function initialChunk<Check extends { readonly disablePlugins?: readonly string[] }>(
  check: Check,
): Check;
