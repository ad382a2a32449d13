import { exceedsMessageLength, selectIsBusy, selectMessages } from '@vapi-chat-kit/core';
import {
  forwardRef,
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useBindingSelector } from '../use-chat-selector';
import { useBusyElsewhere, useChatDraft, useChatParts } from './chat-root';
import { composeEventHandlers, composeRefs, Slot } from './slot';

/**
 * What {@link useChatComposer} gives a composer of your own.
 *
 * @example
 * const { draft, setDraft, canSend, submit } = useChatComposer();
 */
export interface ChatComposerState {
  /** The draft (the `Chat.Root`'s, or the app's through `draft`/`onDraftChange` on it). */
  readonly draft: string;
  readonly setDraft: (draft: string) => void;
  /** The draft's length, trimmed, and the longest message the transport takes (if it says). */
  readonly length: number;
  readonly maxLength: number | undefined;
  /** The draft is longer than the transport takes: it is kept, not sent. */
  readonly isOverLimit: boolean;
  /** Not blank, not over the limit, and no turn in flight here or in another tab. */
  readonly canSend: boolean;
  /** Sends the draft and empties it when `canSend`; true if it sent. */
  readonly submit: () => boolean;
}

function useComposerState(part: string): ChatComposerState {
  const { binding } = useChatParts(part);
  const { draft, setDraft } = useChatDraft(part);
  const busy = useBindingSelector(binding, selectIsBusy);
  const busyElsewhere = useBusyElsewhere(binding);
  const overLimit = exceedsMessageLength(draft, binding.maxMessageLength);
  const canSend = draft.trim() !== '' && !overLimit && !busy && !busyElsewhere;
  return {
    draft,
    setDraft,
    length: draft.trim().length,
    maxLength: binding.maxMessageLength,
    isOverLimit: overLimit,
    canSend,
    submit: () => {
      if (!canSend) return false;
      void binding.actions.send(draft);
      setDraft('');
      return true;
    },
  };
}

/**
 * The composer of the enclosing `Chat.Root`, for an input of your own (a rich editor, a controlled
 * field): its draft, whether it can be sent, and `submit`. The kit's `Chat.Composer`, `Chat.Send` and
 * `Chat.CharacterCount` use the same draft, so they can be mixed with yours.
 *
 * @example
 * function MyInput() {
 *   const { draft, setDraft, canSend, submit } = useChatComposer();
 *   return <form onSubmit={(event) => { event.preventDefault(); submit(); }}>
 *     <input value={draft} onChange={(event) => setDraft(event.target.value)} />
 *     <button disabled={!canSend}>Send</button>
 *   </form>;
 * }
 */
export function useChatComposer(): ChatComposerState {
  return useComposerState('useChatComposer');
}

/**
 * Props of {@link ChatComposer}.
 *
 * @example
 * const props: ChatComposerProps = { placeholder: 'Ask a question' };
 */
export interface ChatComposerProps extends Omit<
  ComponentPropsWithoutRef<'textarea'>,
  'value' | 'defaultValue'
