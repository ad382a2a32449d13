import type { ChatStoreState } from '@vapi-chat-kit/core';
import { Chat, useChatSelector, useVapiChat, type ChatBinding } from '@vapi-chat-kit/react';
import {
  startTransition,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { ChatHeader } from '../chat-header/chat-header';
import { ChatComponentsProvider, type ChatComponents } from '../components/chat-components';
import { ChatComposerBar } from '../composer/chat-composer-bar';
import { ChatProxyContext, type ChatWindowProxy } from '../conversations/chat-proxy-context';
import { LazyChatConversationList } from '../conversations/visitor-parts';
import { ChatEmptyState, SuggestedPrompts } from '../empty-state/chat-empty-state';
import { JumpToLatest } from '../jump-to-latest/jump-to-latest';
import type { ChatLabels } from '../labels/chat-labels';
import { LabelsProvider, useLabels } from '../labels/labels-context';
import { ChatMessageBubble } from '../message/chat-message-bubble';
import { useStickToBottom } from '../scroll/use-stick-to-bottom';
import { ChatStatusBanner } from '../status-banner/chat-status-banner';
import { TypingIndicator } from '../typing-indicator/typing-indicator';

/**
 * How many messages a long thread renders at first; older ones load in pages of this size. The first
 * paint holds only the newest 20 (more than a window shows), and the rest of the page follows right after
 * it, as interruptible work, so a restored thread shows at once.
 */
export const chatWindowPageSize = 50;
const firstPaintCount = 20;

/**
 * Props of {@link ChatWindow}.
 */
export interface ChatWindowProps {
  /** The chat, from `useVapiChat()` (or its `binding`). @default the enclosing `ChatProvider`'s chat */
  readonly chat?: ChatBinding | { readonly binding: ChatBinding } | undefined;
  /** Replaces some or all labels (English by default); e.g. `labelsFr`. */
  readonly labels?: Partial<ChatLabels> | undefined;
  /** `light`, `dark`, or `auto` (follows the system). @default 'auto' */
  readonly theme?: 'light' | 'dark' | 'auto' | undefined;
  /** Text direction; `rtl` mirrors the layout. @default inherited */
  readonly dir?: 'ltr' | 'rtl' | undefined;
  /** @default labels.title */
  readonly title?: ReactNode;
  /** @default labels.subtitle */
  readonly subtitle?: ReactNode;
  /** An image URL or a node for the header's avatar. */
  readonly avatar?: ReactNode;
  /** Questions offered while the conversation has no user message yet. */
  readonly suggestions?: readonly string[] | undefined;
  /** Shows a close button in the header. */
  readonly onClose?: (() => void) | undefined;
  /** Shows a "new conversation" button in the header. @default true */
  readonly showReset?: boolean | undefined;
  /** Focus the composer on mount. @default false */
  readonly autoFocus?: boolean | undefined;
  readonly className?: string | undefined;
  /** Passed to the root element, e.g. `{ height: 600 }`. */
  readonly style?: CSSProperties | undefined;
  /**
   * Parts rendered your own way: `Message`, `Avatar`, `MessageActions`, `CodeBlock` (see
   * `ChatComponents`). Make the object once, outside render. @default the kit's
   */
  readonly components?: ChatComponents | undefined;
  /**
   * The proxy the conversation is kept on (`baseUrl`, `widgetKey`, and for a signed-in visitor
   * `visitorToken` and `visitorId`). With it, finished replies get thumbs up and down; with a visitor, the
   * header's history button lists their conversations on any device (reopen, continue, start new).
   * @default none (no ratings, no list)
   */
  readonly proxy?: ChatWindowProxy | undefined;
}

/**
 * A complete support chat: header, message list (markdown replies, code copy, retry), typing
 * indicator, jump-to-latest pill, status banner and composer. It composes react's `Chat.*` parts and
 * adds looks only; theme it with `--vck-*` custom properties (import `@vapi-chat-kit/ui/styles.css`).
 *
 * @selector .vck-window[data-theme="light" | "dark" | "auto"]
 * @selector .vck-window[data-status="idle" | "submitted" | "streaming" | "error"]
 * @example
 * import { proxyTransport } from '@vapi-chat-kit/core';
 * import { useVapiChat } from '@vapi-chat-kit/react';
 * import { ChatWindow } from '@vapi-chat-kit/ui';
 * import '@vapi-chat-kit/ui/styles.css';
 *
 * function Support() {
 *   const chat = useVapiChat({ transport: proxyTransport({ baseUrl: '/api' }), greeting: 'Hi! How can I help?' });
 *   return <ChatWindow chat={chat} title="TechFlow support" suggestions={['Reset my password']} />;
 * }
 */
export function ChatWindow({
  chat,
  labels,
  theme = 'auto',
  dir,
  title,
  subtitle,
  avatar,
  suggestions,
  onClose,
  showReset = true,
  autoFocus = false,
  className,
  style,
  components,
  proxy,
}: ChatWindowProps) {
  const titleId = useId();
  const [view, setView] = useState<'chat' | 'conversations'>('chat');
  // Back from the list, focus goes to the composer (where the reopened conversation continues).
  const [returned, setReturned] = useState(false);
  const listing = view === 'conversations' && proxy?.visitorId !== undefined;
  return (
    <LabelsProvider labels={labels}>
      <ChatProxyContext.Provider value={proxy}>
        <ChatComponentsProvider components={components}>
          <Chat.Root
            chat={chat}
            role="region"
            aria-labelledby={titleId}
            className={className ? `vck-window ${className}` : 'vck-window'}
            data-theme={theme}
            dir={dir}
            style={style}
          >
            <WindowHeader
              titleId={titleId}
              title={title}
              subtitle={subtitle}
              avatar={avatar}
              onClose={onClose}
              showReset={showReset}
              conversations={
                proxy?.visitorId === undefined
                  ? undefined
                  : {
                      shown: listing,
                      toggle: () => {
                        setReturned(listing);
                        setView(listing ? 'chat' : 'conversations');
                      },
                    }
              }
            />
            {listing ? (
              <LazyChatConversationList
                proxy={proxy}
                onDone={() => {
                  setView('chat');
                  setReturned(true);
                }}
              />
            ) : (
              <>
                <ChatThread suggestions={suggestions} />
                <div className="vck-footer">
                  <ChatStatusBanner />
                  <ChatComposerBar autoFocus={autoFocus || returned} />
                </div>
              </>
            )}
          </Chat.Root>
        </ChatComponentsProvider>
      </ChatProxyContext.Provider>
    </LabelsProvider>
  );
}

function WindowHeader({
  titleId,
  title,
  subtitle,
  avatar,
  onClose,
  showReset,
  conversations,
}: Pick<ChatWindowProps, 'title' | 'subtitle' | 'avatar' | 'onClose' | 'showReset'> & {
  readonly titleId: string;
  readonly conversations: { readonly shown: boolean; readonly toggle: () => void } | undefined;
}) {
  const { reset } = useVapiChat();
  const [header, setHeader] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setHeader} className="vck-header-slot">
      <ChatHeader
        titleId={titleId}
        title={title}
        subtitle={subtitle}
        avatar={avatar}
        onClose={onClose}
        onToggleConversations={conversations?.toggle}
        conversationsShown={conversations?.shown}
        onReset={
          showReset
            ? () => {
                reset();
                focusComposerOf(header);
              }
            : undefined
        }
      />
    </div>
  );
}

