import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createChatStore, proxyTransport, type ChatStoreState } from '@vapi-chat-kit/core';

const { values } = parseArgs({
  options: {
    proxy: { type: 'string', default: process.env.PROXY_URL ?? 'http://127.0.0.1:8787' },
    'widget-key': { type: 'string', default: process.env.WIDGET_KEY },
    say: { type: 'string', multiple: true },
  },
});

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\u001b[2m${text}\u001b[22m` : text);

const store = createChatStore({
  transport: proxyTransport({ baseUrl: values.proxy, widgetKey: values['widget-key'] }),
  greeting: 'Hi! I am the TechFlow assistant. Ask me about passwords, billing, API keys or enterprise plans.',
});

/** Prints the reply as it grows: the characters of the newest assistant message not printed yet. */
function printer(): (state: ChatStoreState, previous: ChatStoreState) => void {
  let printed: { id: string; length: number } | undefined;
  return (state, previous) => {
    const live = state.messages.at(-1);
    if (live?.role === 'assistant' && live.turnId !== undefined) {
      if (printed?.id !== live.id) {
        process.stdout.write(`${bold('assistant ›')} `);
        printed = { id: live.id, length: 0 };
      }
      process.stdout.write(live.text.slice(printed.length));
      printed.length = live.text.length;
    }
    if (state.rateLimitedUntil && state.rateLimitedUntil !== previous.rateLimitedUntil) {
      const seconds = Math.ceil((state.rateLimitedUntil - Date.now()) / 1000);
      process.stdout.write(dim(`(rate limited: trying again in ${seconds} s)\n`));
    }
  };
}

async function ask(text: string): Promise<void> {
  const unsubscribe = store.subscribe(printer());
  await store.getState().send(text);
  unsubscribe();
  const { status, error } = store.getState();
  process.stdout.write('\n');
  if (status === 'error' && error) process.stdout.write(dim(`(${error.code}: ${error.message})\n`));
}

console.log(
  dim(`Talking to the proxy at ${values.proxy}. Type a question; an empty line or Ctrl+D quits.\n`),
);
console.log(`${bold('assistant ›')} ${store.getState().messages[0]?.text ?? ''}\n`);

if (values.say?.length) {
  for (const text of values.say) {
    console.log(`${bold('you ›')} ${text}`);
    await ask(text);
  }
} else {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  terminal.on('SIGINT', () => store.getState().stop());
  for (;;) {
    const text = await terminal.question(`${bold('you ›')} `).catch(() => '');
    if (text.trim() === '') break;
    await ask(text);
  }
  terminal.close();
}
