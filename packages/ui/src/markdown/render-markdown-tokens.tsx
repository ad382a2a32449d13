import { Fragment, type ReactNode } from 'react';
import type { Token, Tokens } from 'marked';
import { useLabels } from '../labels/labels-context';
import { MarkdownCodeBlock } from './code-block';
import { decodeEntities } from './decode-entities';
import { safeUrl } from './safe-url';

// Rendering builds React elements from tokens: no HTML string is ever parsed, so raw HTML in a reply
// (`html` tokens) is shown as text, and a URL is written only after `safeUrl` accepts it.

/** Renders block tokens (paragraphs, lists, code, tables…). */
export function renderBlockTokens(tokens: readonly Token[], keyPrefix = ''): ReactNode[] {
  const nodes: ReactNode[] = [];
  tokens.forEach((token, index) => {
    const node = renderBlockToken(token, `${keyPrefix}${index}`);
    if (node !== null) nodes.push(node);
  });
  return nodes;
}

type MarkdownToken = Token;

function renderBlockToken(token: MarkdownToken, key: string): ReactNode {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph': {
      const paragraph = token as Tokens.Paragraph;
      return <p key={key}>{renderInlineTokens(paragraph.tokens)}</p>;
    }
    case 'heading': {
      const heading = token as Tokens.Heading;
      // Replies sit under the window's own heading (h2): every reply heading is an h3, so the page's
      // outline stays valid whatever levels a reply uses; `data-depth` keeps the written level for CSS.
      const Tag = 'h3';
      return (
        <Tag key={key} className="vck-markdown-heading" data-depth={heading.depth}>
          {renderInlineTokens(heading.tokens)}
        </Tag>
      );
    }
    case 'code': {
      const code = token as Tokens.Code;
      const language = code.lang?.trim().split(/\s+/)[0];
      return <MarkdownCodeBlock key={key} code={code.text} language={language || undefined} />;
    }
    case 'blockquote': {
      const quote = token as Tokens.Blockquote;
      return <blockquote key={key}>{renderBlockTokens(quote.tokens, `${key}-`)}</blockquote>;
    }
    case 'hr':
      return <hr key={key} />;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => renderListItem(item, list.loose, `${key}-${index}`));
      if (list.ordered) {
        const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined;
        return (
          <ol key={key} start={start}>
            {items}
          </ol>
        );
      }
      return <ul key={key}>{items}</ul>;
    }
    case 'table':
      return renderTable(token as Tokens.Table, key);
    case 'html': {
      const html = token as Tokens.HTML;
      const text = html.text.trim();
      return text === '' ? null : <p key={key}>{text}</p>;
    }
    case 'text': {
      // A tight list item's paragraph arrives as a block-level `text` token.
      const text = token as Tokens.Text;
      return (
        <Fragment key={key}>
          {text.tokens ? renderInlineTokens(text.tokens) : decodeEntities(text.text)}
        </Fragment>
      );
    }
    default:
      return 'text' in token && typeof token.text === 'string' ? <p key={key}>{token.text}</p> : null;
  }
}

function renderListItem(item: Tokens.ListItem, loose: boolean, key: string): ReactNode {
  const children: ReactNode[] = [];
  item.tokens.forEach((token, index) => {
    const childKey = `${key}-${index}`;
    if (token.type === 'checkbox') {
      const checked = (token as Tokens.Checkbox).checked;
      children.push(<TaskCheckbox key={childKey} checked={checked} />);
      return;
    }
    if (!loose && token.type === 'text') {
      const text = token as Tokens.Text;
      children.push(
        <Fragment key={childKey}>
          {text.tokens ? renderInlineTokens(text.tokens) : decodeEntities(text.text)}
        </Fragment>,
      );
      return;
    }
    children.push(renderBlockToken(token, childKey));
  });
  return (
    <li key={key} data-task={item.task ? (item.checked ? 'done' : 'open') : undefined}>
      {children}
    </li>
  );
}

function renderTable(table: Tokens.Table, key: string): ReactNode {
  const align = (value: 'center' | 'left' | 'right' | null) =>
    value
      ? { textAlign: value === 'left' ? ('start' as const) : value === 'right' ? ('end' as const) : value }
      : undefined;
  return (
    <TableScroll key={key}>
      <table>
        <thead>
          <tr>
            {table.header.map((cell, index) => (
              <th key={index} scope="col" style={align(cell.align)}>
                {renderInlineTokens(cell.tokens)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} style={align(cell.align)}>
                  {renderInlineTokens(cell.tokens)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function TaskCheckbox({ checked }: { readonly checked: boolean }) {
  const labels = useLabels();
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled
      readOnly
      className="vck-task"
      aria-label={checked ? labels.taskDone : labels.taskOpen}
    />
  );
}

// A wide table scrolls sideways; the area is focusable so a keyboard can scroll it.
function TableScroll({ children }: { readonly children: ReactNode }) {
  const labels = useLabels();
  return (
    <div className="vck-table-scroll" tabIndex={0} role="region" aria-label={labels.table}>
      {children}
    </div>
  );
}

/** Renders inline tokens (text, emphasis, code spans, links…). */
export function renderInlineTokens(tokens: readonly Token[] | undefined): ReactNode[] {
  if (!tokens) return [];
  return tokens.map((token, index) => renderInlineToken(token, index));
}

function renderInlineToken(token: MarkdownToken, key: number): ReactNode {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      if (text.tokens) return <Fragment key={key}>{renderInlineTokens(text.tokens)}</Fragment>;
      return decodeEntities(text.text);
    }
    case 'escape':
      return decodeEntities((token as Tokens.Escape).text);
    case 'strong':
      return <strong key={key}>{renderInlineTokens((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{renderInlineTokens((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{renderInlineTokens((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return (
        <code key={key} className="vck-inline-code">
          {(token as Tokens.Codespan).text}
        </code>
      );
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = token as Tokens.Link;
      const children = renderInlineTokens(link.tokens);
      const href = safeUrl(link.href);
      if (!href) return <Fragment key={key}>{children}</Fragment>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    }
    case 'image': {
      // Images are never loaded: a reply could point one at a tracking URL that leaks the reader's
      // address or the conversation. A safe image becomes a link named by its alt text.
      const image = token as Tokens.Image;
      const href = safeUrl(image.href);
      const text = decodeEntities(image.text) || href || '';
      if (!href || !href.startsWith('https:')) return text;
      return (
        <a
          key={key}
          href={href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="vck-image-link"
        >
          {text}
        </a>
      );
    }
    case 'html':
      // Raw HTML is shown as the text it is.
      return (token as Tokens.HTML).text;
    case 'checkbox':
      return null;
    default:
      return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
  }
}