> {
  /** @default 'Message' */
  readonly 'aria-label'?: string | undefined;
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * The labelled `textarea` of the draft. Enter sends, Shift+Enter starts a new line, and Enter that
 * confirms an IME composition (Japanese, Chinese, Korean input) never sends. A draft longer than the
 * transport takes (4,000 characters through the proxy) is kept whole, never cut, but not sent:
 * `aria-invalid` is set (see {@link ChatCharacterCount}). The draft is the `Chat.Root`'s: to hold it in
 * your app, pass `draft` and `onDraftChange` to `Chat.Root` (a `value` here would fight the draft, so it
 * is not a prop); for an input of your own, {@link useChatComposer}.
 *
 * @selector [aria-invalid="true"] the draft is longer than a message may be
 * @example
 * <Chat.Composer placeholder="Ask about billing, passwords, API keys…" />
 */
export const ChatComposer = forwardRef<HTMLTextAreaElement, ChatComposerProps>(function ChatComposer(
  { asChild, onChange, onKeyDown, ...props },
  ref,
) {
  const { composerRef } = useChatParts('Chat.Composer');
  const { draft, setDraft, isOverLimit: overLimit, submit } = useComposerState('Chat.Composer');
  const Component = asChild === true ? Slot : 'textarea';
  return (
    <Component
      ref={composeRefs(ref, composerRef)}
      aria-label="Message"
      rows={1}
      enterKeyHint="send"
      aria-invalid={overLimit ? true : undefined}
      {...props}
      value={draft}
      onChange={composeEventHandlers(onChange, (event: ChangeEvent<HTMLTextAreaElement>) =>
        setDraft(event.target.value),
      )}
      onKeyDown={composeEventHandlers(onKeyDown, (event: KeyboardEvent<HTMLTextAreaElement>) => {
        if (event.key !== 'Enter' || event.shiftKey) return;
        // During IME composition Enter confirms the text; Safari reports it only as keyCode 229.
        if (event.nativeEvent.isComposing || event.keyCode === 229) return;
        event.preventDefault();
        submit();
      })}
    />
  );
});

/**
 * Props of {@link ChatSend}.
 *
 * @example
 * const props: ChatSendProps = { children: 'Send' };
 */
export interface ChatSendProps extends ComponentPropsWithoutRef<'button'> {
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * Sends the draft. `aria-disabled` (not `disabled`, so it stays focusable and announced) while the draft
 * is blank or a turn is in flight; focus returns to the composer after a send.
 *
 * @selector [aria-disabled="true"] nothing to send, or busy
 * @example
 * <Chat.Send>Send</Chat.Send>
 */
export const ChatSend = forwardRef<HTMLButtonElement, ChatSendProps>(function ChatSend(
  { asChild, onClick, children, ...props },
  ref,
) {
  const { focusComposer } = useChatParts('Chat.Send');
  const { canSend, submit } = useComposerState('Chat.Send');
  const Component = asChild === true ? Slot : 'button';
  return (
    <Component
      ref={ref}
      type={asChild === true ? undefined : 'button'}
      aria-disabled={!canSend}
      {...props}
      onClick={composeEventHandlers(onClick, () => {
        if (submit()) focusComposer();
      })}
    >
      {children ?? 'Send'}
    </Component>
  );
});

/**
 * Props of {@link ChatStop}.
 *
 * @example
 * const props: ChatStopProps = { children: 'Stop' };
 */
export interface ChatStopProps extends ComponentPropsWithoutRef<'button'> {
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * Stops the reply in flight (the partial reply is kept as `stopped`). `aria-disabled` when idle.
 *
 * @selector [data-state="busy" | "idle"]
 * @example
 * <Chat.Stop>Stop</Chat.Stop>
 */
export const ChatStop = forwardRef<HTMLButtonElement, ChatStopProps>(function ChatStop(
  { asChild, onClick, children, ...props },
  ref,
) {
  const { binding } = useChatParts('Chat.Stop');
  const busy = useBindingSelector(binding, selectIsBusy);
  const Component = asChild === true ? Slot : 'button';
  return (
    <Component
      ref={ref}
      type={asChild === true ? undefined : 'button'}
      aria-disabled={!busy}
      data-state={busy ? 'busy' : 'idle'}
      {...props}
      onClick={composeEventHandlers(onClick, (_event: MouseEvent<HTMLButtonElement>) => {
        if (busy) binding.actions.stop();
      })}
    >
      {children ?? 'Stop'}
    </Component>
  );
});

/**
 * Props of {@link ChatRegenerate}.
 *
 * @example
 * const props: ChatRegenerateProps = { children: 'Try another answer' };
 */
export interface ChatRegenerateProps extends ComponentPropsWithoutRef<'button'> {
  /** @default false */
  readonly asChild?: boolean | undefined;
}

/**
 * Asks the last question again for a new reply (core's `regenerate`). Rendered only when the last
 * message is a reply that ended (`done` or `stopped`) and no turn is in flight.
 *
 * @example
 * <Chat.Regenerate>Regenerate</Chat.Regenerate>
 */
export const ChatRegenerate = forwardRef<HTMLButtonElement, ChatRegenerateProps>(function ChatRegenerate(
  { asChild, onClick, children, ...props },
  ref,
) {
  const { binding } = useChatParts('Chat.Regenerate');
  const busyElsewhere = useBusyElsewhere(binding);
  const available = useBindingSelector(binding, (state) => {
    const last = selectMessages(state).at(-1);
    return (
      !selectIsBusy(state) &&
      last?.role === 'assistant' &&
      last.turnId !== undefined &&
      (last.status === 'done' || last.status === 'stopped')
    );
  });
  if (!available) return null;
  const Component = asChild === true ? Slot : 'button';
  return (
    <Component
      ref={ref}
      type={asChild === true ? undefined : 'button'}
      aria-disabled={busyElsewhere}
      {...props}
      onClick={composeEventHandlers(onClick, () => {
        if (!busyElsewhere) void binding.actions.regenerate();
      })}
    >
      {children ?? 'Regenerate'}
    </Component>
  );
});

/**
 * Props of {@link ChatCharacterCount}.
 *
 * @example
 * const props: ChatCharacterCountProps = { className: 'count' };
 */
export interface ChatCharacterCountProps extends Omit<ComponentPropsWithoutRef<'p'>, 'children'> {
  /** Shown from this share of the limit on. @default 0.9 */
  readonly threshold?: number | undefined;
  /** The text; `length` and `max` in characters. @default `${length} / ${max}` */
  readonly children?: ((length: number, max: number) => ReactNode) | undefined;
}

/**
 * The draft's length against the longest message the transport takes, shown once the draft nears it and
 * announced politely. Renders nothing without a limit, or while the draft is short.
 *
 * @selector [data-over-limit] the draft is too long to send
 * @example
 * <Chat.CharacterCount>{(length, max) => `${length} of ${max} characters`}</Chat.CharacterCount>
 */
export const ChatCharacterCount = forwardRef<HTMLParagraphElement, ChatCharacterCountProps>(
  function ChatCharacterCount({ threshold = 0.9, children, ...props }, ref) {
    const { length, maxLength: max, isOverLimit } = useComposerState('Chat.CharacterCount');
    if (max === undefined || length < max * threshold) return null;
    return (
      <p ref={ref} aria-live="polite" data-over-limit={isOverLimit ? '' : undefined} {...props}>
        {children ? children(length, max) : `${length} / ${max}`}
      </p>
    );
  },
);
