import { describe, expect, it } from 'vitest';
import { themeableStyles } from './themeable-styles';

describe('themeableStyles', () => {
  it('lets values from the host page win over the defaults a stylesheet declares', () => {
    const css =
      ".vck-window {\n  --vck-accent: #0f766e;\n  --vck-radius: 16px;\n  color: var(--vck-text);\n}\n.vck-window[data-theme='dark'] { --vck-accent: #2dd4bf }";
    expect(themeableStyles(css)).toBe(
      ':host { --vck-host-accent: var(--vck-accent); --vck-host-radius: var(--vck-radius); }\n' +
        ".vck-window {\n  --vck-accent: var(--vck-host-accent, #0f766e);\n  --vck-radius: var(--vck-host-radius, 16px);\n  color: var(--vck-text);\n}\n.vck-window[data-theme='dark'] { --vck-accent: var(--vck-host-accent, #2dd4bf)}",
    );
  });

  it('keeps values that span lines or refer to other tokens', () => {
    const css =
      '.vck-window {\n  --vck-font-family:\n    ui-sans-serif, system-ui;\n  --vck-focus-ring: var(--vck-accent);\n}';
    expect(themeableStyles(css)).toBe(
      ':host { --vck-host-font-family: var(--vck-font-family); --vck-host-focus-ring: var(--vck-focus-ring); }\n' +
        '.vck-window {\n  --vck-font-family: var(--vck-host-font-family,\n    ui-sans-serif, system-ui);\n  --vck-focus-ring: var(--vck-host-focus-ring, var(--vck-accent));\n}',
    );
  });

  it('rewrites every declaration of minified CSS', () => {
    const css = '.vck-window{--vck-bg:#fff;--vck-accent:#0f766e;--vck-user-bubble-bg:#0f766e}';
    expect(themeableStyles(css)).toBe(
      ':host { --vck-host-bg: var(--vck-bg); --vck-host-accent: var(--vck-accent); --vck-host-user-bubble-bg: var(--vck-user-bubble-bg); }\n' +
        '.vck-window{--vck-bg: var(--vck-host-bg,#fff);--vck-accent: var(--vck-host-accent,#0f766e);--vck-user-bubble-bg: var(--vck-host-user-bubble-bg,#0f766e)}',
    );
  });

  it('leaves a stylesheet without tokens as it is, under an empty :host rule', () => {
    expect(themeableStyles('.vck-message { color: red; }')).toBe(':host {  }\n.vck-message { color: red; }');
  });
});
