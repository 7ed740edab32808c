import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { LineCounter, parseDocument } from 'yaml';
import { aliasProblem, MAX_ALIAS_COUNT, MAX_ALIAS_VALUES } from '../../../src/load/yaml-aliases.js';

function check(source: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', lineCounter });
  return aliasProblem(doc, lineCounter, yaml);
}

/** `n` values in one flow list. */
const list = (n: number) => `[${Array(n).fill('x').join(', ')}]`;

describe('aliasProblem', () => {
  it('finds nothing wrong without aliases, or with a few small ones', () => {
    expect(check('title: T\ntags: [a, b]\n')).toBeUndefined();
    expect(check('')).toBeUndefined();
    expect(check('a: &a [x, y]\nb: *a\nc: *a\n')).toBeUndefined();
  });

  it(`allows ${MAX_ALIAS_COUNT} aliases and refuses one more`, () => {
    const aliases = (n: number) => `one: &one 1\ntags: [${Array(n).fill('*one').join(', ')}]\n`;
    expect(check(aliases(MAX_ALIAS_COUNT))).toBeUndefined();
    expect(check(aliases(MAX_ALIAS_COUNT + 1))).toEqual({
      code: 'yaml-alias-limit',
      field: 'tags',
      line: 2,
      column: 8,
      message:
        'the front matter holds 101 YAML aliases (at most 100 are allowed): it would expand too far',
      fix: 'write the values out instead of repeating them with *name (an alias to a list of aliases multiplies them)',
    });
  });

  it(`allows aliases that stand for ${MAX_ALIAS_VALUES.toLocaleString('en-US')} values and refuses one more`, () => {
    // The list counts as one value besides its items: 10 aliases to a list of 999 add 10 × 1,000.
    expect(check(`a: &a ${list(999)}\nb: [${Array(10).fill('*a').join(', ')}]\n`)).toBeUndefined();
    expect(check(`a: &a ${list(1000)}\nb: [${Array(10).fill('*a').join(', ')}]\n`)).toMatchObject({
      field: 'b',
      line: 2,
      column: 5,
      message:
        'the front matter holds YAML aliases that stand for 10,010 values (at most 10,000 are allowed): it would expand too far',
    });
  });

  it('counts an alias inside an anchor again each time that anchor is used', () => {
    // a is 11 values (the list and its items), b 1 + 9 × 11 = 100, c 1 + 9 × 100 = 901: the
    // aliases add 999. d is another 901, and e 1 + 9 × 901 = 8,110: they add 10,008 in all.
    const source = `a: &a ${list(10)}\nb: &b [${Array(9).fill('*a').join(', ')}]\nc: [${Array(9).fill('*b').join(', ')}]\n`;
    expect(check(source)).toBeUndefined();
    const deeper = `${source}d: &d [${Array(9).fill('*b').join(', ')}]\ne: [${Array(9).fill('*d').join(', ')}]\n`;
    expect(check(deeper)).toMatchObject({
      field: 'e',
      line: 5,
      column: 5,
      message:
        'the front matter holds YAML aliases that stand for 10,008 values (at most 10,000 are allowed): it would expand too far',
    });
  });

  it('says where an alias names no anchor before it', () => {
    expect(check('title: T\nlater: *x\nx: &x 1\n')).toEqual({
      code: 'yaml-unresolved-alias',
      field: 'later',
      line: 2,
      column: 8,
      message: '*x is a YAML alias, but no "&x" comes before it',
      fix: 'put the value in quotes if the * is meant as text, e.g. "*x"',
    });
  });

  it('refuses an alias inside the value it names, at any depth', () => {
    expect(check('m: &m {a: {b: [*m]}}\n')).toEqual({
      code: 'yaml-alias-limit',
      field: 'm',
      line: 1,
      column: 16,
      message: '*m is inside the value "&m" names: it would repeat itself forever',
      fix: 'write the value out instead of using the alias',
    });
  });

  it('takes the latest anchor of a name, as YAML does', () => {
    // The second &a is a one-value scalar: 101 aliases to it are too many, but not too big.
    const source = `a: &a ${list(200)}\nb: &a 1\nc: [${Array(101).fill('*a').join(', ')}]\n`;
    expect(check(source)?.message).toBe(
      'the front matter holds 101 YAML aliases (at most 100 are allowed): it would expand too far',
    );
  });
});
