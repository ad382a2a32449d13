// Tables for the guide's widget page, read from the widget itself: the attributes the element observes
// and the tokens its launcher stylesheet adds to ui's. A new attribute shows up here on its own.
import { VapiChatWidgetElement } from '../../../packages/widget/src/vapi-chat-widget-element';
import { readTokens } from './token-table';
import { InlineCode } from './table';

/** What each attribute does, and its default. An attribute missing here still gets a row. */
const attributeDocs: Readonly<Record<string, { readonly default: string; readonly does: string }>> = {
  'proxy-url': {
    default: '—',
    does: "the proxy's base URL (`/api`, `https://chat.example.com`); the panel talks to it through `proxyTransport`",
  },
  'widget-key': { default: '—', does: "the site's public widget key, sent as `x-api-key`" },
  heading: { default: '`Support` (`Assistance` in French)', does: "the window's title" },
  title: {
    default: '—',
    does: "moved to `heading` (unless one is set) and removed: HTML's tooltip would cover the open panel",
  },
  subtitle: { default: "ui's label", does: 'the line under the title' },
  greeting: {
    default: 'none',
    does: "the assistant's first message in the chat, and the bubble's text (the proxy keeps it only if the widget key lists it)",
  },
  'greeting-delay': {
    default: 'none (no bubble)',
    does: 'milliseconds before the greeting also shows in a bubble by the launcher',
  },
  theme: { default: '`auto`', does: '`light`, `dark`, or `auto` (follows `prefers-color-scheme`)' },
  position: { default: '`bottom-right`', does: 'or `bottom-left`' },
  lang: { default: 'English', does: '`fr` (or `fr-*`) for French labels, in the launcher and the window' },
  open: { default: 'closed', does: 'reflects the state; set or remove it to open or close the panel' },
  'chat-id': {
    default: '`widget`',
    does: "names the stored transcript and the widget's storage keys: two widgets need two ids",
  },
};

/**
 * The element's `observedAttributes`, in its order, with what each does.
 *
 * @example
 * <WidgetAttributeTable />
 */
export function WidgetAttributeTable() {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">Default</th>
          <th scope="col">What it does</th>
        </tr>
      </thead>
      <tbody>
        {VapiChatWidgetElement.observedAttributes.map((name) => {
          const docs = attributeDocs[name];
          return (
            <tr key={name}>
              <td>
                <code style={{ whiteSpace: 'nowrap' }}>{name}</code>
              </td>
              <td>
                <InlineCode text={docs?.default ?? '—'} />
              </td>
              <td>
                <InlineCode text={docs?.does ?? 'see the element’s source'} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The `--vck-*` tokens the launcher's `:host` rule reads (`var(--vck-name, default)`) that ui's stylesheet
 * does not declare: the widget's own.
 *
 * @example
 * widgetTokens(launcherCss, uiCss); // [{ name: '--vck-widget-offset', fallback: '20px' }, …]
 */
export function widgetTokens(launcherCss: string, uiCss: string): { name: string; fallback: string }[] {
  const host = /^:host\s*\{([^}]*)\}/m.exec(launcherCss)?.[1] ?? '';
  const ui = new Set(readTokens(uiCss).map((token) => token.name));
  const found = new Map<string, string>();
  for (const match of host.matchAll(/var\(\s*(--vck-[a-z0-9-]+)\s*,\s*([^)]*?)\s*\)/g)) {
    const [, name, fallback] = match;
    if (!ui.has(name!) && !found.has(name!)) found.set(name!, fallback!.replace(/\s+/g, ' '));
  }
  return [...found].map(([name, fallback]) => ({ name, fallback }));
}

/**
 * A table of {@link widgetTokens}.
 *
 * @example
 * <WidgetTokenTable launcherCss={launcherCss} uiCss={uiCss} />
 */
export function WidgetTokenTable({
  launcherCss,
  uiCss,
}: {
  readonly launcherCss: string;
  readonly uiCss: string;
}) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">Default</th>
        </tr>
      </thead>
      <tbody>
        {widgetTokens(launcherCss, uiCss).map(({ name, fallback }) => (
          <tr key={name}>
            <td>
              <code style={{ whiteSpace: 'nowrap' }}>{name}</code>
            </td>
            <td>
              <code>{fallback}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
