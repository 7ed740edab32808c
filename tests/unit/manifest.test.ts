import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hash.js';
import {
  formatManifest,
  isManifest,
  MANIFEST_FILE,
  type Manifest,
  manifestParts,
  parseManifest,
  readManifest,
} from '../../src/manifest.js';

function manifest(files: Record<string, string> = {}): Manifest {
  return { generator: 'feedwright', files };
}

/** An output folder holding `manifestText` as its manifest, if given. */
async function outputDir(manifestText?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-manifest-'));
  if (manifestText !== undefined) await writeFile(path.join(dir, MANIFEST_FILE), manifestText);
  return dir;
}

describe('isManifest', () => {
  it('accepts a feedwright manifest, empty or not', () => {
    expect(isManifest(manifest())).toBe(true);
    expect(isManifest(manifest({ 'rss.xml': sha256Hex('x'), 'a/b.html': sha256Hex('y') }))).toBe(
      true,
    );
  });

  it('ignores extra keys', () => {
    expect(isManifest({ ...manifest(), version: 2 })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'feedwright'],
    ['a list', []],
    ['no generator', { files: {} }],
    ['another generator', { generator: 'hugo', files: {} }],
    ['no files', { generator: 'feedwright' }],
    ['files as null', { generator: 'feedwright', files: null }],
    ['files as a list', { generator: 'feedwright', files: ['rss.xml'] }],
    ['files as text', { generator: 'feedwright', files: 'rss.xml' }],
    ['a digest that is not text', { generator: 'feedwright', files: { 'rss.xml': 1 } }],
  ])('refuses %s', (_, value) => {
    expect(isManifest(value)).toBe(false);
  });
});

describe('parseManifest', () => {
  it('reads a manifest', () => {
    const text = '{"generator":"feedwright","files":{"rss.xml":"abc"}}';
    expect(parseManifest(text)).toEqual({ ok: true, manifest: manifest({ 'rss.xml': 'abc' }) });
  });

  it('says when the text is not JSON, with the parser’s reason', () => {
    const parsed = parseManifest('{"generator":');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toBe('not-json');
    let reason = '';
    try {
      JSON.parse('{"generator":');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(parsed.message).toBe(reason);
  });

  it('says when the JSON is not a feedwright manifest', () => {
    expect(parseManifest('{"generator":"other","files":{}}')).toEqual({
      ok: false,
      problem: 'not-manifest',
      message: 'not a feedwright manifest',
    });
    expect(parseManifest('[]')).toEqual(expect.objectContaining({ problem: 'not-manifest' }));
  });

  it('calls an empty file not JSON', () => {
    expect(parseManifest('')).toEqual(expect.objectContaining({ ok: false, problem: 'not-json' }));
  });
});

describe('readManifest', () => {
  it('reads the manifest in the output folder', async () => {
    const m = manifest({ 'index.html': sha256Hex('<p>') });
    expect(await readManifest(await outputDir(formatManifest(m)))).toEqual(m);
  });

  it('gives null when there is no manifest, or no folder', async () => {
    const dir = await outputDir();
    expect(await readManifest(dir)).toBeNull();
    expect(await readManifest(path.join(dir, 'missing'))).toBeNull();
  });

  it('gives null for a manifest that is not ours, or not JSON', async () => {
    expect(await readManifest(await outputDir('{"generator":"other","files":{}}'))).toBeNull();
    expect(await readManifest(await outputDir('not json'))).toBeNull();
  });

  it('gives null when the manifest path is a folder', async () => {
    const dir = await outputDir();
    await mkdir(path.join(dir, MANIFEST_FILE));
    expect(await readManifest(dir)).toBeNull();
  });
});

describe('formatManifest', () => {
  it('writes indented JSON ending with a newline', () => {
    const text = formatManifest(manifest({ 'rss.xml': 'aa' }));
    expect(text).toBe(
      '{\n  "generator": "feedwright",\n  "files": {\n    "rss.xml": "aa"\n  }\n}\n',
    );
  });

  it('round-trips through parseManifest', () => {
    const files = fc.dictionary(
      fc.string({ minLength: 1 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
    );
    fc.assert(
      fc.property(files, (f) => {
        const m = manifest(f);
        const text = formatManifest(m);
        expect(text.endsWith('}\n')).toBe(true);
        expect(parseManifest(text)).toEqual({ ok: true, manifest: m });
        expect(formatManifest(m)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});

describe('manifestParts', () => {
  const stringified = (m: unknown) => `${JSON.stringify(m, null, 2)}\n`;
  const parts = (m: unknown, perPart?: number) => [...manifestParts(m as Manifest, perPart)];

  it('cuts each long field between runs of members, the runs written as JSON writes them', () => {
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}.xml`, 'x']));
    const m = { ...manifest(files), items: [], withdrawn: ['a', 'b', 'c', 'd'] };
    const cut = parts(m, 3);
    // Members are written four spaces in: no part holds more than three, and the runs are four
    // of files (3, 3, 3, 1) and two of withdrawn (3, 1); items, having none, come whole.
    const members = cut.map((part) => part.match(/^ {4}"/gm)?.length ?? 0);
    expect(members.filter((n) => n > 0)).toEqual([3, 3, 3, 1, 3, 1]);
    expect(cut).toContain('    "f0.xml": "x",\n    "f1.xml": "x",\n    "f2.xml": "x"');
    expect(cut).toContain(',\n  "items": []');
    expect(cut.join('')).toBe(stringified(m));
  });

  it('writes what JSON leaves out as JSON does: a field or a whole run of members', () => {
    const m = {
      generator: 'feedwright',
      nextDue: undefined,
      files: { a: undefined, b: undefined, c: 'x' },
    };
    expect(parts(m, 1).join('')).toBe(stringified(m));
    const none = { generator: 'feedwright', files: { a: undefined, b: undefined } };
    expect(parts(none, 1).join('')).toBe(stringified(none));
    expect(parts({}).join('')).toBe(stringified({}));
  });

  it('gives JSON.stringify(manifest, null, 2) and a newline, whatever the manifest holds', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('__proto__', '0', '12', 'a"b\\'),
    );
    const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const item = fc.record({
      id: text,
      url: text,
      updated: sometimes(text),
      aliases: sometimes(fc.array(text)),
    });
    const m = fc.record({
      generator: fc.constant('feedwright'),
      files: fc.dictionary(text, sometimes(text), { maxKeys: 12 }),
      nextDue: sometimes(text),
      items: fc.array(item, { maxLength: 12 }),
      feeds: fc.dictionary(text, fc.record({ title: text, items: fc.array(text) }), { maxKeys: 4 }),
      withdrawn: sometimes(fc.array(text, { maxLength: 6 })),
      more: fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(m, fc.integer({ min: 1, max: 5 }), (value, perPart) => {
        expect(parts(value, perPart).join('')).toBe(stringified(value));
      }),
      { numRuns: 300 },
    );
  });
});
