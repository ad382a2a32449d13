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
