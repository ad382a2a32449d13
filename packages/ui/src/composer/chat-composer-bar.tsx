import { Chat, useChatSelector } from '@vapi-chat-kit/react';
import { useId, useRef } from 'react';
import { SendIcon, StopIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';

/**
 * Props of {@link ChatComposerBar}.
 */
export interface ChatComposerBarProps {
  /** Shows the keyboard hint under the field. @default true */
  readonly showHint?: boolean | undefined;
  /** Focus the field on mount. @default false */
  readonly autoFocus?: boolean | undefined;
}

/**
 * The composer, styled: a growing labelled field (Enter sends, Shift+Enter adds a line, IME-safe),
 * with Send, which becomes Stop while a reply is on its way. Built on react's `Chat.Composer`,
 * `Chat.Send` and `Chat.Stop`.
 *
 * @selector .vck-composer, .vck-composer-input, .vck-send[aria-disabled], .vck-stop
 * @example
 * <ChatComposerBar autoFocus />
 */
export function ChatComposerBar({ showHint = true, autoFocus = false }: ChatComposerBarProps) {
  const labels = useLabels();
  const hintId = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const busy = useChatSelector((state) => state.status === 'submitted' || state.status === 'streaming');
  return (
    <>
      <div className="vck-composer">
        <Chat.Composer
          ref={inputRef}
          className="vck-composer-input"
          aria-label={labels.composerLabel}
          aria-describedby={showHint ? hintId : undefined}
          placeholder={labels.composerPlaceholder}
          autoFocus={autoFocus}
        />
        {busy ? (
          <Chat.Stop
            className="vck-stop"
            aria-label={labels.stop}
            title={labels.stop}
            // Stop turns back into Send: keep focus in the composer rather than losing it with the button.
            onClick={() => inputRef.current?.focus()}
          >
            <StopIcon />
          </Chat.Stop>
        ) : (
          <Chat.Send className="vck-send" aria-label={labels.send} title={labels.send}>
            <SendIcon />
          </Chat.Send>
        )}
      </div>
      <Chat.CharacterCount className="vck-character-count">{labels.characterCount}</Chat.CharacterCount>
      {showHint && (
        <p className="vck-composer-hint" id={hintId}>
          {labels.composerHint}
        </p>
      )}
    </>
  );
}