/** Puts focus back in the window's composer after a control that disappears (a suggestion, reset). */
function focusComposerOf(element: Element | null) {
  element?.closest('.vck-window')?.querySelector<HTMLTextAreaElement>('.vck-composer-input')?.focus();
}

// ui reads core's state through react's selector hook, with selectors of its own (core is types-only here).
const selectIds = (state: ChatStoreState): readonly string[] => state.messages.map((message) => message.id);
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, index) => id === b[index]);

/**
 * The scrolling thread: messages (the last page of a long thread, older pages on demand), the typing
 * indicator while waiting for the first token, the empty state, and the jump-to-latest pill.
 */
/**
 * Props of {@link ChatThread}.
 *
 * @example
 * const props: ChatThreadProps = { suggestions: ['Where is my order?'] };
 */
export interface ChatThreadProps {
  /** Questions offered while the user has not written yet; a click sends one. @default none */
  readonly suggestions?: readonly string[] | undefined;
}

/**
 * The window's thread, for a window of your own layout: the messages (the last 50, older ones on
 * request or when scrolled to the top), following the reply while the reader is at the bottom, a
 * "jump to latest" pill when they are not, the empty state and the typing indicator. Put it inside
 * `Chat.Root` (or `ChatProvider`), with `LabelsProvider`/`ChatComponentsProvider` to change its texts
 * and slots.
 *
 * @example
 * <Chat.Root chat={chat} className="vck-window"><MyHeader /><ChatThread /><ChatComposerBar /></Chat.Root>
 */
