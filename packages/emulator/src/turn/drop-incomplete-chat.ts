import type { EmulatorDependencies } from '../emulator-dependencies';
import type { StartedTurn } from './start-chat-turn';

/**
 * What happens to the chat of a stream that did not end normally (cut, stalled, left by its client). By
 * default nothing: the whole turn was stored before the first byte. With `incompleteChats: 'dropped'` the
 * chat is forgotten, and its messages leave its session, as if the turn never ran (reference §15: whether
 * Vapi keeps such chats is unknown).
 *
 * @example
 * return streamResponse(deps, plan, events, signal, incompleteChatHandler(deps, started));
 */
export function incompleteChatHandler(
  deps: EmulatorDependencies,
  started: StartedTurn,
): (() => void) | undefined {
  if (deps.options.incompleteChats !== 'dropped') return undefined;
  return () => {
    const { record, session } = started;
    deps.store.chats.delete(record.chat.id);
    if (session === undefined) return;
    const appended = new Set([...record.chat.output, ...started.inputMessages]);
    session.session = {
      ...session.session,
      messages: session.session.messages.filter((message) => !appended.has(message)),
    };
  };
}
