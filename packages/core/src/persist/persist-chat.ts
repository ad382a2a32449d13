import { randomId } from '../id/random-id';
import type { ChatSnapshot } from '../state/chat-state';
import type { ChatStore, ChatStoreState } from '../store/create-chat-store';
import type { StoreApi } from 'zustand/vanilla';
import { fromChatSnapshotJson, toChatSnapshotJson, type ChatSnapshotJson } from './chat-snapshot-json';
import { resolveChatStorage, type ChatStorage, type ChatStorageOption } from './chat-storage';

/**
 * The part of `BroadcastChannel` a chat uses to keep tabs in step. Inject one in tests.
 *
 * @example
 * const channel: ChatChannel = new BroadcastChannel('vapi-chat-kit:support');
 */
export interface ChatChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/**
 * What other tabs of the chat are doing.
 *
 * @example
 * const { busyElsewhere } = binding.tabs.getState();
 */
export interface ChatTabState {
  /** Another tab has a turn in flight: this tab cannot send until it settles. */
  readonly busyElsewhere: boolean;
}

/**
 * Options of {@link persistChat}.
 *
 * @example
 * const options: PersistChatOptions = { syncTabs: false, storageKey: 'support-v2' };
 */
export interface PersistChatOptions {
  /** The storage key and channel name. @default `vapi-chat-kit:${chatId}` */
  readonly storageKey?: string | undefined;
  /** Keep tabs of this chat in step (BroadcastChannel). @default true with `'local'` storage */
  readonly syncTabs?: boolean | undefined;
  /**
   * A tab with a turn in flight repeats "busy" every third of this; the other tabs free themselves when
   * they hear nothing for this long (the busy tab crashed or was killed without `pagehide`).
   * @default 15_000
   */
  readonly tabLockTimeoutMs?: number | undefined;
  /** Opens the tab channel. @default `new BroadcastChannel(name)` where it exists */
  readonly createChannel?: ((name: string) => ChatChannel | undefined) | undefined;
  /**
   * Called when the storage refuses to save the chat (its quota is full, or storage is disabled): the
   * chat goes on, and the next change tries again. Show the user that the conversation will not survive a
   * reload, or free some room.
   * @default a console warning, once until a save succeeds again
   */
  readonly onSaveError?: ((error: unknown) => void) | undefined;
}

/** What a chat hands its persistence when it is created. */
export interface ChatPersistenceContext {
  readonly chatId: string;
  readonly store: ChatStore;
  readonly tabs: StoreApi<ChatTabState>;
  /** The owner's map for `'memory'` (a `ChatProvider`'s, or the hook's own). */
  readonly memoryStorage: () => ChatStorage;
}

/**
 * How a chat is kept across reloads and tabs: made by {@link persistChat}, passed as the `persist`
 * option. A chat without one keeps nothing, and its bundle carries none of this code.
 */
export interface ChatPersistence {
  /** Restores the chat, saves it as it changes, and returns what keeps tabs in step while it is used. */
  readonly attach: (context: ChatPersistenceContext) => { readonly connect: () => () => void };
}

type TabMessage =
  | { readonly type: 'hello'; readonly from: string }
  | {
      readonly type: 'snapshot';
      readonly from: string;
      readonly busy: boolean;
      readonly snapshot: ChatSnapshotJson;
    };

/**
 * Keeps a chat across reloads in `storage` (`'local'`, `'session'`, `'memory'` or an adapter), and, with
 * `'local'`, keeps its open tabs in step: one tab sends at a time, the others show its reply when it
 * settles. A sync read is applied before the first render; an async one when it arrives, unless the user
 * has already started chatting. Tokens are not written: a reload mid-reply restores the turn as stopped.
 *
 * @example
 * useVapiChat({ transport, chatId: 'support', persist: persistChat('local') });
 */
export function persistChat(storage: ChatStorageOption, options: PersistChatOptions = {}): ChatPersistence {
  return { attach: (context) => attachPersistence(context, storage, options) };
}

