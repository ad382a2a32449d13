// Ours, hook + transport + persistence: the same, with the opt-in `persistChat` (reloads and tabs), for
// information beside the budgeted set without it.
import { persistChat, proxyTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';

console.log(useVapiChat, proxyTransport, persistChat);
