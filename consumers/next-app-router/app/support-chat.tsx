'use client';

import { persistChat, proxyTransport } from '@vapi-chat-kit/core';
import { ChatProvider, useChatHistory, useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow } from '@vapi-chat-kit/ui';

// The route handler app/api/[...path]/route.ts serves the proxy on this origin.
const widgetKey = 'site-widget-key';
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
    <div style={{ height: 640, width: 420 }}>
      <ChatWindow chat={chat} title="TechFlow support" />
    </div>
  );
}