function attachPersistence(
  { chatId, store, tabs, memoryStorage }: ChatPersistenceContext,
  storageOption: ChatStorageOption,
  options: PersistChatOptions,
): { readonly connect: () => () => void } {
  const key = options.storageKey ?? `vapi-chat-kit:${chatId}`;
  const storage = resolveChatStorage(storageOption, memoryStorage);
  const tabId = randomId();
  // The attachment's state, declared before the callbacks that read it.
  let applyingRemote = false;
  let saveFailing = false;
  let channel: ChatChannel | undefined;
  const syncTabs = options.syncTabs ?? storageOption === 'local';
  const lockTimeoutMs = options.tabLockTimeoutMs ?? 15_000;
  let lockTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let connections = 0;
  let disconnectChannel: (() => void) | undefined;
  /** Cancels a close deferred until this tab's turn settles (see `openChannel`). */
  let pendingClose: (() => void) | undefined;

  const saveFailed = (error: unknown): void => {
    if (options.onSaveError !== undefined) options.onSaveError(error);
    else if (!saveFailing) {
      console.warn(
        `vapi-chat-kit: the chat "${chatId}" could not be saved, and will not survive a reload`,
        error,
      );
    }
    saveFailing = true;
  };
  /** Writes the chat; a refusal, thrown or rejected, is reported and never breaks the chat. */
  const save = (json: ChatSnapshotJson): void => {
    try {
      const saving = storage.setItem(key, JSON.stringify(json));
      if (saving === undefined) {
        saveFailing = false;
        return;
      }
      saving.then(() => {
        saveFailing = false;
      }, saveFailed);
    } catch (error) {
      saveFailed(error);
    }
  };

  const applySnapshot = (snapshot: ChatSnapshot): void => {
    applyingRemote = true;
    try {
      store.getState().restore(snapshot);
    } finally {
      applyingRemote = false;
    }
  };

  // Restore what storage holds. A sync read happens before the first render; an async one is applied
  // when it arrives, unless the user has already started chatting.
  const read = (raw: string | null): void => {
    if (raw === null) return;
    let snapshot: ChatSnapshot | undefined;
    try {
      snapshot = fromChatSnapshotJson(JSON.parse(raw));
    } catch {
      snapshot = undefined;
    }
    if (snapshot === undefined) {
      void storage.removeItem(key);
      return;
    }
    const state = store.getState();
    if (state.activeTurn !== undefined || state.messages.some((message) => message.role === 'user')) return;
    applySnapshot(snapshot);
  };
  const raw = storage.getItem(key);
  if (typeof raw === 'string' || raw === null) read(raw);
  else void raw.then(read, () => undefined);

  store.subscribe((state, previous) => {
    if (applyingRemote) return;
    const changed =
      state.messages !== previous.messages ||
      state.chain !== previous.chain ||
      state.chainsBeforeTurn !== previous.chainsBeforeTurn;
    // Tokens are not written: a reload mid-reply restores the turn as stopped, with Retry.
    const token = state.status === 'streaming' && previous.status === 'streaming';
    const startedOrEnded = (state.activeTurn === undefined) !== (previous.activeTurn === undefined);
    if (!(changed && !token) && !startedOrEnded) return;
    const json = toChatSnapshotJson(state);
    if (changed && !token) save(json);
    const busy = state.activeTurn !== undefined;
    post({ type: 'snapshot', from: tabId, busy, snapshot: json });
    if (startedOrEnded) beat(busy);
  });

  const post = (message: TabMessage): void => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel: this tab is going away.
    }
  };

  /** While this tab has a turn in flight, keep telling the others, so their lock does not expire. */
  const beat = (busy: boolean): void => {
    clearInterval(heartbeat);
    heartbeat = undefined;
    if (!busy || channel === undefined) return;
    heartbeat = setInterval(() => {
      const state = store.getState();
      if (state.activeTurn === undefined) return;
      post({ type: 'snapshot', from: tabId, busy: true, snapshot: toChatSnapshotJson(state) });
    }, lockTimeoutMs / 3);
  };

  const onMessage = (event: MessageEvent): void => {
    const message = event.data as TabMessage;
    if (typeof message !== 'object' || message === null || message.from === tabId) return;
    if (message.type === 'hello') {
      // A new tab asks who is busy: only the tab with a turn in flight answers.
      const state = store.getState();
      if (state.activeTurn !== undefined) {
        post({ type: 'snapshot', from: tabId, busy: true, snapshot: toChatSnapshotJson(state) });
      }
      return;
    }
    tabs.setState({ busyElsewhere: message.busy });
    // Two tabs sent at the same moment: the tab with the smaller id goes on, the other stops its turn
    // (its message stays, stopped, with Retry), so only one turn extends the chain.
    if (message.busy && store.getState().activeTurn !== undefined && tabId > message.from) {
      store.getState().stop();
    }
    clearTimeout(lockTimer);
    lockTimer = message.busy
      ? setTimeout(() => tabs.setState({ busyElsewhere: false }), lockTimeoutMs)
      : undefined;
    // Only the tab that sent a turn writes its result; the others take it when it settles. A tab
    // with its own turn in flight keeps it (the chain it continues is its own).
    if (message.busy || store.getState().activeTurn !== undefined) return;
    const snapshot = fromChatSnapshotJson(message.snapshot);
    if (snapshot === undefined) return;
    const merged = keepUndelivered(store.getState(), snapshot);
    applySnapshot(merged);
    if (merged !== snapshot) {
      // This tab kept messages of its own that the other did not have: share them, once.
      const json = toChatSnapshotJson(store.getState());
      save(json);
      post({ type: 'snapshot', from: tabId, busy: false, snapshot: json });
    }
  };

  const openChannel = (): (() => void) => {
    if (!syncTabs) return () => undefined;
    const create =
      options.createChannel ??
      ((name: string) => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined));
    const opened = create(key);
    if (opened === undefined) return () => undefined;
    channel = opened;
    opened.addEventListener('message', onMessage);
    post({ type: 'hello', from: tabId });
    const onPageHide = (): void => {
      // This tab's turn dies with the page: free the other tabs.
      if (store.getState().activeTurn !== undefined) {
        post({ type: 'snapshot', from: tabId, busy: false, snapshot: toChatSnapshotJson(store.getState()) });
      }
    };
    if (typeof window !== 'undefined') window.addEventListener('pagehide', onPageHide);
    const close = (): void => {
      beat(false);
      clearTimeout(lockTimer);
      lockTimer = undefined;
      tabs.setState({ busyElsewhere: false });
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', onPageHide);
      opened.removeEventListener('message', onMessage);
      opened.close();
      if (channel === opened) channel = undefined;
    };
    return () => {
      if (store.getState().activeTurn === undefined) {
        close();
        return;
      }
      // The last component left but this tab's turn goes on: keep the channel until the turn settles,
      // so the other tabs get its result (and their lock) rather than a half-done snapshot.
      const unsubscribe = store.subscribe((state) => {
        if (state.activeTurn !== undefined) return;
        unsubscribe();
        pendingClose = undefined;
        close();
      });
      pendingClose = unsubscribe;
    };
  };

  const connect = (): (() => void) => {
    connections += 1;
    if (connections === 1) {
      if (pendingClose !== undefined) {
        // Back before the turn settled: the channel is still open, keep it.
        pendingClose();
        pendingClose = undefined;
      } else {
        disconnectChannel = openChannel();
      }
    }
    let connected = true;
    return () => {
      if (!connected) return;
      connected = false;
      connections -= 1;
      if (connections === 0) disconnectChannel?.();
    };
  };

  return { connect };
}

/**
 * Another tab's snapshot, plus this tab's user messages it does not have and that never got a complete
 * reply (stopped or failed, e.g. the loser of two tabs sending at once): a user's message is never lost.
 * They go last, without their partial replies, so Retry sends them from the shared chain.
 */
function keepUndelivered(local: ChatStoreState, remote: ChatSnapshot): ChatSnapshot {
  const remoteTurns = new Set(remote.messages.map((message) => message.turnId));
  const undelivered = local.messages.filter(
    (message) =>
      message.role === 'user' &&
      message.turnId !== undefined &&
      !remoteTurns.has(message.turnId) &&
      !local.messages.some(
        (reply) => reply.role === 'assistant' && reply.turnId === message.turnId && reply.status === 'done',
      ),
  );
  if (undelivered.length === 0) return remote;
  return {
    ...remote,
    messages: [
      ...remote.messages,
      ...undelivered.map((message) => ({ ...message, status: 'stopped' as const, error: undefined })),
    ],
  };
}
