import { cleanup, render } from '@testing-library/react';
import { Lexer } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { markdownLexCount, resetMarkdownLexCount } from './lex-markdown';
import { Markdown } from './markdown';
import { MarkdownBlockSplitter } from './markdown-block-splitter';

afterEach(cleanup);

const reply = [
  '# Resetting your password',
  '',
  'You can reset it in **two ways**: from the *sign-in page* or from `Settings`.',
  '',
  '1. Open [the sign-in page](https://example.com/sign-in).',
  '2. Choose **Forgot password**.',
  '',
  '3. Follow the link in the email.',
  '',
  '> The link expires after 24 hours.',
  '',
  '```bash',
  'curl -X POST https://example.com/reset \\',
  '  -d email=me@example.com',
  '',
  'echo done',
  '```',
  'After the code.',
  '',
  '| Plan | Resets per day |',
  '| --- | ---: |',
  '| Free | 3 |',
  '| Pro | ~~10~~ unlimited |',
  '',
  '- [x] Email verified',
  '- [ ] Phone verified',
  '',
  '---',
  '',
  'Tom &amp; Jerry say *thanks*.',
].join('\n');

function streamInto(text: string, chunkSize: number) {
  const view = render(<Markdown text="" streaming />);
  for (let end = chunkSize; end < text.length + chunkSize; end += chunkSize) {
    view.rerender(<Markdown text={text.slice(0, end)} streaming />);
  }
  view.rerender(<Markdown text={text} />);
  return view;
}

describe('MarkdownBlockSplitter', () => {
  it('splits at blank lines, fences and headings, and keeps loose lists together', () => {
    const splitter = new MarkdownBlockSplitter();
    const starts = splitter.update(reply);
    const blocks = starts.map((start, index) => reply.slice(start, starts[index + 1]));
    expect(blocks).toEqual([
      '# Resetting your password\n',
      '\nYou can reset it in **two ways**: from the *sign-in page* or from `Settings`.\n\n',
      '1. Open [the sign-in page](https://example.com/sign-in).\n2. Choose **Forgot password**.\n\n3. Follow the link in the email.\n\n',
      '> The link expires after 24 hours.\n\n',
      '```bash\ncurl -X POST https://example.com/reset \\\n  -d email=me@example.com\n\necho done\n```\n',
      'After the code.\n\n',
      '| Plan | Resets per day |\n| --- | ---: |\n| Free | 3 |\n| Pro | ~~10~~ unlimited |\n\n',
      '- [x] Email verified\n- [ ] Phone verified\n\n',
      '---\n\n',
      'Tom &amp; Jerry say *thanks*.',
    ]);
  });

  it('finds the same blocks whatever the chunks the text arrived in', () => {
    const oneShot = [...new MarkdownBlockSplitter().update(reply)];
    for (const chunkSize of [1, 2, 7, 64]) {
      const splitter = new MarkdownBlockSplitter();
      let starts: readonly number[] = [];
      for (let end = chunkSize; end < reply.length + chunkSize; end += chunkSize) {
        starts = splitter.update(reply.slice(0, end));
      }
      expect([...starts]).toEqual(oneShot);
    }
  });

  it('does not split inside a fence, even at a blank line followed by text', () => {
    const text = '```\nline one\n\nnot a block\n```\n';
    expect([...new MarkdownBlockSplitter().update(text)]).toEqual([0, text.length]);
  });

  it('starts again when the text is replaced rather than extended', () => {
    const splitter = new MarkdownBlockSplitter();
    splitter.update('one\n\ntwo\n');
    expect([...splitter.update('other\n\nthing\n')]).toEqual([0, 7]);
  });

  it('lexes blocks to the same tokens as the whole text', () => {
    const starts = new MarkdownBlockSplitter().update(reply);
    const blockTypes = starts.flatMap((start, index) =>
      Lexer.lex(reply.slice(start, starts[index + 1]), { gfm: true })
        .filter((token) => token.type !== 'space')
        .map((token) => token.type),
    );
    const wholeTypes = Lexer.lex(reply, { gfm: true })
      .filter((token) => token.type !== 'space')
      .map((token) => token.type);
    expect(blockTypes).toEqual(wholeTypes);
  });
});

