import type { ProxyHistoryResponse } from '../protocol/proxy-protocol';
import { selectIsBusy } from '../state/chat-selectors';
import type { ChatMessage, ChatSnapshot, ChatState } from '../state/chat-state';

/**
 * When the proxy's copy of a conversation replaces the one on this device. `'if-empty'`: only while this
 * device has none of the user's messages (a new device, or storage that kept only the chain), so a
 * local failed message is never dropped. `'always'`: whenever it is read.
 */
export type HistoryReplace = 'if-empty' | 'always';

/**
 * The snapshot to restore from the proxy's stored conversation (`GET /v1/chat/history`), or `undefined`
 * when the chat keeps its own: while a turn is in flight, and (with `'if-empty'`) once the user has
 * written here. A reply the proxy stored as `failed` (cut part-way) comes back `stopped`, with its text.
 *
 * @example
 * const snapshot = snapshotFromHistory(engine.state.getState(), await fetchProxyHistory(options));
 * if (snapshot) engine.actions.restore(snapshot);
 */
export function snapshotFromHistory(
  state: ChatState,
  history: ProxyHistoryResponse,
  replace: HistoryReplace = 'if-empty',
): ChatSnapshot | undefined {
  if (selectIsBusy(state) || state.activeTurn !== undefined) return undefined;
  if (replace === 'if-empty' && state.messages.some((message) => message.role === 'user')) return undefined;
  return {
    messages: messagesOfHistory(history),
    chain: { ...state.chain, conversationId: history.conversationId },
  };
}

/**
 * The snapshot that reopens a stored conversation in place of the current one (a signed-in visitor's,
 * chosen from their list on any device): its messages, and the chain that continues it there.
 *
 * @example
 * engine.actions.restore(conversationSnapshot(await fetchProxyHistory(options), summary.sessionId));
 */
export function conversationSnapshot(history: ProxyHistoryResponse, sessionId: string): ChatSnapshot {
  return {
    messages: messagesOfHistory(history),
    chain: { sessionId, conversationId: history.conversationId },
  };
}

/**
 * A stored transcript as chat messages: a reply stored `failed` (cut part-way) comes back `stopped`; each
 * keeps its stored id as `remoteId` too (what a rating names).
 */
function messagesOfHistory(history: ProxyHistoryResponse): ChatMessage[] {
  return history.messages.map((message) => ({
    id: message.id,
    role: message.role,
    text: message.text,
    status: message.status === 'failed' ? 'stopped' : message.status,
    createdAt: Date.parse(message.createdAt),
    remoteId: message.id,
  }));
}
