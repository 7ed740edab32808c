import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../src/load/front-matter.js';
import { pinFrontMatter } from '../../../src/migrate/pin-front-matter.js';

const pin = { id: 'https://old.example/2025/01/29/hello', aliases: ['/2025/01/29/hello.html'] };
const data = (text: string) => {
  const r = parseFrontMatter(text, 'p.md');
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.frontMatter.data;
};

describe('pinFrontMatter', () => {
  it('adds id and aliases to YAML front matter as new lines, the rest byte for byte', () => {
    const text =
      '---\ntitle: "Hello"   # a comment\ndate: 2025-01-29 10:00:00 -0500\n---\nBody {{ x }}\n';
    const out = pinFrontMatter(text, pin);
    expect(out).toBe(
      '---\ntitle: "Hello"   # a comment\ndate: 2025-01-29 10:00:00 -0500\nid: "https://old.example/2025/01/29/hello"\naliases: ["/2025/01/29/hello.html"]\n---\nBody {{ x }}\n',
    );
    expect(data(out ?? '')).toMatchObject({ id: pin.id, aliases: pin.aliases });
  });

  it('replaces an id and a date that are there, and adds to a flow, block or single alias', () => {
    const flow = pinFrontMatter('---\nid: x\naliases: [/a/]\n---\n', pin) ?? '';
    expect(data(flow)).toMatchObject({ id: pin.id, aliases: ['/a/', '/2025/01/29/hello.html'] });
    const block = pinFrontMatter('---\naliases:\n  - /a/\n  - /b/\ntitle: T\n---\n', pin) ?? '';
    expect(block).toContain('aliases:\n  - /a/\n  - /b/\n  - "/2025/01/29/hello.html"\ntitle: T');
    const single = pinFrontMatter('---\naliases: /a/\n---\n', pin) ?? '';
    expect(data(single).aliases).toEqual(['/a/', '/2025/01/29/hello.html']);
    const dated = pinFrontMatter('---\ndate: 2025-01-30\n---\n', {
      aliases: [],
      date: '2025-01-29 10:00',
    });
    expect(dated).toBe('---\ndate: "2025-01-29 10:00"\n---\n');
  });

  it('adds to Jekyll’s redirect_from when the post uses it', () => {
    const out = pinFrontMatter('---\nredirect_from: [/x/]\n---\n', pin) ?? '';
    expect(data(out).redirect_from).toEqual(['/x/', '/2025/01/29/hello.html']);
    expect(data(out).aliases).toBeUndefined();
  });

  it('writes TOML keys at the top, before any table, and JSON keys first', () => {
    const toml =
      pinFrontMatter('+++\ntitle = "T"\n[taxonomies]\ntags = ["a"]\n+++\nBody\n', pin) ?? '';
    expect(data(toml)).toMatchObject({
      id: pin.id,
      aliases: pin.aliases,
      taxonomies: { tags: ['a'] },
    });
    const json = pinFrontMatter('{\n  "title": "T"\n}\nBody\n', pin) ?? '';
    expect(data(json)).toEqual({ id: pin.id, aliases: pin.aliases, title: 'T' });
  });

  it('keeps CRLF line endings and a byte order mark', () => {
    const out = pinFrontMatter('\uFEFF---\r\ntitle: T\r\n---\r\nBody\r\n', {
      id: 'x',
      aliases: [],
    });
    expect(out).toBe('\uFEFF---\r\ntitle: T\r\nid: "x"\r\n---\r\nBody\r\n');
  });

  it('writes nothing into a file without front matter it can find the end of', () => {
    expect(pinFrontMatter('Just a body.\n', pin)).toBeUndefined();
    expect(pinFrontMatter('---\ntitle: T\n', pin)).toBeUndefined();
  });

  it('leaves JSON on one line or between ---json fences to the writer (it would be rewritten whole)', () => {
    expect(pinFrontMatter('{"title": "T"}\nBody\n', pin)).toBeUndefined();
    expect(pinFrontMatter('---json\n{"title": "T"}\n---\nBody\n', pin)).toBeUndefined();
  });
});

describe('pinFrontMatter with YAML as people write it', () => {
  it('adds to a block list written at column 0, after a comment, and to a flow list with a comment', () => {
    const col0 = pinFrontMatter('---\naliases:\n- /a/\n- /b/\ntitle: T\n---\n', pin) ?? '';
    expect(data(col0).aliases).toEqual(['/a/', '/b/', '/2025/01/29/hello.html']);
    const commented = pinFrontMatter('---\naliases: # old ones\n  - /a/\n---\n', pin) ?? '';
    expect(data(commented).aliases).toEqual(['/a/', '/2025/01/29/hello.html']);
    const flow = pinFrontMatter('---\naliases: [/a/] # old\n---\n', pin) ?? '';
    expect(data(flow).aliases).toEqual(['/a/', '/2025/01/29/hello.html']);
  });

  it('replaces a quoted key instead of writing it twice', () => {
    const out =
      pinFrontMatter('---\n"date": 2020-01-01\n---\n', { aliases: [], date: '2020-01-02' }) ?? '';
    expect(data(out)).toEqual({ date: '2020-01-02' });
  });
});
