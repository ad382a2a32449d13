/**
 * Lets the host page theme a stylesheet that sets its own `--vck-*` defaults. ui declares its tokens on
 * `.vck-window`, and a value declared on an element always beats an inherited one, so a host page's
 * `vapi-chat-widget { --vck-accent: … }` could never reach the window. Each `--vck-name: value`
 * becomes `--vck-name: var(--vck-host-name, value)`, and `:host` copies the page's values into
 * `--vck-host-*`, which inherit through the shadow root: a value the page sets wins, the default stays
 * otherwise. Under `:host` the page's rules for the element beat the shadow root's own, as CSS scoping
 * specifies.
 *
 * @example
 * style.textContent = themeableStyles('.vck-window { --vck-accent: #0f766e; }');
 * // :host { --vck-host-accent: var(--vck-accent); }
 * // .vck-window { --vck-accent: var(--vck-host-accent, #0f766e); }
 */
export function themeableStyles(css: string): string {
  const names = new Set<string>();
  // The lookbehind and lookahead leave the separators in place: minified CSS has one `;` between two
  // declarations, and each must still be found.
  const rewritten = css.replace(
    /(?<=^|[;{\s])--vck-([\w-]+)(\s*):([^;{}]*)(?=[;}])/g,
    (_whole, name: string, space: string, value: string) => {
      names.add(name);
      return `--vck-${name}${space}: var(--vck-host-${name},${value.trimEnd()})`;
    },
  );
  const hostRule = [...names].map((name) => `--vck-host-${name}: var(--vck-${name});`).join(' ');
  return `:host { ${hostRule} }\n${rewritten}`;
}
