import { useEffect, useRef, useState } from 'react';
import { useLabels } from '../labels/labels-context';
import { useChatComponents, type ChatCodeBlockProps } from '../components/chat-components';

/**
 * A fenced code block with a copy button. The button's result ("Copied") is announced politely and
 * shown for two seconds.
 *
 * @selector .vck-code-block — the figure; `[data-language]` holds the fence's info word
 * @selector .vck-code-copy[data-state="idle" | "copied" | "failed"]
 *
 * @example
 * <CodeBlock code="npm install @vapi-chat-kit/ui" language="bash" />
 */
export function CodeBlock({
  code,
  language,
}: {
  readonly code: string;
  readonly language?: string | undefined;
}) {
  const labels = useLabels();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    let next: 'copied' | 'failed' = 'copied';
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      next = 'failed';
    }
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  };

  return (
    <div className="vck-code-block" data-language={language || undefined}>
      <div className="vck-code-header">
        <span className="vck-code-language">{language}</span>
        <button type="button" className="vck-code-copy" data-state={state} onClick={() => void copy()}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14" focusable="false">
            {state === 'copied' ? (
              <path
                d="M5 12.5l4.5 4.5L19 7.5"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            ) : (
              <path
                d="M9 9h10v10H9zM5 15V5h10"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinejoin="round"
              />
            )}
          </svg>
          <span>{state === 'copied' ? labels.copied : labels.copyCode}</span>
        </button>
        <span className="vck-visually-hidden" role="status">
          {state === 'copied' ? labels.copied : state === 'failed' ? labels.copyFailed : ''}
        </span>
      </div>
      <pre className="vck-code" tabIndex={0}>
        <code className={language ? `language-${language}` : undefined}>{code}</code>
      </pre>
    </div>
  );
}

/** A fenced block in a reply: the `CodeBlock` slot of the enclosing window if it has one, else the kit's. */
export function MarkdownCodeBlock(props: ChatCodeBlockProps) {
  const Custom = useChatComponents().CodeBlock ?? CodeBlock;
  return <Custom {...props} />;
}
