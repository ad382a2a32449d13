import type { ChatState } from '@vapi-chat-kit/core';

// Keyed by `chainsBeforeTurn`. The answer depends only on the user messages' ids and turns, in order, and the
// chains; the reducer changes those only together with `chainsBeforeTurn` (a new turn, a retry, a
// regenerate, a restore, a reset) or the number of messages. So while a reply streams, a token (a new
// `messages` array of the same length) is answered from the cache in O(1), not by walking the thread.
const cache = new WeakMap<
  ChatState['chainsBeforeTurn'],
  { count: number; chain: ChatState['chain']; ids: readonly string[] }
>();
const empty: readonly string[] = [];

/**
 * The user messages whose turn ran in a new server session that replaced the conversation's chain (an
 * expired or unknown session, or a chat Vapi refused; the kit gives the new session the conversation so
 * far): put a "new conversation" marker before each. Derived from
 * the chain each turn was sent with and the chain after it, so it survives a reload with the rest of
 * the persisted state. The same array comes back while nothing changed.
 *
 * @example
 * const ids = useChatSelector(selectNewSessionMessageIds);
 * ids.includes(message.id) && <hr aria-label="New conversation" />;
 */
export function selectNewSessionMessageIds(state: ChatState): readonly string[] {
  const cached = cache.get(state.chainsBeforeTurn);
  if (cached !== undefined && cached.chain === state.chain && cached.count === state.messages.length) {
    return cached.ids;
  }
  const turns: { turnId: string; messageId: string }[] = [];
  for (const message of state.messages) {
    if (message.role === 'user' && message.turnId !== undefined) {
      turns.push({ turnId: message.turnId, messageId: message.id });
    }
  }
  const ids: string[] = [];
  turns.forEach((turn, index) => {
    const before = state.chainsBeforeTurn[turn.turnId];
    const next = turns[index + 1];
    const after = next === undefined ? state.chain.sessionId : state.chainsBeforeTurn[next.turnId]?.sessionId;
    // A turn that had a chain (a session, or a chat to continue) and ran in another session.
    const hadChain = before?.sessionId !== undefined || before?.chatId !== undefined;
    if (hadChain && after !== undefined && before?.sessionId !== after) ids.push(turn.messageId);
  });
  const previous = cached?.ids ?? empty;
  const result =
    ids.length === previous.length && ids.every((id, index) => id === previous[index]) ? previous : ids;
  cache.set(state.chainsBeforeTurn, { count: state.messages.length, chain: state.chain, ids: result });
  return result;
}
