import type { ReactNode } from 'react';
import { ChatIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';

/**
 * Props of {@link ChatEmptyState} and {@link SuggestedPrompts}.
 */
export interface SuggestedPromptsProps {
  /** Questions to offer; a click sends one. */
  readonly suggestions?: readonly string[] | undefined;
  readonly onSelect: (suggestion: string) => void;
}

/**
 * Buttons that send a suggested question.
 *
 * @selector .vck-suggestions, .vck-suggestion
 * @example
 * <SuggestedPrompts suggestions={['Reset my password']} onSelect={send} />
 */
export function SuggestedPrompts({ suggestions, onSelect }: SuggestedPromptsProps) {
  const labels = useLabels();
  if (!suggestions || suggestions.length === 0) return null;
  return (
    <ul className="vck-suggestions" aria-label={labels.suggestions}>
      {suggestions.map((suggestion) => (
        <li key={suggestion}>
          <button type="button" className="vck-suggestion" onClick={() => onSelect(suggestion)}>
            {suggestion}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * What an empty conversation shows: an icon, a title, a line of text and suggested questions.
 *
 * @selector .vck-empty
 * @example
 * <ChatEmptyState suggestions={['Where is my order?']} onSelect={send} />
 */
export function ChatEmptyState({
  suggestions,
  onSelect,
  title,
  description,
}: SuggestedPromptsProps & { readonly title?: ReactNode; readonly description?: ReactNode }) {
  const labels = useLabels();
  return (
    <div className="vck-empty">
      <div className="vck-empty-icon" aria-hidden="true">
        <ChatIcon />
      </div>
      <p className="vck-empty-title">{title ?? labels.emptyTitle}</p>
      <p className="vck-empty-description">{description ?? labels.emptyDescription}</p>
      <SuggestedPrompts suggestions={suggestions} onSelect={onSelect} />
    </div>
  );
}
