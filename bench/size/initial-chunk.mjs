// What a page downloads before anything it loads lazily: a part an app loads with `import()` only when it
// needs it (our ratings and visitor list, any peer's lazy part) is left out of the bundle (kept as an
// external import, as a code-splitting bundler keeps it in a chunk of its own). The same for ours and for
// every peer's bundled check.

/** An esbuild plugin that leaves every `import()` out of the bundle. */
const lazyImportsApart = {
  name: 'lazy-imports-apart',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/** A size-limit check of a bundled entry file, measured without what it loads lazily. */
export function initialChunk(check) {
  if (check.disablePlugins?.includes('@size-limit/esbuild')) return check;
  return {
    ...check,
    modifyEsbuildConfig: (config) => ({ ...config, plugins: [...(config.plugins ?? []), lazyImportsApart] }),
  };
}
