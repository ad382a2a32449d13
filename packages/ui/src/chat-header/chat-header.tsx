import type { ReactNode } from 'react';
import { CloseIcon, HistoryIcon, NewConversationIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';

/**
 * Props of {@link ChatHeader}.
 */
export interface ChatHeaderProps {
  /** @default labels.title */
  readonly title?: ReactNode;
  /** @default labels.subtitle */
  readonly subtitle?: ReactNode;
  /** An image URL, or any node (initials, a logo). @default the title's first letter */
  readonly avatar?: ReactNode;
  /** Shows a "new conversation" button. */
  readonly onReset?: (() => void) | undefined;
  /** Shows a close button. */
  readonly onClose?: (() => void) | undefined;
  /** Shows a button to a signed-in visitor's conversations (a toggle: `conversationsShown`). */
  readonly onToggleConversations?: (() => void) | undefined;
  /** Whether the conversation list is shown now (the button's `aria-expanded`). @default false */
  readonly conversationsShown?: boolean | undefined;
  /** The heading level of the title. @default 2 */
  readonly headingLevel?: 2 | 3 | 4 | undefined;
  /** The title's id (the window is labelled by it). */
  readonly titleId?: string | undefined;
}

/**
 * The window's header: avatar, title, subtitle, and optional "new conversation" and close buttons.
 *
 * @selector .vck-header, .vck-avatar, .vck-title, .vck-subtitle
 * @example
 * <ChatHeader title="TechFlow support" subtitle="We reply in seconds" onClose={() => setOpen(false)} />
 */
export function ChatHeader({
  title,
  subtitle,
  avatar,
  onReset,
  onClose,
  onToggleConversations,
  conversationsShown = false,
  headingLevel = 2,
  titleId,
}: ChatHeaderProps) {
  const labels = useLabels();
  const titleNode = title ?? labels.title;
  const Heading = `h${headingLevel}` as 'h2';
  const initial = typeof titleNode === 'string' ? titleNode.trim().charAt(0).toUpperCase() : '';
  return (
    <div className="vck-header">
      <div className="vck-avatar" aria-hidden="true">
        {typeof avatar === 'string' ? <img src={avatar} alt="" /> : (avatar ?? initial)}
        <span className="vck-avatar-presence" />
      </div>
      <div className="vck-header-text">
        <Heading className="vck-title" id={titleId}>
          {titleNode}
        </Heading>
        <p className="vck-subtitle">{subtitle ?? labels.subtitle}</p>
      </div>
      <div className="vck-header-actions">
        {onToggleConversations && (
          <button
            type="button"
            className="vck-icon-button"
            aria-label={conversationsShown ? labels.backToChat : labels.conversations}
            title={conversationsShown ? labels.backToChat : labels.conversations}
            aria-expanded={conversationsShown}
            onClick={onToggleConversations}
          >
            <HistoryIcon />
          </button>
        )}
        {onReset && (
          <button
            type="button"
            className="vck-icon-button"
            aria-label={labels.newConversation}
            title={labels.newConversation}
            onClick={onReset}
          >
            <NewConversationIcon />
          </button>
        )}
        {onClose && (
          <button
            type="button"
            className="vck-icon-button"
            aria-label={labels.close}
            title={labels.close}
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        )}
      </div>
    </div>
  );
}
