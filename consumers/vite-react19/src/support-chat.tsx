import { persistChat, proxyTransport } from '@vapi-chat-kit/core';
import { ChatProvider, useChatHistory, useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow } from '@vapi-chat-kit/ui';
import { version } from 'react';

// The proxy's demo key (vapi-chat-proxy with no Vapi key allows it for http://127.0.0.1:*).
const widgetKey = 'demo-widget-key';
const transport = proxyTransport({ baseUrl: '/api', widgetKey });
const persist = persistChat('local');

export function SupportChat() {
  return (
    <ChatProvider transport={transport} chatId="support" persist={persist} greeting="Hi! How can I help?">
      <SupportWindow />
    </ChatProvider>
  );
}

function SupportWindow() {
  const chat = useVapiChat();
  useChatHistory({ baseUrl: '/api', widgetKey });
  return (
    <main>
      <p data-testid="react-version">React {version}</p>
      <div style={{ height: 640, width: 420 }}>
        <ChatWindow chat={chat} title="TechFlow support" />
      </div>
    </main>
  );
}
