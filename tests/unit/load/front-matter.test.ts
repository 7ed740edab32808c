import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../src/load/front-matter.js';

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
  it('refuses every non-YAML language without evaluating it', () => {
    for (const lang of ['js', 'javascript', 'coffee', 'toml', 'json']) {
      const r = parse(`---${lang}\n{ "title": "x" }\n---\n`);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.diagnostics[0]?.code).toBe('front-matter-language');
    }
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
