import type { ProxyHistoryResponse, ProxyMessageRating } from '../protocol/proxy-protocol';
import { selectIsBusy } from '../state/chat-selectors';
import type { ChatMessage, ChatSnapshot, ChatState } from '../state/chat-state';

/**
 * When the proxy's copy of a conversation replaces the one on this device. `'if-empty'`: only while this
 * device has none of the user's messages (a new device, or storage that kept only the chain), so a
 * local failed message is never dropped. `'always'`: whenever it is read.
 */
export type HistoryReplace = 'if-empty' | 'always';

/**
 * A stored conversation (`GET /v1/chat/history`) as the chat shows it, made once per read. Restoring it
 * hands these very message objects to the chat's state (`restore` keeps the array itself), so a cache that
 * keeps the transcript (TanStack Query's) and the chat share one copy of it.
 */
export interface ChatTranscript {
  readonly conversationId: string;
  /** Oldest first. A reply stored `failed` (cut part-way) is `stopped`; each keeps its stored id as `remoteId`. */
  readonly messages: readonly ChatMessage[];
  /** The visitor's stored rating of each rated reply, by message id. */
  readonly ratings: Readonly<Record<string, ProxyMessageRating>>;
}

/**
 * Maps a stored conversation to chat messages, once: a reply stored `failed` (cut part-way) comes back
 * `stopped`, with its text; each keeps its stored id as `remoteId` too (what a rating names).
 *
 * @example
 * const transcript = transcriptFromHistory(await fetchProxyHistory(options));
 */
export function transcriptFromHistory(history: ProxyHistoryResponse): ChatTranscript {
  const ratings: Record<string, ProxyMessageRating> = {};
  const messages = history.messages.map((message): ChatMessage => {
    if (message.rating !== undefined) ratings[message.id] = message.rating;
    return {
      id: message.id,
      role: message.role,
      text: message.text,
      status: message.status === 'failed' ? 'stopped' : message.status,
      createdAt: Date.parse(message.createdAt),
      remoteId: message.id,
    };
  });
  return { conversationId: history.conversationId, messages, ratings };
}

/**
 * The snapshot to restore from the proxy's stored conversation, or `undefined` when the chat keeps its
 * own: while a turn is in flight, and (with `'if-empty'`) once the user has written here. The snapshot
 * holds the transcript's own messages array (no copy).
 *
 * @example
 * const transcript = transcriptFromHistory(await fetchProxyHistory(options));
 * const snapshot = snapshotFromHistory(engine.state.getState(), transcript);
 * if (snapshot) engine.actions.restore(snapshot);
 */
export function snapshotFromHistory(
  state: ChatState,
  transcript: ChatTranscript,
  replace: HistoryReplace = 'if-empty',
): ChatSnapshot | undefined {
  if (selectIsBusy(state) || state.activeTurn !== undefined) return undefined;
  if (replace === 'if-empty' && state.messages.some((message) => message.role === 'user')) return undefined;
  return {
    messages: transcript.messages,
    chain: { ...state.chain, conversationId: transcript.conversationId },
  };
}

/**
 * The snapshot that reopens a stored conversation in place of the current one (a signed-in visitor's,
 * chosen from their list on any device): the transcript's own messages, and the chain that continues it
 * there.
 *
 * @example
 * const transcript = transcriptFromHistory(await fetchProxyHistory(options));
 * engine.actions.restore(conversationSnapshot(transcript, summary.sessionId));
 */
export function conversationSnapshot(transcript: ChatTranscript, sessionId: string): ChatSnapshot {
  return {
    messages: transcript.messages,
    chain: { sessionId, conversationId: transcript.conversationId },
  };
}
