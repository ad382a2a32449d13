// The smallest app: a styled chat window that talks to the proxy. (Type-checked with the repository.)
import { proxyTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow } from '@vapi-chat-kit/ui';
import '@vapi-chat-kit/ui/styles.css';

// The proxy holds the Vapi private key; the browser only knows a public widget key.
const transport = proxyTransport({ baseUrl: '/api', widgetKey: 'demo-widget-key' });

export function Support() {
  const chat = useVapiChat({ transport, chatId: 'support', greeting: 'Hi! How can I help?' });
  return <ChatWindow chat={chat} title="Support" />;
}