describe('Markdown', () => {
  it('renders headings, emphasis, lists, quotes, code, tables, tasks and entities', () => {
    const { container } = render(<Markdown text={reply} />);
    expect(container.querySelector('h3')?.textContent).toBe('Resetting your password');
    expect(container.querySelector('strong')?.textContent).toBe('two ways');
    expect(container.querySelector('em')?.textContent).toBe('sign-in page');
    expect(container.querySelector('code.vck-inline-code')?.textContent).toBe('Settings');
    expect(container.querySelectorAll('ol > li')).toHaveLength(3);
    expect(container.querySelector('blockquote')?.textContent).toBe('The link expires after 24 hours.');
    expect(container.querySelector('pre code')?.textContent).toBe(
      'curl -X POST https://example.com/reset \\\n  -d email=me@example.com\n\necho done',
    );
    expect(container.querySelector('.vck-code-block')?.getAttribute('data-language')).toBe('bash');
    expect([...container.querySelectorAll('th')].map((cell) => cell.textContent)).toEqual([
      'Plan',
      'Resets per day',
    ]);
    expect(container.querySelector('del')?.textContent).toBe('10');
    expect(container.querySelectorAll('input[type="checkbox"]')).toHaveLength(2);
    expect(container.querySelector('hr')).not.toBeNull();
    expect(container.textContent).toContain('Tom & Jerry say thanks.');
    const link = container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/sign-in');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('ends a stream with the same DOM as a one-shot render, whatever the chunk size', () => {
    const oneShot = render(<Markdown text={reply} />).container.innerHTML;
    for (const chunkSize of [1, 3, 16, 200]) {
      expect(streamInto(reply, chunkSize).container.innerHTML).toBe(oneShot);
    }
  });

  it('shows no raw emphasis, strikethrough, code or link syntax at any point of a stream', () => {
    const more = [
      'Set ***all three*** or __strong__ and _light_ emphasis, even **bold with _nested_ parts**.',
      'Keys like `api_key_v2` and names like snake_case_name stay as they are; 2 * 3 = 6.',
      'See [the rate limits](https://example.com/docs/_limits?plan=pro_max) or ![a logo](https://example.com/logo.png).',
      '',
      '* a bullet with *emphasis*',
      '* 東京の**設定**を開く 🔐 and ~~old~~ new',
    ].join('\n');
    const view = render(<Markdown text="" streaming />);
    const texts = [reply, more];
    for (const source of texts)
      for (let end = 1; end <= source.length; end += 1) {
        view.rerender(<Markdown text={source.slice(0, end)} streaming />);
        // Code is shown as written; everything else must be rendered, not raw.
        const prose = view.container.cloneNode(true) as HTMLElement;
        for (const code of prose.querySelectorAll('code, pre')) code.remove();
        const text = prose.textContent ?? '';
        for (const raw of ['**', '~~', '`', '](']) {
          if (text.includes(raw))
            throw new Error(`"${raw}" shows raw after ${end} characters: ${JSON.stringify(text)}`);
        }
      }
  });

  it('never shows an open emphasis, code span or link as raw syntax while streaming', () => {
    const view = render(<Markdown text="Use **bold" streaming />);
    expect(view.container.querySelector('strong')?.textContent).toBe('bold');
    expect(view.container.textContent).not.toContain('**');
    view.rerender(<Markdown text="Run `npm i" streaming />);
    expect(view.container.querySelector('code')?.textContent).toBe('npm i');
    expect(view.container.textContent).not.toContain('`');
    view.rerender(<Markdown text="See [the docs](https://exa" streaming />);
    expect(view.container.textContent).toBe('See the docs');
    expect(view.container.querySelector('a')).toBeNull();
  });

  it('shows an open fence as a code block, never as backticks', () => {
    const view = render(<Markdown text={'Try:\n\n```ts\nconst a = 1;\nconst b'} streaming />);
    expect(view.container.querySelector('pre code')?.textContent).toBe('const a = 1;\nconst b');
    expect(view.container.textContent).not.toContain('```');
    view.rerender(<Markdown text={'Try:\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n'} />);
    expect(view.container.querySelector('pre code')?.textContent).toBe('const a = 1;\nconst b = 2;');
  });

  it('keeps the DOM nodes of finished blocks while the tail grows', () => {
    const view = render(<Markdown text={'First paragraph.\n\nS'} streaming />);
    const first = view.container.querySelector('p');
    view.rerender(<Markdown text={'First paragraph.\n\nSecond paragraph grows'} streaming />);
    view.rerender(<Markdown text={'First paragraph.\n\nSecond paragraph grows.\n\nThird'} streaming />);
    expect(view.container.querySelector('p')).toBe(first);
  });

  it('lexes O(N) characters while streaming an N-character reply', () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, index) =>
        `Paragraph ${index} has **bold** text, a [link](https://example.com/${index}) and \`code\`.`,
    );
    const text = paragraphs.join('\n\n');
    const measure = (source: string) => {
      resetMarkdownLexCount();
      const view = render(<Markdown text="" streaming />);
      for (let end = 5; end < source.length + 5; end += 5)
        view.rerender(<Markdown text={source.slice(0, end)} streaming />);
      view.rerender(<Markdown text={source} />);
      view.unmount();
      return markdownLexCount.characters;
    };
    const full = measure(text);
    const half = measure(paragraphs.slice(0, 20).join('\n\n'));
    // Each character is lexed about (block length ÷ chunk size) times, whatever the reply's length:
    // doubling the reply doubles the work, never quadruples it.
    expect(full / text.length).toBeLessThan(40);
    expect(full / half).toBeLessThan(2.2);
    expect(full / half).toBeGreaterThan(1.8);
  });

  it('lexes a streaming code block in O(N) however long it grows', () => {
    const code =
      '```js\n' +
      Array.from({ length: 150 }, (_, index) => `const value${index} = ${index};`).join('\n') +
      '\n```\n';
    resetMarkdownLexCount();
    const view = render(<Markdown text="" streaming />);
    for (let end = 3; end < code.length + 3; end += 3)
      view.rerender(<Markdown text={code.slice(0, end)} streaming />);
    view.rerender(<Markdown text={code} />);
    expect(markdownLexCount.characters).toBeLessThan(code.length * 3);
  });
});
