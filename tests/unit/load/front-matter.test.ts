import { describe, expect, it } from 'vitest';
import { parseFrontMatter, valueAt } from '../../../src/load/front-matter.js';

const parse = (text: string) => parseFrontMatter(text, 'posts/x.md');

describe('parseFrontMatter', () => {
  it('splits YAML from the body and keeps dates as strings', () => {
    const r = parse('---\ntitle: Hi\ndate: 2026-01-01\n---\nBody\n');
    expect(r).toMatchObject({
      ok: true,
      frontMatter: { data: { title: 'Hi', date: '2026-01-01' }, body: 'Body\n', bodyLine: 5 },
    });
  });
  it('locates each key by file line and column', () => {
    const r = parse('---\ntitle: Hi\n\ndate:   2026-01-01\n---\n');
    expect(r.ok && Object.fromEntries(r.frontMatter.locations ?? [])).toEqual({
      title: { line: 2, column: 8 },
      date: { line: 4, column: 9 },
    });
  });
  it('refuses every language that runs code without evaluating it, and names others it does not read', () => {
    for (const lang of ['js', 'javascript', 'coffee']) {
      const r = parse(`---${lang}\n{ "title": "x" }\n---\n`);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.diagnostics[0]?.code).toBe('front-matter-language');
      expect(!r.ok && r.diagnostics[0]?.message).toContain('it would run code');
    }
    const toml = parse('---toml\ntitle = "x"\n---\n');
    expect(!toml.ok && toml.diagnostics[0]?.message).toBe(
      'front matter in "toml" is not a language feedwright reads',
    );
  });

  it('reads JSON between ---json fences, and TOML between +++ lines', () => {
    const json = parse('---json\n{ "title": "x" }\n---\nBody\n');
    expect(json.ok && json.frontMatter.data).toEqual({ title: 'x' });
    const toml = parse('+++\ntitle = "y"\n+++\nBody\n');
    expect(toml.ok && toml.frontMatter.data).toEqual({ title: 'y' });
  });
  it('a file without an opening fence has no front matter', () => {
    const r = parse('\n---\ntitle: x\n---\n');
    expect(!r.ok && r.diagnostics[0]).toMatchObject({ code: 'front-matter-missing', line: 1 });
  });
  it('an unclosed block is an error, not a post whose whole text is front matter', () => {
    const r = parse('---\ntitle: x\ndate: 2026-01-01\nbody text\n');
    expect(!r.ok && r.diagnostics[0]).toMatchObject({
      code: 'front-matter-unclosed',
      fix: expect.stringContaining('"---"'),
    });
  });
  it('reports every YAML error with line, column and a code frame', () => {
    const r = parse('---\ntitle: x\ntitle: y\ndate: [\n---\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics.map((d) => d.line)).toContain(3);
      expect(r.diagnostics.find((d) => d.code === 'yaml-duplicate-key')).toMatchObject({
        line: 3,
        fix: 'keep one of the two keys',
      });
      expect(r.diagnostics[0]?.frame).toContain('> 3 | title: y');
    }
  });
  it('front matter that is not a mapping is an error', () => {
    expect(parse('---\n- a\n- b\n---\n')).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'front-matter-not-mapping' }],
    });
  });
  it('__proto__ is an own key, never the prototype', () => {
    const r = parse('---\n__proto__: { polluted: 1 }\ntitle: x\n---\n');
    expect(r.ok && Object.hasOwn(r.frontMatter.data, '__proto__')).toBe(true);
    expect(r.ok && Object.getPrototypeOf(r.frontMatter.data)).toBe(Object.prototype);
  });
  it('an empty front matter block gives empty data', () => {
    expect(parse('---\n---\nbody')).toMatchObject({
      ok: true,
      frontMatter: { data: {}, body: 'body' },
    });
  });
});

