import type { ChatBinding, ChatOptions } from './create-chat-binding';

/** The options each chat was made with, and the ones already warned about. */
const madeWith = new WeakMap<ChatBinding, { options: Partial<ChatOptions>; warned: Set<string> }>();

/**
 * Options a chat is made with that a component may well change on purpose (a greeting per language). A
 * transport or a persistence made inline in render is new on every render without meaning another: those
 * are not compared.
 */
const frozenOptions = ['greeting', 'rateLimit'] as const;

/**
 * Says once, on the console, when a component passes a chat a greeting or rate limit other than the one it
 * was made with: a chat keeps its options for its whole life, and a new value would otherwise be ignored
 * without a word. (Callbacks are read afresh on every render and never warn.)
 *
 * @example
 * warnFrozenOptions(binding, options);
 */
export function warnFrozenOptions(binding: ChatBinding, options: Partial<ChatOptions>): void {
  const known = madeWith.get(binding);
  if (known === undefined) {
    madeWith.set(binding, { options, warned: new Set() });
    return;
  }
  for (const name of frozenOptions) {
    if (
      options[name] === undefined ||
      Object.is(options[name], known.options[name]) ||
      known.warned.has(name)
    ) {
      continue;
    }
    known.warned.add(name);
    console.warn(
      `vapi-chat-kit: the \`${name}\` passed for the chat "${binding.chatId}" changed after the chat was made, ` +
        'and a chat keeps the options it was made with. To use the new one, give it another chatId.',
    );
  }
}

/**
 * Says once, on the console, when a component joins a chat that already exists (under a `ChatProvider`)
 * with a transport other than the one the chat was made with: the chat keeps its own, and the component's
 * would otherwise be ignored without a word. Called with the transport the component had when it mounted
 * (an inline transport is a new object on every render of the same component, which is no change).
 *
 * @example
 * warnIgnoredTransport(binding, transportAtMount);
 */
export function warnIgnoredTransport(
  binding: ChatBinding,
  transport: ChatOptions['transport'] | undefined,
): void {
  const known = madeWith.get(binding);
  if (known === undefined || transport === undefined || transport === known.options.transport) return;
  if (known.warned.has('transport')) return;
  known.warned.add('transport');
  console.warn(
    `vapi-chat-kit: the \`transport\` passed for the chat "${binding.chatId}" is not used: the chat already ` +
      'exists (under this ChatProvider) and keeps the transport it was made with. Give it another chatId, ' +
      'or pass the transport where the chat is first used.',
  );
}
