import type { ChatMessage, ChatSnapshot } from '../state/chat-state';
import { ranInNewSession } from '../state/new-session';

/**
 * A snapshot as the chat keeps it now: the chain of its last turn only, and each user message whose turn
 * ran in a new server session marked `newSession`. Snapshots written before the reducer marked them
 * held the chain of every turn (one more entry per turn, forever): the marks are read from those chains
 * once (a turn that had a chain, followed by another session than the one it was sent with), and the
 * chains are dropped. A snapshot already in this shape is returned as it is.
 *
 * @example
 * const snapshot = compactSnapshotChains(fromStorage);
 */
export function compactSnapshotChains(snapshot: ChatSnapshot): ChatSnapshot {
  const chains = snapshot.chainsBeforeTurn ?? {};
  if (Object.keys(chains).length <= 1) return snapshot;
  const turns = snapshot.messages.filter(
    (message): message is ChatMessage & { turnId: string } =>
      message.role === 'user' && message.turnId !== undefined,
  );
  const marked = new Set<string>();
  turns.forEach((turn, index) => {
    const next = turns[index + 1];
    const after = next === undefined ? snapshot.chain.sessionId : chains[next.turnId]?.sessionId;
    if (ranInNewSession(chains[turn.turnId], after)) marked.add(turn.id);
  });
  const last = turns.at(-1);
  const lastChain = last === undefined ? undefined : chains[last.turnId];
  return {
    ...snapshot,
    messages: snapshot.messages.map((message) =>
      marked.has(message.id) ? { ...message, newSession: true } : message,
    ),
    chainsBeforeTurn: last === undefined || lastChain === undefined ? {} : { [last.turnId]: lastChain },
  };
}
