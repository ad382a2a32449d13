import { useLabels } from '../labels/labels-context';

/**
 * Three pulsing dots in an assistant bubble. `ChatWindow` shows it only while the chat's status is
 * `submitted` (sent, no token yet), so it never claims the assistant is typing when it is not.
 * Decorative to screen readers, which hear the reply itself.
 *
 * @selector .vck-typing, .vck-typing-dot
 * @example
 * {status === 'submitted' && <TypingIndicator />}
 */
export function TypingIndicator() {
  const labels = useLabels();
  return (
    <div className="vck-typing" aria-hidden="true" title={labels.typing} data-testid="vck-typing">
      <span className="vck-typing-dot" />
      <span className="vck-typing-dot" />
      <span className="vck-typing-dot" />
    </div>
  );
}
