// The `--vck-*` tokens as ui's stylesheet declares them, for the guide's Theming page: the table is read
// from styles.css itself (imported `?raw`), so it lists what the CSS declares, never a copy of it.
import type { ReactNode } from 'react';

/** One custom property: its group (the comment above it), its light value, and its dark value if any. */
export interface Token {
  readonly name: string;
  readonly group: string | undefined;
  readonly light: string;
  readonly dark: string | undefined;
}

/** The body of the first rule whose selector is exactly `selector` (at the start of a line). */
function ruleBody(css: string, selector: string): string | undefined {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(css)?.[1];
}

/** `--vck-name: value;` declarations in order, each with the CSS comment that last preceded it. */
function declarations(body: string): { name: string; value: string; group: string | undefined }[] {
  const found: { name: string; value: string; group: string | undefined }[] = [];
  let group: string | undefined;
  for (const match of body.matchAll(/\/\*([\s\S]*?)\*\/|(--vck-[a-z0-9-]+)\s*:\s*([^;]+);/g)) {
    if (match[1] !== undefined) group = match[1].trim();
    else found.push({ name: match[2]!, value: match[3]!.replace(/\s+/g, ' ').trim(), group });
  }
  return found;
}

/**
 * The tokens `lightSelector`'s rule declares, with the value `darkSelector`'s rule gives each one.
 *
 * @example
 * readTokens(css)[0]; // { name: '--vck-font-family', group: 'type', light: 'ui-sans-serif, …', dark: undefined }
 */
export function readTokens(
  css: string,
  lightSelector = '.vck-window',
  darkSelector = ".vck-window[data-theme='dark']",
): Token[] {
  const dark = new Map(
    declarations(ruleBody(css, darkSelector) ?? '').map(({ name, value }) => [name, value] as const),
  );
  return declarations(ruleBody(css, lightSelector) ?? '').map(({ name, value, group }) => ({
    name,
    group,
    light: value,
    dark: dark.get(name),
  }));
}

const colour = /^(#[0-9a-f]{3,8}|rgb\(.*\)|hsl\(.*\))$/i;

function Value({ value }: { readonly value: string | undefined }) {
  if (value === undefined) return <span>same</span>;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {colour.test(value) && (
        <span
          aria-hidden="true"
          style={{
            inlineSize: 14,
            blockSize: 14,
            flex: 'none',
            borderRadius: 3,
            border: '1px solid rgb(0 0 0 / 25%)',
            background: value,
          }}
        />
      )}
      <code>{value}</code>
    </span>
  );
}

/**
 * A table of a stylesheet's tokens: name, light value, dark value ("same" where the dark rule keeps the
 * light one), grouped by the comments in the rule.
 *
 * @example
 * <TokenTable css={styles} />
 */
export function TokenTable({ css }: { readonly css: string }) {
  const tokens = readTokens(css);
  const rows: ReactNode[] = [];
  let group: string | undefined;
  for (const token of tokens) {
    if (token.group !== group) {
      group = token.group;
      if (group !== undefined)
        rows.push(
          <tr key={`group:${group}`}>
            <th colSpan={3} scope="colgroup" style={{ textAlign: 'start' }}>
              {group}
            </th>
          </tr>,
        );
    }
    rows.push(
      <tr key={token.name}>
        <td>
          <code style={{ whiteSpace: 'nowrap' }}>{token.name}</code>
        </td>
        <td>
          <Value value={token.light} />
        </td>
        <td>
          <Value value={token.dark} />
        </td>
      </tr>,
    );
  }
  return (
    <table>
      <caption style={{ captionSide: 'bottom', textAlign: 'start' }}>
        {tokens.length} tokens, read from <code>@vapi-chat-kit/ui/styles.css</code>.
      </caption>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">Light</th>
          <th scope="col">Dark</th>
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}
