import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  createChatEngine,
  persistChat,
  proxyTransport,
  type ChatStorage,
  type ChatStoreState,
} from '@vapi-chat-kit/core';

const { values } = parseArgs({
  options: {
    proxy: { type: 'string', default: process.env.PROXY_URL ?? 'http://127.0.0.1:8787' },
    'widget-key': { type: 'string', default: process.env.WIDGET_KEY },
    say: { type: 'string', multiple: true },
    // Where the conversation is kept between runs; --new starts another.
    conversation: { type: 'string', default: path.join('data', 'terminal-chat.json') },
    new: { type: 'boolean', default: false },
  },
});

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\u001b[2m${text}\u001b[22m` : text);

/** Core's persistence over one JSON file: the same snapshots a browser keeps in localStorage. */
function fileStorage(file: string): ChatStorage {
  const items = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (next: Record<string, string>): void => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(next));
  };
  return {
    getItem: (key) => items()[key] ?? null,
    setItem: (key, value) => write({ ...items(), [key]: value }),
    removeItem: (key) => {
      const { [key]: _removed, ...rest } = items();
      write(rest);
    },
  };
}

if (values.new) rmSync(values.conversation, { force: true });
const chat = createChatEngine({
  transport: proxyTransport({ baseUrl: values.proxy, widgetKey: values['widget-key'] }),
  greeting: 'Hi! I am the TechFlow assistant. Ask me about passwords, billing, API keys or enterprise plans.',
  chatId: 'terminal',
  persist: persistChat(fileStorage(values.conversation), {
    syncTabs: false,
    onSaveError: (error) =>
      process.stderr.write(dim(`(the conversation could not be saved: ${String(error)})\n`)),
  }),
});
const store = chat.state;

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
  await chat.actions.send(text);
  unsubscribe();
  const { status, error } = store.getState();
  process.stdout.write('\n');
  if (status === 'error' && error) process.stdout.write(dim(`(${error.code}: ${error.message})\n`));
}

console.log(
  dim(`Talking to the proxy at ${values.proxy}. Type a question; an empty line or Ctrl+D quits.\n`),
);
// A conversation kept from an earlier run is shown as it was, then continued.
const restored = store.getState().messages;
if (restored.some((message) => message.role === 'user')) {
  console.log(dim(`Continuing the conversation kept in ${values.conversation} (--new starts another).\n`));
}
for (const message of restored) {
  console.log(`${bold(message.role === 'user' ? 'you ›' : 'assistant ›')} ${message.text}\n`);
}

if (values.say?.length) {
  for (const text of values.say) {
    console.log(`${bold('you ›')} ${text}`);
    await ask(text);
  }
} else {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  terminal.on('SIGINT', () => chat.actions.stop());
  for (;;) {
    const text = await terminal.question(`${bold('you ›')} `).catch(() => '');
    if (text.trim() === '') break;
    await ask(text);
  }
  terminal.close();
}
