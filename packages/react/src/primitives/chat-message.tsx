import { selectIsBusy, selectMessageById, type ChatMessage as ChatMessageValue } from '@vapi-chat-kit/core';
import {
  createContext,
  forwardRef,
  useContext,
  useMemo,
  type ComponentPropsWithoutRef,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useBindingSelector } from '../use-chat-selector';
import { useBusyElsewhere, useChatParts } from './chat-root';
import { composeEventHandlers, Slot } from './slot';

/** The message of the enclosing `Chat.Message`. */
export const ChatMessageContext = createContext<ChatMessageValue | undefined>(undefined);

function useMessage(part: string): ChatMessageValue {
  useChatParts(part);
  const message = useContext(ChatMessageContext);
  if (message === undefined) throw new Error(`<${part}> must be inside <Chat.Message>.`);
  return message;
}

/**
 * Whether a message's turn can be sent again: its user message failed or was stopped before any token,
 * or its reply failed part-way (a reply stopped on purpose is regenerated, not retried).
 */
function isRetryable(message: ChatMessageValue): boolean {
  if (message.role === 'user') return message.status === 'failed' || message.status === 'stopped';
  return message.status === 'failed';
}

/**
 * Props of {@link ChatMessage}.
 *
 * @example
 * const props: ChatMessageProps = { messageId: 'm1' };
 */
export interface ChatMessageProps extends ComponentPropsWithoutRef<'div'> {
  /** The message to show; it re-renders only when this message changes. */
  readonly messageId: string;
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * One message, selected by id. Renders a `div` (nothing if the id is unknown).
 *
 * @selector [data-role="user" | "assistant"]
 * @selector [data-status="sending" | "streaming" | "done" | "stopped" | "failed"]
 * @selector [data-new-session] the message began a new server session
 * @example
 * <Chat.Message messageId={id}><Chat.MessageText /><Chat.ErrorMessage /><Chat.Retry>Retry</Chat.Retry></Chat.Message>
 */
export const ChatMessage = forwardRef<HTMLDivElement, ChatMessageProps>(function ChatMessage(
  { messageId, asChild, children, ...props },
  ref,
) {
  const { binding } = useChatParts('Chat.Message');
  const select = useMemo(() => selectMessageById(messageId), [messageId]);
  const message = useBindingSelector(binding, select);
  if (message === undefined) return null;
  const Component = asChild === true ? Slot : 'div';
  return (
    <ChatMessageContext.Provider value={message}>
      <Component
        ref={ref}
        data-role={message.role}
        data-status={message.status}
        data-new-session={message.newSession === true ? '' : undefined}
        {...props}
      >
        {children}
      </Component>
    </ChatMessageContext.Provider>
  );
});

/**
 * Props of {@link ChatMessageText}.
 *
 * @example
 * const props: ChatMessageTextProps = { className: 'bubble-text' };
 */
export interface ChatMessageTextProps extends ComponentPropsWithoutRef<'div'> {
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * The message's text, as plain text in a `div` (a styled kit renders markdown instead).
 *
 * @example
 * <Chat.MessageText />
 */
export const ChatMessageText = forwardRef<HTMLDivElement, ChatMessageTextProps>(function ChatMessageText(
  { asChild, children, ...props },
  ref,
) {
  const message = useMessage('Chat.MessageText');
  const Component = asChild === true ? Slot : 'div';
  return (
    <Component ref={ref} {...props}>
      {children ?? message.text}
    </Component>
  );
});

/**
 * Props of {@link ChatRetry}.
 *
 * @example
 * const props: ChatRetryProps = { children: 'Try again' };
 */
export interface ChatRetryProps extends ComponentPropsWithoutRef<'button'> {
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * Sends the message's turn again; rendered only for a message whose turn did not get through (see
 * core's `retry`). A `button`, with the consumer's `onClick` first; `aria-disabled` while a turn is in
 * flight here or in another tab. Pressed, it moves focus to the composer (the button goes away meanwhile).
 *
 * @example
 * <Chat.Retry>Retry</Chat.Retry>
 */
export const ChatRetry = forwardRef<HTMLButtonElement, ChatRetryProps>(function ChatRetry(
  { asChild, onClick, children, ...props },
  ref,
) {
  const message = useMessage('Chat.Retry');
  const { binding, focusComposer } = useChatParts('Chat.Retry');
  const busyElsewhere = useBusyElsewhere(binding);
  const busy = useBindingSelector(binding, selectIsBusy);
  const blocked = busy || busyElsewhere;
  if (!isRetryable(message)) return null;
  const Component = asChild === true ? Slot : 'button';
  return (
    <Component
      ref={ref}
      type={asChild === true ? undefined : 'button'}
      aria-disabled={blocked}
      {...props}
      onClick={composeEventHandlers(onClick, (event: MouseEvent<HTMLButtonElement>) => {
        if (blocked) {
          event.preventDefault();
          return;
        }
        void binding.actions.retry(message.id);
        // The button leaves the message while the turn runs: focus goes where the user writes next,
        // not to the page's body.
        focusComposer();
      })}
    >
      {children ?? 'Retry'}
    </Component>
  );
});

/**
 * Props of {@link ChatErrorMessage}.
 *
 * @example
 * const props: ChatErrorMessageProps = { children: (error) => error.code };
 */
export interface ChatErrorMessageProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** What to say; by default the error's message. */
  readonly children?: ReactNode | ((error: NonNullable<ChatMessageValue['error']>) => ReactNode);
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * Why the message failed, in a `role="alert"` `div`; nothing when it did not fail.
 *
 * @selector [data-code] the error's code (`unauthorized`, `rate-limited`, `network`…)
 * @example
 * <Chat.ErrorMessage>{(error) => (error.code === 'unauthorized' ? 'Please sign in again.' : error.message)}</Chat.ErrorMessage>
 */
export const ChatErrorMessage = forwardRef<HTMLDivElement, ChatErrorMessageProps>(function ChatErrorMessage(
  { asChild, children, ...props },
  ref,
) {
  const message = useMessage('Chat.ErrorMessage');
  const { error } = message;
  if (message.status !== 'failed' || error === undefined) return null;
  const Component = asChild === true ? Slot : 'div';
  return (
    <Component ref={ref} role="alert" data-code={error.code} {...props}>
      {typeof children === 'function' ? children(error) : (children ?? error.message)}
    </Component>
  );
});

/**
 * Props of {@link ChatSessionMarker}.
 *
 * @example
 * const props: ChatSessionMarkerProps = { 'aria-label': 'New conversation' };
 */
export interface ChatSessionMarkerProps extends ComponentPropsWithoutRef<'div'> {
  /** @default 'New conversation' */
  readonly 'aria-label'?: string | undefined;
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * A "new conversation" divider (`role="separator"`), rendered only on a message whose turn ran in a new
 * server session that replaced an expired one. Put it first inside `Chat.Message`.
 *
 * @example
 * <Chat.Message messageId={id}><Chat.SessionMarker /><Chat.MessageText /></Chat.Message>
 */
export const ChatSessionMarker = forwardRef<HTMLDivElement, ChatSessionMarkerProps>(
  function ChatSessionMarker({ asChild, children, ...props }, ref) {
    const message = useMessage('Chat.SessionMarker');
    if (message.newSession !== true) return null;
    const Component = asChild === true ? Slot : 'div';
    return (
      <Component ref={ref} role="separator" aria-label="New conversation" {...props}>
        {children ?? 'New conversation'}
      </Component>
    );
  },
);
