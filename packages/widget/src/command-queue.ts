import type { ChatTransport } from '@vapi-chat-kit/core';
import { defineVapiChatWidget, type VapiChatWidgetElement } from './vapi-chat-widget-element';
import type { VapiChatWidgetVisitor } from './widget-panel-options';

/**
 * The `init` command's options: the element's attributes in camelCase, plus `transport`.
 *
 * @example
 * VapiChatWidget.push(['init', { proxyUrl: '/api', widgetKey: 'wk_public_site_key', theme: 'auto' }]);
 */
export interface VapiChatWidgetInit {
  readonly proxyUrl?: string | undefined;
  readonly widgetKey?: string | undefined;
  readonly title?: string | undefined;
  readonly subtitle?: string | undefined;
  /** The first message in the chat, and the bubble's text when `greetingDelay` is set. */
  readonly greeting?: string | undefined;
  /** Milliseconds before the greeting bubble appears by the launcher; no bubble without it. */
  readonly greetingDelay?: number | undefined;
  readonly theme?: 'light' | 'dark' | 'auto' | undefined;
  readonly position?: 'bottom-right' | 'bottom-left' | undefined;
  readonly lang?: 'en' | 'fr' | undefined;
  /** @default 'widget' */
  readonly chatId?: string | undefined;
  /** Any core transport, instead of `proxyUrl` and `widgetKey`. */
  readonly transport?: ChatTransport | undefined;
  /** A signed-in visitor: `{ id, token }` (the element's `visitor` property). */
  readonly visitor?: VapiChatWidgetVisitor | undefined;
}

/** The events `on` subscribes to (each is the element's `vapi-chat-widget:<name>` event). */
export type VapiChatWidgetEventName = 'open' | 'close' | 'message';

/**
 * A command for `window.VapiChatWidget.push(…)`, queued before the script loads or run at once after.
 *
 * @example
 * VapiChatWidget.push(['on', 'message', (event) => console.log(event.detail.message.text)]);
 */
export type VapiChatWidgetCommand =
  | readonly ['init', VapiChatWidgetInit]
  | readonly ['open']
  | readonly ['close']
  | readonly ['toggle']
  | readonly ['on', VapiChatWidgetEventName, (event: CustomEvent) => void];

/**
 * What `window.VapiChatWidget` becomes once the script has run.
 *
 * @example
 * window.VapiChatWidget.open();
 */
export interface VapiChatWidgetApi {
  push(...commands: VapiChatWidgetCommand[]): number;
  open(): void;
  close(): void;
  toggle(): void;
  /** Listens to `vapi-chat-widget:<event>`; returns a function that stops listening. */
  on(event: VapiChatWidgetEventName, listener: (event: CustomEvent) => void): () => void;
  /** The widget on the page, if there is one yet. */
  readonly element: VapiChatWidgetElement | undefined;
}

const attributeOf: Record<Exclude<keyof VapiChatWidgetInit, 'transport' | 'visitor'>, string> = {
  proxyUrl: 'proxy-url',
  widgetKey: 'widget-key',
  title: 'heading',
  subtitle: 'subtitle',
  greeting: 'greeting',
  greetingDelay: 'greeting-delay',
  theme: 'theme',
  position: 'position',
  lang: 'lang',
  chatId: 'chat-id',
};

type QueueHost = { VapiChatWidget?: unknown };

/**
 * Defines the element, runs the commands queued in `window.VapiChatWidget` (an array, pushed to before
 * the script loaded), then replaces the array with a {@link VapiChatWidgetApi} whose `push` runs a
 * command at once. `init` configures the page's `<vapi-chat-widget>`, creating it if there is none.
 * Running it twice keeps the first API.
 *
 * @example
 * window.VapiChatWidget = window.VapiChatWidget || [];
 * VapiChatWidget.push(['init', { proxyUrl: '/api', widgetKey: 'wk_public_site_key' }], ['open']);
 * installVapiChatWidget(); // what the script-tag bundle does
 */
export function installVapiChatWidget(
  host: QueueHost = window as QueueHost,
  tagName = 'vapi-chat-widget',
): VapiChatWidgetApi {
  const current = host.VapiChatWidget;
  if (isApi(current)) return current;
  defineVapiChatWidget(tagName);
  const find = () => document.querySelector<VapiChatWidgetElement>(tagName) ?? undefined;

  const run = (command: VapiChatWidgetCommand): void => {
    switch (command[0]) {
      case 'init':
        init(command[1]);
        break;
      case 'open':
        find()?.open();
        break;
      case 'close':
        find()?.close();
        break;
      case 'toggle':
        find()?.toggle();
        break;
      case 'on':
        api.on(command[1], command[2]);
        break;
      default:
        console.error('vapi-chat-widget: unknown command', command satisfies never);
    }
  };

  const init = (options: VapiChatWidgetInit): void => {
    const element = find() ?? (document.createElement(tagName) as VapiChatWidgetElement);
    for (const [option, attribute] of Object.entries(attributeOf)) {
      const value = options[option as keyof typeof attributeOf];
      if (value !== undefined) element.setAttribute(attribute, String(value));
    }
    if (options.transport) element.transport = options.transport;
    if (options.visitor) element.visitor = options.visitor;
    if (!element.isConnected) document.body.append(element);
  };

  const api: VapiChatWidgetApi & { readonly [apiMarker]: true } = {
    [apiMarker]: true,
    push: (...commands) => {
      for (const command of commands) run(command);
      return 0;
    },
    open: () => find()?.open(),
    close: () => find()?.close(),
    toggle: () => find()?.toggle(),
    on: (event, listener) => {
      const type = `vapi-chat-widget:${event}`;
      const handler = (domEvent: Event) => listener(domEvent as CustomEvent);
      document.addEventListener(type, handler);
      return () => document.removeEventListener(type, handler);
    },
    get element() {
      return find();
    },
  };

  const queued = Array.isArray(current) ? (current as VapiChatWidgetCommand[]) : [];
  host.VapiChatWidget = api;
  for (const command of queued) run(command);
  return api;
}

const apiMarker = Symbol.for('vapi-chat-kit.widget.api');

function isApi(value: unknown): value is VapiChatWidgetApi {
  return typeof value === 'object' && value !== null && apiMarker in value;
}
