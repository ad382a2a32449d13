import { describe, expect, it } from 'vitest';
import { substituteVariables } from './substitute-variables';

describe('substituteVariables', () => {
  it('fills {{name}} and {{ name }}, and leaves unknown variables empty as Liquid does', () => {
    expect(substituteVariables('Hi {{name}}, {{ name }}! {{missing}}.', { name: 'Alice' })).toBe(
      'Hi Alice, Alice! .',
    );
  });

  it('writes numbers and objects as JSON text', () => {
    expect(substituteVariables('{{count}} {{meta}}', { count: 3, meta: { a: 1 } })).toBe('3 {"a":1}');
  });
});
