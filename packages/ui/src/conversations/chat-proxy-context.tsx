import type { ProxyRequestOptions } from '@vapi-chat-kit/core';
import { createContext, useContext } from 'react';

/**
 * The proxy a window's conversations are kept on (`ChatWindow`'s `proxy`): with it, finished replies get
 * rating buttons; with `visitorId` too, the header lists a signed-in visitor's conversations.
 *
 * @example
 * const proxy: ChatWindowProxy = { baseUrl: '/api', widgetKey: 'wk_site', visitorToken, visitorId: user.id };
 */
export interface ChatWindowProxy extends ProxyRequestOptions {
  /** The signed-in visitor, as the site knows them (with `visitorToken`): their conversations are listed. */
  readonly visitorId?: string | undefined;
}

export const ChatProxyContext = createContext<ChatWindowProxy | undefined>(undefined);

/** The window's proxy, if it has one. */
export function useChatProxy(): ChatWindowProxy | undefined {
  return useContext(ChatProxyContext);
}
