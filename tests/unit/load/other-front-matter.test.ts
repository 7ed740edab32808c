import { describe, expect, it } from 'vitest';
import { otherFormatOf, parseOtherFrontMatter } from '../../../src/load/other-front-matter.js';

const read = (text: string) => {
  const format = otherFormatOf(text);
  if (!format) throw new Error('no format');
  return parseOtherFrontMatter(text, 'posts/p.md', format);
};

describe('otherFormatOf', () => {
  it('tells TOML, fenced JSON and a JSON object from YAML and from no front matter', () => {
    expect(otherFormatOf('+++\ntitle = "x"\n+++\n')).toBe('toml');
    expect(otherFormatOf('---json\n{}\n---\n')).toBe('json-fenced');
    expect(otherFormatOf('{\n"title": "x"\n}\n')).toBe('json-object');
    expect(otherFormatOf('---\ntitle: x\n---\n')).toBeUndefined();
    expect(otherFormatOf('++++\n')).toBeUndefined();
    expect(otherFormatOf('Just a body.')).toBeUndefined();
  });
});

describe('TOML front matter (Hugo, Zola)', () => {
  const text = [
    '+++',
    'title = "Release 9.9.0"',
    'date = 2025-01-29T10:00:00-05:00',
    'updated = 2025-02-01T08:30:00',
    "slug = 'v9.9.0'",
    'draft = false',
    '',
    '[taxonomies]',
    'tags = ["rust", "release"]',
    '',
    '[extra]',
    'toc = true',
    '+++',
    'The body.',
    '',
  ].join('\n');

  it('reads every key, dates as written (an offset kept, a local time left without one)', () => {
    const r = read(text);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.frontMatter.data).toEqual({
      title: 'Release 9.9.0',
      date: '2025-01-29T10:00:00.000-05:00',
      updated: '2025-02-01T08:30:00.000',
      slug: 'v9.9.0',
      draft: false,
      taxonomies: { tags: ['rust', 'release'] },
      extra: { toc: true },
    });
    expect(r.frontMatter.body).toBe('The body.\n');
    expect(r.frontMatter.bodyLine).toBe(14);
  });

  it('locates each top-level key, tables too, on its file line', () => {
    const r = read(text);
    if (!r.ok) throw new Error('invalid');
    expect(
      Object.fromEntries([...(r.frontMatter.locations ?? [])].map(([k, v]) => [k, v.line])),
    ).toEqual({
      title: 2,
      date: 3,
      updated: 4,
      slug: 5,
      draft: 6,
      taxonomies: 8,
      extra: 11,
    });
  });

  it('reports a syntax error on its file line, with a frame and a fix', () => {
    const r = read('+++\ntitle = "ok"\ndate = \n+++\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({
      code: 'toml-syntax',
      line: 3,
      file: 'posts/p.md',
    });
    expect(r.diagnostics[0]?.message).toMatch(/^TOML syntax error: /);
    expect(r.diagnostics[0]?.frame).toContain('date = ');
  });

  it('says when the closing +++ is missing', () => {
    const r = read('+++\ntitle = "x"\n');
    expect(!r.ok && r.diagnostics[0]).toMatchObject({
      code: 'front-matter-unclosed',
      fix: 'add a line "+++" after the last front-matter line',
    });
  });

  it('keeps a key named __proto__ as data, not as a prototype', () => {
    const r = read('+++\n"__proto__" = "x"\ntitle = "t"\n+++\n');
    if (!r.ok) throw new Error('invalid');
    expect(Object.hasOwn(r.frontMatter.data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(r.frontMatter.data)).toBe(Object.prototype);
  });
});

describe('JSON front matter (Hugo)', () => {
  it('reads an object at the top of the file, ending at a line "}"', () => {
    const r = read('{\n  "title": "Hello",\n  "tags": ["a"]\n}\nBody.\n');
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.frontMatter.data).toEqual({ title: 'Hello', tags: ['a'] });
    expect(r.frontMatter.body).toBe('Body.\n');
    expect(r.frontMatter.bodyLine).toBe(5);
    expect(r.frontMatter.locations?.get('tags')?.line).toBe(3);
  });

  it('reads an object on one line, and JSON between ---json and --- lines', () => {
    const one = read('{"title": "One line"}\nBody.\n');
    expect(one.ok && one.frontMatter.data).toEqual({ title: 'One line' });
    const fenced = read('---json\n{"title": "Fenced"}\n---\nBody.\n');
    expect(fenced.ok && [fenced.frontMatter.data, fenced.frontMatter.body]).toEqual([
      { title: 'Fenced' },
      'Body.\n',
    ]);
  });

  it('reports a syntax error with its line, and refuses JSON that is not an object', () => {
    const bad = read('{\n  "title": "x",\n  "date": \n}\n');
    expect(!bad.ok && bad.diagnostics[0]).toMatchObject({ code: 'json-syntax', line: 4 });
    const list = read('---json\n[1, 2]\n---\n');
    expect(!list.ok && list.diagnostics[0]?.code).toBe('front-matter-not-mapping');
  });
});
