import type { ChatMessage, ChatTransport } from '@vapi-chat-kit/core';

/** What the element passes to the lazily loaded panel. */
export interface WidgetPanelOptions {
  /** A transport given as a property; otherwise one is made from `proxyUrl` and `widgetKey`. */
  readonly transport: ChatTransport | undefined;
  readonly proxyUrl: string | undefined;
  readonly widgetKey: string | undefined;
  /** A signed-in visitor (the element's `visitor` property): their conversations, on any device. */
  readonly visitor: VapiChatWidgetVisitor | undefined;
  /** Names the stored transcript (`useVapiChat`'s `chatId`, kept in localStorage). */
  readonly chatId: string;
  readonly title: string;
  readonly subtitle: string | undefined;
  readonly greeting: string | undefined;
  readonly theme: 'light' | 'dark' | 'auto';
  readonly lang: 'en' | 'fr';
  readonly onClose: () => void;
  readonly onFinish: (message: ChatMessage) => void;
}

/** The mounted panel, as the element drives it. */
export interface WidgetPanelHandle {
  update(options: WidgetPanelOptions): void;
  /** Moves focus into the composer. */
  focusComposer(): void;
  unmount(): void;
}

/**
 * A signed-in visitor, as the host page knows them: the site's id for them, and a function that returns a
 * visitor token its backend signed (`signVisitorToken`), asked for before each request.
 *
 * @example
 * widget.visitor = { id: user.id, token: () => fetch('/session/chat-token').then((response) => response.text()) };
 */
export interface VapiChatWidgetVisitor {
  readonly id: string;
  readonly token: () => string | Promise<string>;
}
