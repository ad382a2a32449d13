import { describe, expect, it } from 'vitest';
import { healMarkdownTail } from './heal-markdown-tail';

describe('healMarkdownTail', () => {
  it.each([
    ['Use **bold', 'Use **bold**'],
    ['Use *it', 'Use *it*'],
    ['Use _it', 'Use _it_'],
    ['Use ***both', 'Use ***both***'],
    ['**bold _nested', '**bold _nested_**'],
    ['**bold ', '**bold**'],
    ['~~gone', '~~gone~~'],
    ['~~gone~', '~~gone~~'],
    ['**bold*', '**bold**'],
    ['Run `npm i', 'Run `npm i`'],
    ['A ``x ` y', 'A ``x ` y``'],
    ['Code: `a*b` and **x', 'Code: `a*b` and **x**'],
    ['See [the docs](https://exa', 'See the docs'],
    ['See [the do', 'See the do'],
    ['See [the docs]', 'See the docs'],
    ['Logo: ![logo](https://exa', 'Logo: '],
    ['Use **', 'Use '],
    ['from `', 'from '],
    ['Steps:\n-', 'Steps:'],
  ])('closes %j as %j', (tail, healed) => {
    expect(healMarkdownTail(tail)).toBe(healed);
  });

  it.each([
    'snake_case_name and more',
    '2 * 3 = 6',
    '* a list item',
    'Done: **bold**, *it*, `code` and ~~gone~~.',
    'Open [the docs](https://example.com/_next) now',
    'Visit https://example.com/_private_ page',
    'An escaped \\*star',
    'Para\n\n---',
    'Text\n\n```js\nconst a = `x',
  ])('leaves %j as it is', (tail) => {
    expect(healMarkdownTail(tail)).toBe(tail);
  });
});
