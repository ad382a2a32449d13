import { selectIsBusy } from '@vapi-chat-kit/core';
import {
  createContext,
  forwardRef,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentPropsWithoutRef,
  type RefObject,
} from 'react';
import { ChatBindingContext } from '../chat-context';
import type { ChatBinding } from '../create-chat-binding';
import { useBindingSelector } from '../use-chat-selector';
import { Slot } from './slot';

interface ChatPartsContextValue {
  readonly binding: ChatBinding;
  readonly composerRef: RefObject<HTMLTextAreaElement | null>;
  /** Puts focus back in the composer (after a send from the Send button). */
  readonly focusComposer: () => void;
}

interface ChatDraftContextValue {
  readonly draft: string;
  readonly setDraft: (draft: string) => void;
}

const ChatPartsContext = createContext<ChatPartsContextValue | undefined>(undefined);
// The draft changes per keystroke: a context of its own, so typing re-renders only Composer and Send.
const ChatDraftContext = createContext<ChatDraftContextValue | undefined>(undefined);

/** The chat of the enclosing `Chat.Root`; throws outside one. */
export function useChatParts(part: string): ChatPartsContextValue {
  const value = useContext(ChatPartsContext);
  if (value === undefined) throw new Error(`<${part}> must be inside <Chat.Root>.`);
  return value;
}

/** The composer's draft of the enclosing `Chat.Root`; throws outside one. */
export function useChatDraft(part: string): ChatDraftContextValue {
  const value = useContext(ChatDraftContext);
  if (value === undefined) throw new Error(`<${part}> must be inside <Chat.Root>.`);
  return value;
}

/** Whether another tab has a turn in flight. */
export function useBusyElsewhere(binding: ChatBinding): boolean {
  return useSyncExternalStore(
    binding.tabs.subscribe,
    () => binding.tabs.getState().busyElsewhere,
    () => false,
  );
}

/**
 * Props of {@link ChatRoot}.
 *
 * @example
 * const props: ChatRootProps = { chat };
 */
export interface ChatRootProps extends ComponentPropsWithoutRef<'div'> {
  /** The chat, from `useVapiChat()` (its `binding`, or the whole result). @default the `ChatProvider`'s chat */
  readonly chat?: ChatBinding | { readonly binding: ChatBinding } | undefined;
  /** Render the only child instead of a `div`, merging props. @default false */
  readonly asChild?: boolean | undefined;
  /**
   * The composer's draft, when the app holds it (a controlled composer: prefill it, save it, change it);
   * pair it with `onDraftChange`. @default the root holds it
   */
  readonly draft?: string | undefined;
  /** Called with each new draft (typing, and `''` after a send). */
  readonly onDraftChange?: ((draft: string) => void) | undefined;
  /** The first draft when the root holds it. @default '' */
  readonly defaultDraft?: string | undefined;
}

/**
 * The container of a chat's parts. Renders one `div` with `data-status`.
 *
 * @selector [data-status="idle" | "submitted" | "streaming" | "error"] the chat's status
 * @example
 * const chat = useVapiChat({ transport });
 * <Chat.Root chat={chat}>
 *   <Chat.Messages>{(id) => <Chat.Message messageId={id}><Chat.MessageText /></Chat.Message>}</Chat.Messages>
 *   <Chat.Composer /> <Chat.Send>Send</Chat.Send>
 * </Chat.Root>
 */
export const ChatRoot = forwardRef<HTMLDivElement, ChatRootProps>(function ChatRoot(
  { chat, asChild, children, draft: controlledDraft, onDraftChange, defaultDraft = '', ...props },
  ref,
) {
  const provided = useContext(ChatBindingContext);
  const binding = chat === undefined ? provided : 'binding' in chat ? chat.binding : chat;
  if (binding === undefined) {
    throw new Error('<Chat.Root> needs a `chat` (from useVapiChat) or a <ChatProvider> above it.');
  }
  useEffect(() => binding.connect(), [binding]);
  const status = useBindingSelector(binding, (state) => state.status);
  const busy = useBindingSelector(binding, selectIsBusy);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);
  const [ownDraft, setOwnDraft] = useState(defaultDraft);
  const controlled = controlledDraft !== undefined;
  const draft = controlledDraft ?? ownDraft;
  const setDraft = useCallback(
    (next: string) => {
      if (!controlled) setOwnDraft(next);
      onDraftChange?.(next);
    },
    [controlled, onDraftChange],
  );
  const parts = useMemo(
    () => ({ binding, composerRef, focusComposer: () => composerRef.current?.focus() }),
    [binding],
  );
  const draftValue = useMemo(() => ({ draft, setDraft }), [draft, setDraft]);
  const Component = asChild === true ? Slot : 'div';
  return (
    <ChatBindingContext.Provider value={binding}>
      <ChatPartsContext.Provider value={parts}>
        <ChatDraftContext.Provider value={draftValue}>
          <Component ref={ref} data-status={status} data-busy={busy ? '' : undefined} {...props}>
            {children}
          </Component>
        </ChatDraftContext.Provider>
      </ChatPartsContext.Provider>
    </ChatBindingContext.Provider>
  );
});
