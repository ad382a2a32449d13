import { selectIsBusy, selectMessageIds } from '@vapi-chat-kit/core';
import { forwardRef, memo, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { useBindingSelector } from '../use-chat-selector';
import { useChatParts } from './chat-root';
import { Slot } from './slot';

/**
 * Props of {@link ChatMessages}.
 *
 * @example
 * const props: ChatMessagesProps = { children: (id) => <Chat.Message messageId={id} /> };
 */
export interface ChatMessagesProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /**
   * The list: a function of each message id (rendered in a memoized item, so a finished message never
   * re-renders while another streams), or any nodes.
   */
  readonly children?: ReactNode | ((messageId: string) => ReactNode);
  /** @default 'Messages' */
  readonly 'aria-label'?: string | undefined;
  /** @default false */
  readonly asChild?: boolean | undefined;
}

const MessageItem = memo(function MessageItem({
  messageId,
  render,
}: {
  readonly messageId: string;
  readonly render: (messageId: string) => ReactNode;
}) {
  return render(messageId);
});

/**
 * The transcript: a labelled `role="log"` with `aria-live="polite"`. `aria-busy` is true while a reply
 * is written, so a screen reader announces the reply once, when it is complete, not per token.
 *
 * @selector [aria-busy="true"] a reply is being written
 * @example
 * <Chat.Messages aria-label="Support conversation">
 *   {(id) => <Chat.Message messageId={id}><Chat.MessageText /></Chat.Message>}
 * </Chat.Messages>
 */
export const ChatMessages = forwardRef<HTMLDivElement, ChatMessagesProps>(function ChatMessages(
  { children, asChild, ...props },
  ref,
) {
  const { binding } = useChatParts('Chat.Messages');
  const busy = useBindingSelector(binding, selectIsBusy);
  const ids = useBindingSelector(binding, selectMessageIds);
  const Component = asChild === true ? Slot : 'div';
  return (
    <Component ref={ref} role="log" aria-live="polite" aria-label="Messages" aria-busy={busy} {...props}>
      {typeof children === 'function'
        ? ids.map((id) => <MessageItem key={id} messageId={id} render={children} />)
        : children}
    </Component>
  );
});
