import { Lexer, type Token } from 'marked';

/**
 * How many characters {@link lexMarkdown} has read since the last {@link resetMarkdownLexCount}. Tests
 * read it to prove that streaming a reply lexes each character a bounded number of times.
 */
export const markdownLexCount = { characters: 0, calls: 0 };

/** Resets {@link markdownLexCount}. */
export function resetMarkdownLexCount(): void {
  markdownLexCount.characters = 0;
  markdownLexCount.calls = 0;
}

/**
 * Lexes one markdown block into marked's tokens (GitHub-flavoured: tables, strikethrough, task lists,
 * autolinks). The tokens are rendered by our own React renderer, never as HTML.
 */
export function lexMarkdown(source: string): Token[] {
  markdownLexCount.characters += source.length;
  markdownLexCount.calls += 1;
  return Lexer.lex(source, { gfm: true, breaks: false });
}
