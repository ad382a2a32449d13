import type { VapiChatErrorJson } from '../errors/vapi-chat-error';
import type { ChatMessage, ChatSnapshot } from '../state/chat-state';
import type { ChatChain } from '../transport/chat-transport';
import { errorFromJson } from '../errors/error-from-json';
import { compactSnapshotChains } from './snapshot-chains';

const messageStatuses = new Set<unknown>(['sending', 'streaming', 'done', 'stopped', 'failed']);

/** The version of the stored form; a stored chat of another version is ignored (and dropped). */
export const chatSnapshotVersion = 1;

/**
 * A chat as plain JSON: errors as their `toJSON()` form. What storage and other tabs receive.
 *
 * @example
 * const json: ChatSnapshotJson = toChatSnapshotJson(store.getState());
 */
export interface ChatSnapshotJson {
  readonly version: number;
  readonly messages: readonly (Omit<ChatMessage, 'error'> & { readonly error?: VapiChatErrorJson })[];
  readonly chain: ChatChain;
  readonly chainsBeforeTurn: Readonly<Record<string, ChatChain>>;
}

/**
 * The plain form of a chat (transcript, chain and the chain of each turn).
 *
 * @example
 * storage.setItem('chat', JSON.stringify(toChatSnapshotJson(store.getState())));
 */
export function toChatSnapshotJson(snapshot: ChatSnapshot): ChatSnapshotJson {
  return {
    version: chatSnapshotVersion,
    messages: snapshot.messages.map(({ error, ...message }) =>
      error === undefined ? message : { ...message, error: error.toJSON() },
    ),
    chain: snapshot.chain,
    chainsBeforeTurn: snapshot.chainsBeforeTurn ?? {},
  };
}

/**
 * Reads {@link toChatSnapshotJson}'s output back, with typed errors; `undefined` for anything else
 * (another version, a damaged value), so a bad entry starts an empty chat rather than breaking it.
 *
 * @example
 * const snapshot = fromChatSnapshotJson(JSON.parse(saved));
 * if (snapshot) store.getState().restore(snapshot);
 */
export function fromChatSnapshotJson(value: unknown): ChatSnapshot | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const json = value as Partial<ChatSnapshotJson>;
  if (json.version !== chatSnapshotVersion || !Array.isArray(json.messages)) return undefined;
  if (typeof json.chain !== 'object' || json.chain === null) return undefined;
  const messages: ChatMessage[] = [];
  for (const item of json.messages as readonly unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const message = item as ChatSnapshotJson['messages'][number];
    if (typeof message.id !== 'string' || typeof message.text !== 'string') return undefined;
    if (message.role !== 'user' && message.role !== 'assistant') return undefined;
    if (!messageStatuses.has(message.status) || typeof message.createdAt !== 'number') return undefined;
    const { error, ...rest } = message;
    messages.push(error === undefined ? rest : { ...rest, error: errorFromJson(error) });
  }
  return compactSnapshotChains({
    messages,
    chain: json.chain,
    chainsBeforeTurn: json.chainsBeforeTurn ?? {},
  });
}
