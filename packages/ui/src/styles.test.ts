import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.join(import.meta.dirname, 'styles.css'), 'utf8');
const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** The `--vck-*` names a rule block defines. */
function definedIn(block: string): string[] {
  return [...block.matchAll(/^\s*(--vck-[a-z0-9-]+):/gm)].map((match) => match[1]!).sort();
}

function block(selector: string, from = 0): string {
  const start = css.indexOf(`${selector} {`, from);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('\n}', start));
}

describe('styles.css', () => {
  const light = definedIn(block('.vck-window'));
  const dark = definedIn(block(".vck-window[data-theme='dark']"));
  const auto = definedIn(block("  .vck-window[data-theme='auto']"));

  it('defines every token it uses', () => {
    expect(light.length).toBeGreaterThan(30);
    const used = new Set([...css.matchAll(/var\((--vck-[a-z0-9-]+)/g)].map((match) => match[1]!));
    expect([...used].filter((name) => !light.includes(name))).toEqual([]);
  });

  it('gives dark and auto-dark the same tokens, with the same values', () => {
    expect(auto).toEqual(dark);
    expect(dark.filter((name) => !light.includes(name))).toEqual([]);
    // CSS cannot share one block between a selector and a media query (without light-dark(), which older
    // Safari lacks): the two blocks are written twice, and must stay the same, declaration for declaration.
    const declarations = (text: string) =>
      text
        .slice(text.indexOf('{') + 1)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && line !== '}');
    const darkBlock = declarations(block(".vck-window[data-theme='dark']"));
    expect(darkBlock.length).toBeGreaterThan(25);
    expect(declarations(block("  .vck-window[data-theme='auto']"))).toEqual(darkBlock);
  });

  it('documents every token in the README', () => {
    expect(light.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('turns off animations and transitions under reduced motion', () => {
    const reduced = css.slice(css.indexOf('@media (prefers-reduced-motion: reduce)'));
    expect(reduced).toContain('animation: none !important');
    expect(reduced).toContain('transition: none !important');
  });

  it('uses logical properties, so right-to-left needs no overrides of its own', () => {
    expect(css).not.toMatch(/(?:margin|padding|border)-(?:left|right)\s*:/);
    expect(css).not.toMatch(/[^-](?:left|right)\s*:/);
    expect(css).not.toMatch(/text-align:\s*(?:left|right)/);
  });
});
