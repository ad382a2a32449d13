import { persistChat, proxyTransport, type ChatTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow, labelsEn, labelsFr, type ChatWindowProxy } from '@vapi-chat-kit/ui';
import uiStyles from '@vapi-chat-kit/ui/styles.css?inline';
import { StrictMode, useMemo } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { themeableStyles } from './themeable-styles';
import type { WidgetPanelHandle, WidgetPanelOptions } from './widget-panel-options';

/**
 * Mounts the chat window into the widget's panel: ui's stylesheet goes into the shadow root (once), and
 * `<ChatWindow>` renders over `useVapiChat` with the element's options. Loaded by the element on first open.
 *
 * @example
 * const panel = mountWidgetPanel(shadowRoot, panelElement, options);
 * panel.focusComposer();
 */
export function mountWidgetPanel(
  shadowRoot: ShadowRoot,
  container: HTMLElement,
  options: WidgetPanelOptions,
): WidgetPanelHandle {
  if (!shadowRoot.querySelector('style[data-vck-ui]')) {
    const style = document.createElement('style');
    style.dataset['vckUi'] = '';
    style.textContent = themeableStyles(uiStyles);
    shadowRoot.prepend(style);
  }
  const root = createRoot(container);
  const render = (next: WidgetPanelOptions) =>
    root.render(
      <StrictMode>
        <WidgetPanel options={next} />
      </StrictMode>,
    );
  // Rendered at once, so the composer exists when the element moves focus into it.
  flushSync(() => render(options));
  return {
    // At once too: after `widget.transport = …` the window already uses it.
    update: (next) => flushSync(() => render(next)),
    focusComposer: () => container.querySelector('textarea')?.focus(),
    // After the current task: a host React app that removes the element does so while it commits, and a
    // root unmounted synchronously inside another root's commit is a race React warns about.
    unmount: () => queueMicrotask(() => root.unmount()),
  };
}

function WidgetPanel({ options }: { readonly options: WidgetPanelOptions }) {
  const { transport: given, proxyUrl, widgetKey, visitor } = options;
  // Through the proxy, replies can be rated; with a signed-in visitor, their conversations are listed.
  const proxy = useMemo<ChatWindowProxy | undefined>(
    () =>
      given || proxyUrl === undefined
        ? undefined
        : { baseUrl: proxyUrl, widgetKey, visitorToken: visitor?.token, visitorId: visitor?.id },
    [given, proxyUrl, widgetKey, visitor],
  );
  const transport = useMemo<ChatTransport>(() => {
    if (!given && proxy === undefined) {
      console.warn('vapi-chat-widget: set `proxy-url` (and `widget-key`) or the `transport` property');
    }
    return given ?? proxyTransport(proxy ?? { baseUrl: '' });
  }, [given, proxy]);
  // A chat reads its transport when it is created: a new transport is a new chat (over the same
  // stored transcript), hence the key. A signed-in visitor's transcript is stored apart: who signs in
  // next on this device does not see it.
  const chatId = visitor === undefined ? options.chatId : `${options.chatId}:${visitor.id}`;
  return (
    <WidgetChatWindow
      key={`${chatId}:${transportId(transport)}`}
      transport={transport}
      options={options}
      chatId={chatId}
      proxy={proxy}
    />
  );
}

const transportIds = new WeakMap<ChatTransport, number>();
let lastTransportId = 0;
const transportId = (transport: ChatTransport): number => {
  let id = transportIds.get(transport);
  if (id === undefined) {
    id = ++lastTransportId;
    transportIds.set(transport, id);
  }
  return id;
};

// The transcript survives reloads and stays in step across the site's tabs.
const localPersistence = persistChat('local');

function WidgetChatWindow({
  transport,
  options,
  chatId,
  proxy,
}: {
  readonly transport: ChatTransport;
  readonly options: WidgetPanelOptions;
  readonly chatId: string;
  readonly proxy: ChatWindowProxy | undefined;
}) {
  const chat = useVapiChat({
    transport,
    chatId,
    persist: localPersistence,
    greeting: options.greeting,
    onFinish: options.onFinish,
  });
  return (
    <ChatWindow
      chat={chat}
      className="vcw-window"
      theme={options.theme}
      labels={options.lang === 'fr' ? labelsFr : labelsEn}
      title={options.title}
      subtitle={options.subtitle}
      onClose={options.onClose}
      proxy={proxy}
    />
  );
}
