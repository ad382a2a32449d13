// The script-tag entry: defines <vapi-chat-widget>, then runs the commands queued in
// `window.VapiChatWidget` and replaces the queue with an API that runs them at once.
import { installVapiChatWidget } from './command-queue';

function start(): void {
  installVapiChatWidget();
}

// A classic script in <head> may run before <body> exists; `init` appends the element to it.
if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });

export { installVapiChatWidget };
