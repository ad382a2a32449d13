/**
 * Where a chat is kept between reloads. The same shape as `window.localStorage`; methods may return
 * promises (e.g. IndexedDB), in which case the transcript appears once it has been read.
 *
 * @example
 * const storage: ChatStorage = { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value), removeItem: (key) => void map.delete(key) };
 */
export interface ChatStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * `'memory'` (for the life of the `ChatProvider`, or of the hook without one), `'session'`
 * (`sessionStorage`: this tab), `'local'` (`localStorage`: every tab of the origin), or an adapter.
 *
 * @example
 * useVapiChat({ transport, chatId: 'support', persist: persistChat('local') });
 */
export type ChatStorageOption = 'memory' | 'session' | 'local' | ChatStorage;

/**
 * A {@link ChatStorage} in a `Map`. Share one instance to keep chats across remounts.
 *
 * @example
 * const storage = createMemoryStorage();
 * <ChatProvider transport={transport} persist={persistChat(storage)}>…</ChatProvider>
 */
export function createMemoryStorage(): ChatStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

/**
 * A {@link ChatStorage} over `localStorage` or `sessionStorage`. It reads the global lazily (nothing on
 * a server, where it holds nothing) and swallows the errors browsers throw when storage is disabled or full:
 * a chat that cannot be saved still works.
 *
 * @example
 * const storage = createWebStorage('session');
 */
export function createWebStorage(kind: 'local' | 'session'): ChatStorage {
  const area = (): Storage | undefined => {
    try {
      if (typeof window === 'undefined') return undefined;
      return kind === 'local' ? window.localStorage : window.sessionStorage;
    } catch {
      return undefined;
    }
  };
  return {
    getItem: (key) => {
      try {
        return area()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    // A refused save (quota exceeded, storage disabled) throws: persistChat reports it (`onSaveError`).
    setItem: (key, value) => area()?.setItem(key, value),
    removeItem: (key) => {
      try {
        area()?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}

/** Resolves a {@link ChatStorageOption}; `'memory'` uses `memory`, the owner's own map. */
export function resolveChatStorage(option: ChatStorageOption, memory: () => ChatStorage): ChatStorage {
  if (option === 'memory') return memory();
  if (option === 'local' || option === 'session') return createWebStorage(option);
  return option;
}
