import type { VapiChatError } from '@vapi-chat-kit/core';
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { useOnlineStatus } from '../use-online-status';
import { useBindingSelector } from '../use-chat-selector';
import { useBusyElsewhere, useChatParts } from './chat-root';
import { Slot } from './slot';

/**
 * What the banner reports, most urgent first.
 *
 * @example
 * const state: ChatBannerState = { kind: 'rate-limited', until: Date.now() + 3000 };
 */
export type ChatBannerState =
  | { readonly kind: 'error'; readonly error: VapiChatError }
  | { readonly kind: 'offline' }
  | { readonly kind: 'rate-limited'; readonly until: number }
  | { readonly kind: 'busy-elsewhere' };

/**
 * Props of {@link ChatStatusBanner}.
 *
 * @example
 * const props: ChatStatusBannerProps = { children: (state) => state.kind };
 */
export interface ChatStatusBannerProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** What to say for each state (e.g. translated). @default English sentences */
  readonly children?: ((state: ChatBannerState) => ReactNode) | undefined;
  /** @default false */
  readonly asChild?: boolean | undefined;
}

function defaultText(state: ChatBannerState): string {
  switch (state.kind) {
    case 'error':
      return state.error.message;
    case 'offline':
      return 'You are offline. Messages will not be sent until the connection is back.';
    case 'rate-limited':
      return 'Too many requests. Trying again shortly…';
    case 'busy-elsewhere':
      return 'A reply is being written in another tab.';
    default:
      state satisfies never;
      return '';
  }
}

/**
 * The chat-wide status line: the last turn's error (`role="alert"`), offline, a visible 429 back-off,
 * or a turn in flight in another tab (`role="status"`). Renders nothing when all is well.
 *
 * @selector [data-state="error" | "offline" | "rate-limited" | "busy-elsewhere"]
 * @example
 * <Chat.StatusBanner />
 */
export const ChatStatusBanner = forwardRef<HTMLDivElement, ChatStatusBannerProps>(function ChatStatusBanner(
  { asChild, children, ...props },
  ref,
) {
  const { binding } = useChatParts('Chat.StatusBanner');
  const error = useBindingSelector(binding, (state) => state.error);
  const until = useBindingSelector(binding, (state) => state.rateLimitedUntil);
  const online = useOnlineStatus();
  const busyElsewhere = useBusyElsewhere(binding);
  const state: ChatBannerState | undefined =
    error !== undefined
      ? { kind: 'error', error }
      : !online
        ? { kind: 'offline' }
        : until !== undefined
          ? { kind: 'rate-limited', until }
          : busyElsewhere
            ? { kind: 'busy-elsewhere' }
            : undefined;
  if (state === undefined) return null;
  const Component = asChild === true ? Slot : 'div';
  return (
    <Component
      ref={ref}
      role={state.kind === 'error' ? 'alert' : 'status'}
      data-state={state.kind}
      {...props}
    >
      {children === undefined ? defaultText(state) : children(state)}
    </Component>
  );
});