export function ChatThread({ suggestions }: ChatThreadProps) {
  const labels = useLabels();
  const { send } = useVapiChat();
  const ids = useChatSelector(selectIds, sameIds);
  const status = useChatSelector((state) => state.status);
  const hasUserMessage = useChatSelector((state) =>
    state.messages.some((message) => message.role === 'user'),
  );
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const { isPinned, scrollToBottom, onContentChange } = useStickToBottom(scrollerRef, contentRef);

  // Long threads: render the last page, and older pages when asked (or scrolled to the top). The
  // reader's place is kept by its distance from the bottom, which older messages above do not change.
  const [visibleCount, setVisibleCount] = useState(firstPaintCount);
  const anchorFromBottom = useRef<number | undefined>(undefined);
  useEffect(() => {
    startTransition(() => setVisibleCount((count) => Math.max(count, chatWindowPageSize)));
  }, []);
  const loadEarlier = () => {
    const scroller = scrollerRef.current;
    if (scroller) anchorFromBottom.current = scroller.scrollHeight - scroller.scrollTop;
    setVisibleCount((count) => count + chatWindowPageSize);
  };
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || anchorFromBottom.current === undefined) return;
    scroller.scrollTop = scroller.scrollHeight - anchorFromBottom.current;
    anchorFromBottom.current = undefined;
  }, [visibleCount]);
  const hiddenCount = Math.max(0, ids.length - visibleCount);
  const visibleIds = hiddenCount > 0 ? ids.slice(hiddenCount) : ids;

  // New messages since the reader scrolled up.
  const [countAtRelease, setCountAtRelease] = useState<number | undefined>(undefined);
  if (!isPinned && countAtRelease === undefined) setCountAtRelease(ids.length);
  if (isPinned && countAtRelease !== undefined) setCountAtRelease(undefined);
  const newCount = countAtRelease === undefined ? 0 : Math.max(0, ids.length - countAtRelease);

  // A new message or status sticks at once. Text growing while streaming does not run this: the
  // ResizeObserver in useStickToBottom follows it after layout, where reading the height is free. Reading
  // it here, after every commit, forced a layout per frame (bench/render: layout time 5–30× the peer's).
  useLayoutEffect(() => {
    onContentChange();
  }, [ids, status, onContentChange]);

  // The reader's own new message brings them back to the bottom.
  const lastUserMessageId = useChatSelector(
    (state) => state.messages.findLast((message) => message.role === 'user')?.id,
  );
  const seenUserMessageId = useRef(lastUserMessageId);
  useLayoutEffect(() => {
    if (lastUserMessageId === seenUserMessageId.current) return;
    seenUserMessageId.current = lastUserMessageId;
    scrollToBottom();
  }, [lastUserMessageId, scrollToBottom]);

  const topRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const top = topRef.current;
    const scroller = scrollerRef.current;
    if (!top || !scroller || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isPinned) loadEarlier();
      },
      { root: scroller, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(top);
    return () => observer.disconnect();
  }, [hiddenCount, isPinned]);

  const sendSuggestion = (text: string) => {
    void send(text);
    focusComposerOf(scrollerRef.current);
  };

  const isEmpty = ids.length === 0;
  return (
    <>
      <Chat.Messages
        ref={scrollerRef}
        className="vck-messages"
        aria-label={labels.messagesLabel}
        tabIndex={0}
      >
        <div className="vck-thread" ref={contentRef}>
          {hiddenCount > 0 && (
            <button ref={topRef} type="button" className="vck-load-earlier" onClick={loadEarlier}>
              {labels.loadEarlier(hiddenCount)}
            </button>
          )}
          {isEmpty ? (
            <ChatEmptyState suggestions={suggestions} onSelect={sendSuggestion} />
          ) : (
            visibleIds.map((id) => <ChatMessageBubble key={id} messageId={id} />)
          )}
          {!isEmpty && !hasUserMessage && status === 'idle' && (
            <SuggestedPrompts suggestions={suggestions} onSelect={sendSuggestion} />
          )}
          {status === 'submitted' && <TypingIndicator />}
        </div>
      </Chat.Messages>
      <div className="vck-jump-anchor">
        {!isPinned && <JumpToLatest count={newCount} onClick={() => scrollToBottom('smooth')} />}
      </div>
    </>
  );
}
