import { ArrowDownIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';

/**
 * Props of {@link JumpToLatest}.
 */
export interface JumpToLatestProps {
  /** Messages that arrived while the reader was scrolled up. @default 0 */
  readonly count?: number | undefined;
  readonly onClick: () => void;
}

/**
 * The pill shown while the reader is scrolled up: "Jump to latest", or "3 new messages".
 *
 * @selector .vck-jump[data-count] — the count of new messages
 * @example
 * {!isPinned && <JumpToLatest count={newCount} onClick={() => scrollToBottom('smooth')} />}
 */
export function JumpToLatest({ count = 0, onClick }: JumpToLatestProps) {
  const labels = useLabels();
  return (
    <button type="button" className="vck-jump" data-count={count} onClick={onClick}>
      <ArrowDownIcon />
      {labels.jumpToLatest(count)}
    </button>
  );
}
