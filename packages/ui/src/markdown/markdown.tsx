import { memo, useState, type ReactNode } from 'react';
import type { Token } from 'marked';
import { MarkdownCodeBlock } from './code-block';
import { healMarkdownTail } from './heal-markdown-tail';
import { lexMarkdown } from './lex-markdown';
import { renderBlockTokens } from './render-markdown-tokens';
import { StreamingMarkdown } from './streaming-markdown';

/**
 * Props of {@link Markdown}.
 */
export interface MarkdownProps {
  /** The markdown to show; while streaming, each render's text extends the previous one. */
  readonly text: string;
  /**
   * Whether `text` is still growing. The open tail is then healed (an unclosed `**` or fence does not
   * show as raw syntax). @default false
   */
  readonly streaming?: boolean | undefined;
  readonly className?: string | undefined;
}

/**
 * Renders markdown as React elements, safe by default (no raw HTML; links only `http`, `https`,
 * `mailto`, `tel`; images shown as links), and stable while streaming: finished blocks are lexed
 * once and not re-rendered, only the open tail is lexed again as it grows, and the final DOM equals
 * a one-shot render of the whole text.
 *
 * @selector .vck-markdown[data-streaming] — present while the text is growing
 *
 * @example
 * <Markdown text={message.text} streaming={message.status === 'streaming'} />
 */
export function Markdown({ text, streaming = false, className }: MarkdownProps) {
  const [markdown] = useState(() => new StreamingMarkdown());
  const { finished, tailStart, tail, openFence } = markdown.update(text);
  let tailNode: ReactNode = null;
  if (streaming && openFence && tail.trimStart().startsWith(openFence.marker.repeat(3))) {
    // A code block still being written: no need to lex it again for every token.
    const newline = tail.indexOf('\n');
    // The info string is known only once its line is complete ("b" could become "bash").
    const info = newline === -1 ? '' : tail.slice(0, newline);
    const language = info
      .replace(/^[\s`~]+/, '')
      .trim()
      .split(/\s+/)[0];
    const code = newline === -1 ? '' : tail.slice(newline + 1).replace(/\n$/, '');
    tailNode = <MarkdownCodeBlock code={code} language={language || undefined} />;
  } else if (tail.trim() !== '') {
    tailNode = <MarkdownTail source={streaming ? healMarkdownTail(tail) : tail} />;
  }

  return (
    <div
      className={className ? `vck-markdown ${className}` : 'vck-markdown'}
      data-streaming={streaming || undefined}
    >
      {finished.map((block) => (
        <MarkdownBlock key={block.start} source={block.source} tokens={block.tokens} />
      ))}
      {tailNode && <TailSlot key={tailStart}>{tailNode}</TailSlot>}
    </div>
  );
}

// A finished block re-renders only if its text changes, which streaming never does.
const MarkdownBlock = memo(
  function MarkdownBlock({ tokens }: { readonly source: string; readonly tokens: readonly Token[] }) {
    return <>{renderBlockTokens(tokens)}</>;
  },
  (previous, next) => previous.source === next.source,
);

function TailSlot({ children }: { readonly children: ReactNode }) {
  return <>{children}</>;
}

// Lexed again only when the tail's text changes, not when a parent re-renders.
const MarkdownTail = memo(function MarkdownTail({ source }: { readonly source: string }) {
  return <>{renderBlockTokens(lexMarkdown(source))}</>;
});
