// The size-limit plugins ship no types. Each default export is a list of step objects that size-limit's
// loader flattens; size-limit's own types call them functions, so the bench casts once where it passes them.
declare module '@size-limit/esbuild' {
  const plugin: readonly object[];
  // eslint-disable-next-line import-x/no-default-export -- the package's real shape
  export default plugin;
}

declare module '@size-limit/file' {
  const plugin: readonly object[];
  // eslint-disable-next-line import-x/no-default-export -- the package's real shape
  export default plugin;
}
