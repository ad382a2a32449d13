import type { ChatMessage, ChatTransport } from '@vapi-chat-kit/core';
import launcherStyles from './launcher.css?inline';
import { widgetLabels, widgetLabelsFr, type WidgetLabels } from './widget-labels';
import type { VapiChatWidgetVisitor, WidgetPanelHandle, WidgetPanelOptions } from './widget-panel-options';

/**
 * `detail` of the `vapi-chat-widget:message` event: the reply that just finished (`done` or `stopped`).
 *
 * @example
 * widget.addEventListener('vapi-chat-widget:message', (event) => console.log(event.detail.message.text));
 */
export interface VapiChatWidgetMessageDetail {
  readonly message: ChatMessage;
}

/**
 * The events the element dispatches; all bubble and are `composed`, so a listener on `document` hears them.
 *
 * @example
 * document.addEventListener('vapi-chat-widget:open', () => analytics.track('chat opened'));
 */
export interface VapiChatWidgetEventMap {
  'vapi-chat-widget:open': CustomEvent<null>;
  'vapi-chat-widget:close': CustomEvent<null>;
  'vapi-chat-widget:message': CustomEvent<VapiChatWidgetMessageDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'vapi-chat-widget': VapiChatWidgetElement;
  }
  // The widget's events reach any element above it (they are composed), and `document`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the widget's events in
  interface HTMLElementEventMap extends VapiChatWidgetEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the widget's events in
  interface DocumentEventMap extends VapiChatWidgetEventMap {}
}

const observedAttributeNames = [
  'proxy-url',
  'widget-key',
  'heading',
  'title',
  'subtitle',
  'greeting',
  'greeting-delay',
  'theme',
  'position',
  'lang',
  'open',
  'chat-id',
] as const;

const chatIcon =
  '<svg class="vcw-icon-chat" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/></svg>';
const closeIcon =
  '<svg class="vcw-icon-close" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18"/></svg>';

const template = `<style>${launcherStyles}</style>
<div class="vcw-greeting" part="greeting" role="status" hidden>
  <p></p>
  <button type="button" class="vcw-dismiss" part="greeting-dismiss">${closeIcon}</button>
</div>
<button type="button" class="vcw-launcher" part="launcher" aria-controls="vcw-panel" aria-expanded="false">
  ${chatIcon}${closeIcon}
  <span class="vcw-badge" part="badge" aria-hidden="true" hidden></span>
</button>
<div class="vcw-panel" id="vcw-panel" part="panel" hidden></div>`;

// Importing this module on a server (SSR) must not throw: the class only needs `HTMLElement` once defined.
const BaseElement = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

/**
 * `<vapi-chat-widget>`: a launcher button that opens a support chat. The launcher is plain DOM; the
 * chat window (React + `<ChatWindow>`) loads on first open. Open state survives page navigations
 * (sessionStorage) and the transcript survives reloads (localStorage, by `chat-id`).
 *
 * Attributes: `proxy-url`, `widget-key`, `heading` (the window's title), `subtitle`, `greeting`, `greeting-delay` (ms),
 * `theme` (`light` | `dark` | `auto`), `position` (`bottom-right` | `bottom-left`), `lang` (`en` | `fr`),
 * `open`, `chat-id` (default `widget`).
 *
 * @example
 * defineVapiChatWidget();
 * const widget = document.createElement('vapi-chat-widget');
 * widget.setAttribute('proxy-url', '/api');
 * widget.setAttribute('widget-key', 'wk_public_site_key');
 * document.body.append(widget);
 * widget.open();
 */
export class VapiChatWidgetElement extends BaseElement {
  static readonly observedAttributes: readonly string[] = observedAttributeNames;