/** A "billion laughs": nine levels of nine aliases each, 9^9 strings once expanded. */
function laughs(indent: string): string {
  const lines = [`${indent}- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${indent}- &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  return lines.join('\n');
}

describe('parseFrontMatter on alias bombs', () => {
  const head = 'title: T\ndate: 2026-01-01\n';
  const laughsMessage = (values: string) =>
    `the front matter holds YAML aliases that stand for ${values} values (at most 10,000 are allowed): it would expand too far`;
  // Each is found at its biggest alias: the first of the last list (`&i [*h, …]`), or `*i`.
  const bombs = [
    { field: 'tags', yaml: `${head}tags:\n${laughs('  ')}\n`, line: 13, column: 9 },
    { field: 'categories', yaml: `${head}categories:\n${laughs('  ')}\n`, line: 13, column: 9 },
    {
      field: 'title',
      yaml: `date: 2026-01-01\nlaughs:\n${laughs('  ')}\ntitle: *i\n`,
      line: 13,
      column: 8,
      values: '926,177,086',
    },
    {
      field: 'author',
      yaml: `${head}author:\n  name: N\n  more:\n    deeper:\n${laughs('      ')}\n`,
      line: 16,
      column: 13,
    },
  ];

  for (const { field, yaml, line, column, values = '490,329,036' } of bombs) {
    it(`refuses a billion laughs in ${field} on the fast path too, before expanding it`, () => {
      const before = process.memoryUsage().heapUsed;
      const r = parseFrontMatter(`---\n${yaml}---\nbody\n`, 'posts/x.md', { fast: true });
      // Expanded, it would take gigabytes (or crash with "Invalid string length").
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
      expect(!r.ok && r.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'yaml-alias-limit',
          file: 'posts/x.md',
          field,
          line,
          column,
          message: laughsMessage(values),
          fix: 'write the values out instead of repeating them with *name (an alias to a list of aliases multiplies them)',
        },
      ]);
    });
  }

  it('refuses an alias used as a key the same way', () => {
    const yaml = `laughs:\n${laughs('  ')}\n? *i\n: value\ntitle: T\n`;
    const r = parseFrontMatter(`---\n${yaml}---\n`, 'posts/x.md', { fast: true });
    expect(!r.ok && r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['yaml-alias-limit', 12, 3],
    ]);
  });

  it('refuses more than 100 aliases even when each stands for one value', () => {
    const yaml = `one: &one 1\ntags: [${Array(101).fill('*one').join(', ')}]\n`;
    const r = parseFrontMatter(`---\n${yaml}---\n`, 'posts/x.md', { fast: true });
    expect(!r.ok && r.diagnostics[0]).toMatchObject({
      code: 'yaml-alias-limit',
      field: 'tags',
      line: 3,
      column: 8,
      message:
        'the front matter holds 101 YAML aliases (at most 100 are allowed): it would expand too far',
    });
  });

  it('reads a few aliases as the values they name, on either path', () => {
    const text =
      '---\ntitle: T\ndate: 2026-01-01\ncategories: &sections [Economy, Politics]\ntags: *sections\n---\n';
    for (const fast of [true, false]) {
      const r = parseFrontMatter(text, 'posts/x.md', { fast });
      expect(r.ok && r.frontMatter.data).toEqual({
        title: 'T',
        date: '2026-01-01',
        categories: ['Economy', 'Politics'],
        tags: ['Economy', 'Politics'],
      });
    }
  });

  it('says an alias without an anchor before it is not defined, and how to write a star', () => {
    const r = parse('---\ntitle: T\nsummary: *Breaking\n---\n');
    expect(!r.ok && r.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'yaml-unresolved-alias',
        file: 'posts/x.md',
        field: 'summary',
        line: 3,
        column: 10,
        message: '*Breaking is a YAML alias, but no "&Breaking" comes before it',
        fix: 'put the value in quotes if the * is meant as text, e.g. "*Breaking"',
      },
    ]);
  });

  it('refuses an alias inside the value it names', () => {
    const r = parse('---\ntitle: T\ntags: &t [a, *t]\n---\n');
    expect(!r.ok && r.diagnostics[0]).toMatchObject({
      code: 'yaml-alias-limit',
      field: 'tags',
      line: 3,
      column: 14,
      message: '*t is inside the value "&t" names: it would repeat itself forever',
    });
  });

  it('still reads a star inside quotes as text on the fast path', () => {
    const r = parseFrontMatter('---\ntitle: "5 * 3"\n---\n', 'posts/x.md', { fast: true });
    expect(r.ok && r.frontMatter).toMatchObject({ data: { title: '5 * 3' } });
  });
});

describe('parseFrontMatter on duplicate keys', () => {
  it('reports every key written twice, in any map, in file order with the other errors', () => {
    const r = parse('---\ntitle: x\nauthor: {name: a, name: b}\ntitle: y\ndate: [\n---\n');
    const codes = !r.ok ? r.diagnostics.map((d) => [d.code, d.line, d.column]) : [];
    expect(codes.slice(0, 2)).toEqual([
      ['yaml-duplicate-key', 3, 19],
      ['yaml-duplicate-key', 4, 1],
    ]);
    expect(codes.length).toBeGreaterThan(2);
  });
  it('does not take 1 and "1" for the same key', () => {
    expect(parse('---\n1: a\n"1": b\n---\n').ok).toBe(true);
  });
  it('finds the one key written twice among thousands', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: v`).join('\n');
    const r = parse(`---\n${keys}\nk17: again\n---\n`);
    expect(!r.ok && r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['yaml-duplicate-key', 2002],
    ]);
  });
});

describe('valueAt', () => {
  it('finds where a top-level key’s value starts, past the opening fence, on any line ending', () => {
    expect(valueAt('---\ntitle: A\nimage: /a.png\n---\n', 'image')).toEqual({ line: 3, column: 8 });
    expect(valueAt('---\r\ntitle: A\r\nimage:\r\n  src: /a.png\r\n', 'image')).toEqual({
      line: 3,
      column: 1,
    });
    expect(valueAt('---\n  image: nested\n---\n', 'image')).toBeUndefined();
    expect(valueAt('image: on the fence line\n', 'image')).toBeUndefined();
    expect(valueAt('---\na.b: 1\naxb: 2\n', 'a.b')).toEqual({ line: 2, column: 6 });
    expect(valueAt('---\naxb: 2\n', 'a.b')).toBeUndefined();
  });
});
