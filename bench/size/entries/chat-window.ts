// Ours, chat window with markdown: ChatWindow renders markdown itself (marked + remend), and an app
// ships it with the hook and a transport.
import { proxyTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow } from '@vapi-chat-kit/ui';

console.log(ChatWindow, useVapiChat, proxyTransport);