  readonly #shadow: ShadowRoot;
  readonly #launcher: HTMLButtonElement;
  readonly #badge: HTMLElement;
  readonly #panelElement: HTMLElement;
  readonly #greeting: HTMLElement;
  readonly #greetingText: HTMLElement;
  readonly #dismiss: HTMLButtonElement;
  #isOpen = false;
  #connected = false;
  #unread = 0;
  #transport: ChatTransport | undefined;
  #visitor: VapiChatWidgetVisitor | undefined;
  #panel: WidgetPanelHandle | undefined;
  #panelLoading: Promise<WidgetPanelHandle | undefined> | undefined;
  #greetingTimer: ReturnType<typeof setTimeout> | undefined;
  #stopWatchingViewport: (() => void) | undefined;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.innerHTML = template;
    this.#launcher = this.#part<HTMLButtonElement>('.vcw-launcher');
    this.#badge = this.#part('.vcw-badge');
    this.#panelElement = this.#part('.vcw-panel');
    this.#greeting = this.#part('.vcw-greeting');
    this.#greetingText = this.#part('.vcw-greeting p');
    this.#dismiss = this.#part<HTMLButtonElement>('.vcw-dismiss');
    this.#launcher.addEventListener('click', () => this.#setOpen(!this.#isOpen, true));
    this.#dismiss.addEventListener('click', () => this.#dismissGreeting());
    this.#shadow.addEventListener('keydown', (event) => {
      const keyboardEvent = event as KeyboardEvent;
      if (keyboardEvent.key !== 'Escape' || keyboardEvent.isComposing || keyboardEvent.defaultPrevented)
        return;
      if (this.#isOpen) {
        keyboardEvent.preventDefault();
        this.#setOpen(false, true);
      } else if (!this.#greeting.hidden) {
        this.#dismissGreeting();
      }
    });
  }

  /** A transport of your own (any core `ChatTransport`); it replaces `proxy-url` and `widget-key`. */
  get transport(): ChatTransport | undefined {
    return this.#transport;
  }

  set transport(transport: ChatTransport | undefined) {
    this.#transport = transport;
    this.#panel?.update(this.#panelOptions());
  }

  /**
   * A signed-in visitor (`{ id, token }`): their conversations then follow them to any device (the header
   * lists them) and the assistant knows who it talks to. `undefined` (the default): anonymous. Works with
   * `proxy-url`; a `transport` of your own carries its own identity.
   */
  get visitor(): VapiChatWidgetVisitor | undefined {
    return this.#visitor;
  }

  set visitor(visitor: VapiChatWidgetVisitor | undefined) {
    this.#visitor = visitor;
    this.#panel?.update(this.#panelOptions());
  }

  /** Whether the panel is open (the `open` attribute reflects it). */
  get isOpen(): boolean {
    return this.#isOpen;
  }

  /** Replies that finished while the panel was closed; opening resets it. */
  get unreadCount(): number {
    return this.#unread;
  }

  /** Opens the panel (loading it the first time) and moves focus into the composer. */
  open(): void {
    this.#setOpen(true, true);
  }

  /** Closes the panel; focus inside it returns to the launcher. */
  close(): void {
    this.#setOpen(false, false);
  }

  /** Opens or closes the panel. */
  toggle(): void {
    this.#setOpen(!this.#isOpen, true);
  }

  /**
   * Loads the panel's code (React and the chat window) without opening it; resolves when it is mounted.
   * The launcher calls it on first open; call it yourself to prefetch.
   */
  async preload(): Promise<void> {
    await this.#ensurePanel();
  }

  connectedCallback(): void {
    this.#connected = true;
    this.#moveTitleToHeading();
    this.#unread = Number(readStorage('session', this.#key('unread'))) || 0;
    const stored = readStorage('session', this.#key('open'));
    const open = stored === null ? this.hasAttribute('open') : stored === '1';
    this.#isOpen = !open; // so #setOpen applies the state below in full
    this.#setOpen(open, false, false);
    this.#scheduleGreeting();
  }

  disconnectedCallback(): void {
    this.#connected = false;
    clearTimeout(this.#greetingTimer);
    this.#stopWatchingViewport?.();
    this.#stopWatchingViewport = undefined;
    this.#panel?.unmount();
    this.#panel = undefined;
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (!this.#connected || previous === value) return;
    if (name === 'title') {
      this.#moveTitleToHeading();
      return;
    }
    if (name === 'open') {
      this.#setOpen(value !== null, false);
      return;
    }
    if (name === 'greeting' || name === 'greeting-delay') this.#scheduleGreeting();
    this.#render();
    this.#panel?.update(this.#panelOptions());
  }

  /**
   * `title` is HTML's global tooltip attribute: set on the element, it would show over the whole open
   * panel. Pages written for the earlier `title` attribute keep working: it becomes `heading`.
   */
  #moveTitleToHeading(): void {
    const title = this.getAttribute('title');
    if (title === null) return;
    if (!this.hasAttribute('heading')) this.setAttribute('heading', title);
    this.removeAttribute('title');
  }

  #part<T extends Element = HTMLElement>(selector: string): T {
    const element = this.#shadow.querySelector<T>(selector);
    if (!element) throw new Error(`vapi-chat-widget: ${selector} is missing`);
    return element;
  }

  #labels(): WidgetLabels {
    return widgetLabels(this.getAttribute('lang'));
  }

  #key(name: string): string {
    return `vapi-chat-widget:${this.getAttribute('chat-id') || 'widget'}:${name}`;
  }

  #setOpen(open: boolean, moveFocus: boolean, notify = true): void {
    if (open === this.#isOpen) {
      if (open && moveFocus) void this.#focusComposer();
      return;
    }
    this.#isOpen = open;
    if (this.hasAttribute('open') !== open) this.toggleAttribute('open', open);
    writeStorage('session', this.#key('open'), open ? '1' : '0');
    if (open) {
      this.#setUnread(0);
      this.#hideGreeting(true);
      this.#panelElement.hidden = false;
      this.#watchViewport();
      if (moveFocus) void this.#focusComposer();
      else void this.#ensurePanel();
    } else {
      const active = this.#shadow.activeElement;
      const focusWasInside = active !== null && this.#panelElement.contains(active);
      this.#panelElement.hidden = true;
      this.#stopWatchingViewport?.();
      this.#stopWatchingViewport = undefined;
      if (moveFocus || focusWasInside) this.#launcher.focus();
    }
    this.#render();
    if (notify) {
      const name = open ? 'vapi-chat-widget:open' : 'vapi-chat-widget:close';
      this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: null }));
    }
  }

  async #focusComposer(): Promise<void> {
    const panel = await this.#ensurePanel();
    if (this.#isOpen) panel?.focusComposer();
  }

  #ensurePanel(): Promise<WidgetPanelHandle | undefined> {
    if (this.#panel) return Promise.resolve(this.#panel);
    this.#panelLoading ??= import('./widget-panel')
      .then(({ mountWidgetPanel }) => {
        if (!this.#connected) return undefined;
        this.#panel ??= mountWidgetPanel(this.#shadow, this.#panelElement, this.#panelOptions());
        return this.#panel;
      })
      .catch((error: unknown) => {
        console.error('vapi-chat-widget: the chat panel failed to load', error);
        return undefined;
      })
      .finally(() => {
        this.#panelLoading = undefined;
      });
    return this.#panelLoading;
  }

  #panelOptions(): WidgetPanelOptions {
    const labels = this.#labels();
    const theme = this.getAttribute('theme');
    return {
      transport: this.#transport,
      proxyUrl: this.getAttribute('proxy-url') ?? undefined,
      widgetKey: this.getAttribute('widget-key') ?? undefined,
      visitor: this.#visitor,
      chatId: this.getAttribute('chat-id') || 'widget',
      title: this.getAttribute('heading') || labels.title,
      subtitle: this.getAttribute('subtitle') ?? undefined,
      greeting: this.getAttribute('greeting') ?? undefined,
      theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
      lang: labels === widgetLabelsFr ? 'fr' : 'en',
      onClose: () => this.#setOpen(false, true),
      onFinish: (message) => this.#onReply(message),
    };
  }

  #onReply(message: ChatMessage): void {
    if (!this.#isOpen) this.#setUnread(this.#unread + 1);
    const detail: VapiChatWidgetMessageDetail = { message };
    this.dispatchEvent(
      new CustomEvent('vapi-chat-widget:message', { bubbles: true, composed: true, detail }),
    );
  }

  #setUnread(count: number): void {
    this.#unread = count;
    writeStorage('session', this.#key('unread'), String(count));
    this.#render();
  }

  #render(): void {
    const labels = this.#labels();
    const open = this.#isOpen;
    this.#launcher.setAttribute('aria-expanded', String(open));
    this.#launcher.setAttribute('aria-label', open ? labels.closeChat : labels.openChat(this.#unread));
    this.#part('.vcw-launcher .vcw-icon-chat').toggleAttribute('hidden', open);
    this.#part('.vcw-launcher .vcw-icon-close').toggleAttribute('hidden', !open);
    this.#badge.hidden = open || this.#unread === 0;
    this.#badge.textContent = this.#unread > 9 ? '9+' : String(this.#unread);
    this.#dismiss.setAttribute('aria-label', labels.dismissGreeting);
  }

  #scheduleGreeting(): void {
    clearTimeout(this.#greetingTimer);
    const text = this.getAttribute('greeting');
    const delay = this.getAttribute('greeting-delay');
    if (!text || delay === null || this.#isOpen || readStorage('local', this.#key('greeting-dismissed'))) {
      this.#hideGreeting(false);
      return;
    }
    this.#greetingTimer = setTimeout(
      () => {
        if (this.#isOpen || !this.#connected) return;
        this.#greeting.hidden = false;
        this.#greetingText.textContent = text;
      },
      Math.max(0, Number(delay) || 0),
    );
  }

  #hideGreeting(remember: boolean): void {
    clearTimeout(this.#greetingTimer);
    this.#greeting.hidden = true;
    this.#greetingText.textContent = '';
    if (remember) writeStorage('local', this.#key('greeting-dismissed'), '1');
  }

  #dismissGreeting(): void {
    const hadFocus = this.#shadow.activeElement === this.#dismiss;
    this.#hideGreeting(true);
    if (hadFocus) this.#launcher.focus();
  }

  // Narrow screens show a full-screen sheet: its height follows the visual viewport, so the composer
  // stays above a virtual keyboard (100dvh alone ignores the keyboard on iOS Safari).
  #watchViewport(): void {
    const viewport = typeof window === 'undefined' ? undefined : window.visualViewport;
    if (!viewport || this.#stopWatchingViewport) return;
    const update = () => {
      this.#panelElement.style.setProperty('--vcw-viewport-height', `${viewport.height}px`);
      this.#panelElement.style.setProperty('--vcw-viewport-top', `${viewport.offsetTop}px`);
    };
    update();
    viewport.addEventListener('resize', update);
    viewport.addEventListener('scroll', update);
    this.#stopWatchingViewport = () => {
      viewport.removeEventListener('resize', update);
      viewport.removeEventListener('scroll', update);
    };
  }
}

/**
 * Registers `<vapi-chat-widget>` (or `tagName`); calling it again is harmless.
 *
 * @example
 * import { defineVapiChatWidget } from '@vapi-chat-kit/widget';
 * defineVapiChatWidget();
 */
export function defineVapiChatWidget(tagName = 'vapi-chat-widget'): typeof VapiChatWidgetElement {
  const existing = customElements.get(tagName);
  if (existing) return existing as typeof VapiChatWidgetElement;
  // A class can back one tag name only: another name gets a subclass.
  const alreadyUsed = customElements.getName?.(VapiChatWidgetElement) != null;
  const element = alreadyUsed ? class extends VapiChatWidgetElement {} : VapiChatWidgetElement;
  customElements.define(tagName, element);
  return element;
}

// Storage can throw (blocked cookies, sandboxed frames): the widget then just forgets.
function readStorage(kind: 'local' | 'session', key: string): string | null {
  try {
    return (kind === 'local' ? localStorage : sessionStorage).getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(kind: 'local' | 'session', key: string, value: string): void {
  try {
    (kind === 'local' ? localStorage : sessionStorage).setItem(key, value);
  } catch {
    // nothing to do: the state just is not kept
  }
}
