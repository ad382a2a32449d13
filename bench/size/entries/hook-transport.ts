// Ours, hook + transport: what an app that renders its own UI imports. Each entry references what it
// imports, as size-limit's own `import` option does, so tree-shaking keeps exactly that.
import { proxyTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';

console.log(useVapiChat, proxyTransport);
