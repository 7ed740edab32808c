import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stampAt } from '../../../src/file-stamps.js';
import { sha256Hex } from '../../../src/hash.js';
import { decodeCacheFile, InParts, writeCacheFile } from '../../../src/incremental/cache-file.js';
import {
  ColumnMap,
  DIAGNOSTICS_PER_RUN,
  manifestMatches,
  manifestPaths,
  type OutputRecord,
  outputFingerprint,
  outputMatches,
  outputOf,
  ROWS_PER_PART,
  type StoredOutputRecord,
  storedOutput,
  storedOutputInParts,
} from '../../../src/incremental/output-record.js';
import { formatManifest, MANIFEST_FILE } from '../../../src/manifest.js';
import type { FileStamp, HeadRecord, Seen } from '../../../src/model.js';
import { asMap } from '../../helpers/maps.js';
import { stampColumns } from '../../helpers/stamps.js';

/** A post file's head as the build read it: only what the fingerprint reads is set. */
function head(sourcePath: string, overrides: Partial<HeadRecord> = {}): HeadRecord {
  return {
    sourcePath,
    size: 120,
    mtimeMs: 1_700_000_000_000,
    headHash: `h-${sourcePath}`,
    diagnostics: [],
    ...overrides,
  };
}

const a = head('a.md');
const b = head('b.md');
const c = head('c.md');
const NEVER = Number.POSITIVE_INFINITY;

/** `record` with its manifest and keys as `Map`s (read back, they are `ColumnMap`s). */
function whole(record: OutputRecord | undefined) {
  return record && { ...record, files: asMap(record.files), keys: asMap(record.keys) };
}

describe('storedOutput and outputOf', () => {
  const record: OutputRecord = {
    fingerprint: 'f',
    files: new Map([
      ['rss.xml', 'a'.repeat(64)],
      ['index.html', 'b'.repeat(64)],
      ['__proto__', 'c'.repeat(64)],
    ]),
    diagnostics: [
      {
        severity: 'warning',
        code: 'image-not-found',
        file: 'posts/a.md',
        line: 3,
        message: 'm',
        fix: 'x',
      },
    ],
    keys: new Map([
      ['rss.xml', 'k'],
      ['index.html', 'l'],
    ]),
    stamps: stampColumns({ 'rss.xml': { size: 3, mtimeMs: 4 } }),
    folders: stampColumns({}),
    nextDue: Number.POSITIVE_INFINITY,
    selection: '[false,false]',
    outputKey: 'o',
    published: 1,
    summaries: [],
  };

  it('keeps the diagnostics as runs of JSON, the manifest and keys as columns (the keys by row of the manifest), and gives the record back whole', () => {
    const stored = storedOutput(record);
    expect(stored.diagnostics).toEqual([JSON.stringify(record.diagnostics)]);
    expect(stored.files).toEqual({
      paths: ['rss.xml', 'index.html', '__proto__'],
      texts: ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)],
    });
    expect(stored.keys).toEqual({ rows: Uint32Array.of(0, 1), texts: ['k', 'l'] });
    // Stamps of some files only: kept with their paths.
    expect(stored.stamps).toEqual(record.stamps);
    // As v8 writes it to the cache: arrays of strings, no object keyed by path.
    const back = outputOf(deserialize(serialize(stored)));
    expect(whole(back)).toEqual(record);
    expect([...(back?.files ?? [])]).toEqual([...record.files]);
    expect([...(back?.keys ?? [])]).toEqual([...record.keys]);
    expect(back?.files.get('__proto__')).toBe('c'.repeat(64));
    expect(back?.diagnostics).toBe(back?.diagnostics);
    expect(back?.files).toBe(back?.files);
    expect(back?.keys).toBe(back?.keys);
  });

  it('is written to the cache in bounded parts and read back whole: a record made by a build, and one read back saved again from its columns', async () => {
    const rows = 2 * ROWS_PER_PART + 5;
    const paths = Array.from({ length: rows }, (_, i) => `p/${i}/index.html`);
    const large: OutputRecord = {
      ...record,
      files: new Map(paths.map((p, i) => [p, sha256Hex(`${i}`)])),
      keys: new Map(paths.map((p, i) => [p, `k${i}`])),
      diagnostics: Array.from({ length: 2 * DIAGNOSTICS_PER_RUN + 1 }, (_, i) => ({
        severity: 'warning' as const,
        code: 'image-not-found',
        file: `posts/${i}.md`,
        message: `m${i}`,
      })),
      // As a write records them: the manifest's files, in its order, then the manifest.
      stamps: stampColumns(
        Object.fromEntries([...paths, MANIFEST_FILE].map((p, i) => [p, { size: i, mtimeMs: 1 }])),
      ),
      folders: stampColumns(
        Object.fromEntries(paths.map((p, i) => [p.slice(0, -11), { size: i, mtimeMs: 2 }])),
      ),
    };
    const { root, parts } = storedOutputInParts(large, ['output']);
    expect(root.files.paths).toEqual([]);
    expect(root.diagnostics).toEqual([]);
    // Each path kept once: the keys by row, the stamps in the manifest's order without paths.
    expect(root.keys).toEqual({ rows: Uint32Array.from(paths.keys()), texts: [] });
    expect(root.stamps).toEqual({ paths: [], stamps: large.stamps.stamps, ofFiles: true });
    const made = [...parts()];
    expect(made.filter((part) => part.at.join('.') === 'output.stamps.paths')).toEqual([]);
    expect(made.filter((part) => part.at.join('.') === 'output.keys.paths')).toEqual([]);
    for (const part of made)
      expect((part.value as unknown[]).length).toBeLessThanOrEqual(ROWS_PER_PART);
    expect(made.filter((part) => part.at.at(-1) === 'diagnostics')).toHaveLength(3);
    const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-output-parts-'));
    dirs.push(dir);
    const file = path.join(dir, 'index.bin');
    const valid = (p: { output?: unknown }) =>
      outputOf(p.output as StoredOutputRecord) !== undefined;
    const write = async (from: OutputRecord) => {
      const { root: r, parts: p } = storedOutputInParts(from, ['output']);
      await writeCacheFile(file, new InParts({ key: 'k', output: r }, p));
      const read = decodeCacheFile<{ key: string; output: StoredOutputRecord }>(
        await readFile(file),
        valid,
      );
      return outputOf(read?.output) as OutputRecord;
    };
    const back = await write(large);
    expect(whole(back)).toEqual(large);
    expect([...back.files]).toEqual([...large.files]);
    expect(manifestPaths(back)).toEqual(paths);
    // Saved again as read, from the columns it was read as.
    const stored = storedOutput(back);
    expect(stored).toEqual(storedOutput(large));
    const again = await write(outputOf(stored) as OutputRecord);
    expect(whole(again)).toEqual(large);
  });

  it('makes the manifest and keys only when they are asked for: the keys from its paths, not the manifest', () => {
    const stored = storedOutput(record);
    // Its length may be checked; no text is read until the manifest is asked for.
    stored.files.texts = new Proxy(stored.files.texts, {
      get: (target, key) => {
        if (key === 'length') return target.length;
        throw new Error('files read');
      },
    });
    const back = outputOf(stored);
    expect(back?.fingerprint).toBe('f');
    expect(back?.keys.get('rss.xml')).toBe('k');
    expect(back?.keys.get('index.html')).toBe('l');
    expect(() => back?.files.get('rss.xml')).toThrow('files read');
  });

  it("keeps by path keys that do not come in the manifest's order, or are not of its files", () => {
    for (const keys of [
      new Map([
        ['index.html', 'l'],
        ['rss.xml', 'k'],
      ]),
      new Map([['elsewhere.xml', 'k']]),
    ]) {
      const stored = storedOutput({ ...record, keys });
      expect(stored.keys).toEqual({ paths: [...keys.keys()], texts: [...keys.values()] });
      expect([...(outputOf(deserialize(serialize(stored)))?.keys ?? [])]).toEqual([...keys]);
    }
  });

  it("lists the manifest's paths of a record read back without making the manifest", () => {
    const stored = storedOutput(record);
    const paths = stored.files.paths;
    stored.files.texts = new Proxy(stored.files.texts, {
      get: (target, key) => {
        if (key === 'length') return target.length;
        throw new Error('manifest made');
      },
    });
    const back = outputOf(stored) as OutputRecord;
    expect(manifestPaths(back)).toBe(paths);
    expect(manifestPaths(back)).toEqual(['rss.xml', 'index.html', '__proto__']);
    expect(() => back.files.get('rss.xml')).toThrow('manifest made');
    // A record made by a build: its manifest's own paths, in the same order.
    expect(manifestPaths(record)).toEqual(['rss.xml', 'index.html', '__proto__']);
    expect(
      manifestPaths(outputOf(deserialize(serialize(storedOutput(record)))) as OutputRecord),
    ).toEqual([...record.files.keys()]);
  });

  it('parses the diagnostics only when they are asked for', () => {
    const stored = { ...storedOutput(record), diagnostics: ['[not json'] };
    const back = outputOf(stored);
    expect(back?.fingerprint).toBe('f');
    expect(() => back?.diagnostics).toThrow(SyntaxError);
  });

  it('takes no record whose diagnostics are not runs of JSON, or manifest or keys not columns (one of an earlier version)', () => {
    expect(outputOf(undefined)).toBeUndefined();
    expect(outputOf({ ...record } as unknown as StoredOutputRecord)).toBeUndefined();
    const stored = storedOutput(record);
    for (const broken of [
      { ...stored, diagnostics: JSON.stringify(record.diagnostics) },
      { ...stored, diagnostics: [record.diagnostics] },
      { ...stored, files: Object.fromEntries(record.files) },
      { ...stored, keys: Object.fromEntries(record.keys) },
      { ...stored, keys: { paths: ['rss.xml'], texts: [] } },
      { ...stored, keys: { rows: Uint32Array.of(0, 3), texts: ['k', 'l'] } },
      { ...stored, keys: { rows: [0, 1], texts: ['k', 'l'] } },
      { ...stored, stamps: { paths: [], stamps: new Float64Array(2), ofFiles: true } },
      { ...stored, stamps: { paths: ['rss.xml'], stamps: new Float64Array(8), ofFiles: true } },
    ])
      expect(outputOf(broken as unknown as StoredOutputRecord)).toBeUndefined();
  });
});

describe('outputFingerprint', () => {
  it('is a hex key, equal for equal inputs', () => {
    const one = outputFingerprint('key', [a, b], NEVER);
    const two = outputFingerprint('key', [head('a.md'), head('b.md')], NEVER);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(two).toBe(one);
  });

  it("takes only a head's path, hashes, size and mtime: not its diagnostics or its post", () => {
    const warned = head('a.md', {
      diagnostics: [{ severity: 'warning', code: 'w', file: 'posts/a.md', message: 'm' }],
    });
    expect(outputFingerprint('key', [warned, b], NEVER)).toBe(
      outputFingerprint('key', [a, b], NEVER),
    );
  });

  it("changes with a post's size, mtime or front matter hash (a body edit changes the first two)", () => {
    const base = outputFingerprint('key', [a, b], NEVER);
    const changed = [
      outputFingerprint('key', [head('a.md', { size: 121 }), b], NEVER),
      outputFingerprint('key', [head('a.md', { mtimeMs: a.mtimeMs + 1 }), b], NEVER),
      outputFingerprint('key', [a, head('b.md', { headHash: 'other' })], NEVER),
    ];
    expect(new Set([base, ...changed]).size).toBe(4);
  });

  it("takes a post's body hash, where known, instead of its size and mtime", () => {
    const known = head('a.md', { bodyHash: 'body' });
    const base = outputFingerprint('key', [known, b], NEVER);
    const touched = head('a.md', { bodyHash: 'body', size: 121, mtimeMs: a.mtimeMs + 1 });
    expect(outputFingerprint('key', [touched, b], NEVER)).toBe(base);
    expect(outputFingerprint('key', [head('a.md', { bodyHash: 'edited' }), b], NEVER)).not.toBe(
      base,
    );
    expect(outputFingerprint('key', [a, b], NEVER)).not.toBe(base);
  });

  it('changes when the posts change order, or one is added, removed or renamed', () => {
    const base = outputFingerprint('key', [a, b], NEVER);
    const changed = [
      outputFingerprint('key', [b, a], NEVER),
      outputFingerprint('key', [a, b, c], NEVER),
      outputFingerprint('key', [a], NEVER),
      outputFingerprint('key', [a, { ...b, sourcePath: 'b2.md' }], NEVER),
    ];
    expect(new Set([base, ...changed]).size).toBe(5);
  });

  it('tells apart posts past a run of lines, and paths that hold a line break', () => {
    const many = Array.from({ length: 2_500 }, (_, i) => head(`${i}.md`));
    const base = outputFingerprint('key', many, NEVER);
    const swapped = [...many];
    // Two posts on either side of the first run's end.
    [swapped[1_023], swapped[1_024]] = [swapped[1_024] as HeadRecord, swapped[1_023] as HeadRecord];
    expect(outputFingerprint('key', swapped, NEVER)).not.toBe(base);
    expect(outputFingerprint('key', many.slice(0, -1), NEVER)).not.toBe(base);
    // One post whose name holds a line break, against the two posts it names.
    const two = [head('x.md', { bodyHash: 'b' }), head('y.md', { bodyHash: 'b' })];
    const one = [head('x.md\ny.md', { bodyHash: 'b' })];
    expect(outputFingerprint('key', one, NEVER)).not.toBe(outputFingerprint('key', two, NEVER));
  });

  it('changes with nextDue: a post coming due changes the output', () => {
    const never = outputFingerprint('key', [a], NEVER);
    const due = outputFingerprint('key', [a], Date.parse('2026-06-01T00:00:00Z'));
    const later = outputFingerprint('key', [a], Date.parse('2026-06-02T00:00:00Z'));
    expect(new Set([never, due, later]).size).toBe(3);
    expect(outputFingerprint('key', [a], Date.parse('2026-06-01T00:00:00Z'))).toBe(due);
  });

  it('changes with the output key', () => {
    expect(outputFingerprint('key-1', [a], NEVER)).not.toBe(outputFingerprint('key-2', [a], NEVER));
  });
});

/** A record of an output folder: only what `outputMatches` reads is filled in. */
function recordOf(files: Record<string, string>, stamps: Record<string, FileStamp>): OutputRecord {
  return {
    fingerprint: 'f',
    files: new Map(Object.entries(files)),
    diagnostics: [],
    keys: new Map(),
    stamps: stampColumns(stamps),
    folders: { paths: [], stamps: new Float64Array(0) },
    nextDue: Number.POSITIVE_INFINITY,
    selection: '[false,false]',
    outputKey: 'k',
    published: 0,
    summaries: [],
  };
}

/** When every test file was written, to the millisecond, so that it can be set back exactly. */
const WRITTEN_AT = new Date('2026-01-01T00:00:00Z');

/** An output folder holding `contents` and their manifest, and its record as written. */
async function writtenOutput(
  contents: Record<string, string>,
  { manifestStamp = true }: { manifestStamp?: boolean } = {},
) {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-output-'));
  dirs.push(dir);
  const files: Record<string, string> = {};
  const stamps: Record<string, FileStamp> = {};
  const put = async (file: string, content: string) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
    await utimes(path.join(dir, file), WRITTEN_AT, WRITTEN_AT);
    const info = statSync(path.join(dir, file));
    return { size: info.size, mtimeMs: info.mtimeMs };
  };
  for (const [file, content] of Object.entries(contents)) {
    stamps[file] = await put(file, content);
    files[file] = sha256Hex(content);
  }
  const manifest = await put(MANIFEST_FILE, formatManifest({ generator: 'feedwright', files }));
  if (manifestStamp) stamps[MANIFEST_FILE] = manifest;
  return { dir, record: recordOf(files, stamps) };
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const CONTENTS = { 'rss.xml': '<rss/>', 'posts/a/index.html': '<p>a</p>' };

/** Rewrites a file with `content`, and its mtime as it was written. */
async function rewrite(dir: string, file: string, content: string) {
  await writeFile(path.join(dir, file), content);
  await utimes(path.join(dir, file), WRITTEN_AT, WRITTEN_AT);
}

describe.each([
  ['with the manifest stamped (as builds write it)', true],
  ['recorded before the manifest had a stamp', false],
])('outputMatches, %s', (_, manifestStamp) => {
  const output = (contents: Record<string, string>) => writtenOutput(contents, { manifestStamp });

  it('is true for an output folder as it was recorded', async () => {
    const { dir, record } = await output(CONTENTS);
    expect(stampAt(record.stamps, MANIFEST_FILE) !== undefined).toBe(manifestStamp);
    expect(await outputMatches(dir, record)).toBe(true);
  });

  it('is false when the manifest is missing or is not a feedwright manifest', async () => {
    const { dir, record } = await output(CONTENTS);
    await rewrite(dir, MANIFEST_FILE, '{"generator":"other","files":{}}');
    expect(await outputMatches(dir, record)).toBe(false);
    await rm(path.join(dir, MANIFEST_FILE));
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it('is false when the manifest was edited by hand to list other digests', async () => {
    const { dir, record } = await output(CONTENTS);
    const files = { ...Object.fromEntries(record.files), 'rss.xml': sha256Hex('<rss>') };
    await writeFile(
      path.join(dir, MANIFEST_FILE),
      formatManifest({ generator: 'feedwright', files }),
    );
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it('is false for an output folder that does not exist', async () => {
    const { dir, record } = await output(CONTENTS);
    expect(await outputMatches(path.join(dir, 'elsewhere'), record)).toBe(false);
  });

  it('is false when a recorded file is missing', async () => {
    const { dir, record } = await output(CONTENTS);
    await rm(path.join(dir, 'posts/a/index.html'));
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it("is false when a file's size changed", async () => {
    const { dir, record } = await output(CONTENTS);
    await rewrite(dir, 'rss.xml', '<rss></rss>');
    expect(statSync(path.join(dir, 'rss.xml')).mtimeMs).toBe(
      stampAt(record.stamps, 'rss.xml')?.mtimeMs,
    );
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it("is false when a file's mtime changed, though its bytes did not", async () => {
    const { dir, record } = await output(CONTENTS);
    const later = new Date('2030-01-01T00:00:00Z');
    await utimes(path.join(dir, 'rss.xml'), later, later);
    expect(await outputMatches(dir, record)).toBe(false);
  });
});

describe('outputMatches, with the manifest stamped', () => {
  it("trusts the manifest's stamp: its contents are not read", async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    // The record and the manifest disagree, but the manifest is as written: nothing reads it.
    const other = { ...record, files: new Map([...record.files, ['atom.xml', 'd']]) };
    expect(await outputMatches(dir, other)).toBe(true);
  });

  it('notices a manifest edited by hand to the same size: its mtime changed', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    const file = path.join(dir, MANIFEST_FILE);
    const before = statSync(file).size;
    const text = formatManifest({
      generator: 'feedwright',
      files: Object.fromEntries(record.files),
    });
    // Same bytes count, a different digest, written now.
    await writeFile(file, text.replace(record.files.get('rss.xml') as string, sha256Hex('x')));
    expect(statSync(file).size).toBe(before);
    expect(await outputMatches(dir, record)).toBe(false);
  });
});

describe('outputMatches, with the files looked at already', () => {
  it('takes what was seen of a file for its stamp, and looks at the others itself', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    const seenNow = (file: string): Seen => {
      const info = statSync(path.join(dir, file));
      return { kind: 'file', size: info.size, mtimeMs: info.mtimeMs };
    };
    const asSeen = new Map([['rss.xml', seenNow('rss.xml')]]);
    // Changed after the look: taken as seen then.
    await rewrite(dir, 'rss.xml', '<rss></rss>');
    expect(await outputMatches(dir, record, (file) => asSeen.get(file))).toBe(true);
    // Not seen: looked at here.
    expect(await outputMatches(dir, record, () => undefined)).toBe(false);
  });

  it('is false when a file was seen to be missing, or not a file', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    const stamp = stampAt(record.stamps, 'rss.xml') as FileStamp;
    for (const kind of ['none', 'folder', 'other'] as const) {
      const seen = (file: string) => (file === 'rss.xml' ? { kind, ...stamp } : undefined);
      expect(await outputMatches(dir, record, seen), kind).toBe(false);
    }
  });
});

describe('outputMatches, recorded before the manifest had a stamp', () => {
  it('compares the manifest with the record: other files or digests do not match', async () => {
    const { dir, record } = await writtenOutput(CONTENTS, { manifestStamp: false });
    expect(
      await outputMatches(dir, {
        ...record,
        files: new Map([...record.files, ['rss.xml', sha256Hex('x')]]),
      }),
    ).toBe(false);
    expect(
      await outputMatches(dir, { ...record, files: new Map([...record.files, ['atom.xml', 'd']]) }),
    ).toBe(false);
  });

  it('does not mind the manifest being rewritten with the same contents', async () => {
    const { dir, record } = await writtenOutput(CONTENTS, { manifestStamp: false });
    const later = new Date('2030-01-01T00:00:00Z');
    await utimes(path.join(dir, MANIFEST_FILE), later, later);
    expect(await outputMatches(dir, record)).toBe(true);
  });
});

describe('manifestMatches', () => {
  it('is true while the manifest has the size and mtime recorded, whatever the other files', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    expect(manifestMatches(dir, record)).toBe(true);
    // Another file changed or gone: the writer finds that when it keeps the file, not this.
    await rewrite(dir, 'rss.xml', '<rss></rss>');
    await rm(path.join(dir, 'posts/a/index.html'));
    expect(manifestMatches(dir, record)).toBe(true);
  });

  it('is false when the manifest changed, is gone, was never stamped, or the folder is not there', async () => {
    const edited = await writtenOutput(CONTENTS);
    await rewrite(edited.dir, MANIFEST_FILE, '{"generator":"feedwright","files":{} }');
    expect(manifestMatches(edited.dir, edited.record)).toBe(false);
    const touched = await writtenOutput(CONTENTS);
    const later = new Date('2030-01-01T00:00:00Z');
    await utimes(path.join(touched.dir, MANIFEST_FILE), later, later);
    expect(manifestMatches(touched.dir, touched.record)).toBe(false);
    const gone = await writtenOutput(CONTENTS);
    await rm(path.join(gone.dir, MANIFEST_FILE));
    expect(manifestMatches(gone.dir, gone.record)).toBe(false);
    const unstamped = await writtenOutput(CONTENTS, { manifestStamp: false });
    expect(manifestMatches(unstamped.dir, unstamped.record)).toBe(false);
    expect(manifestMatches(path.join(gone.dir, 'elsewhere'), gone.record)).toBe(false);
  });
});

describe('ColumnMap', () => {
  it('answers as the Map of its columns does, whatever is asked in whatever order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 60 }),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 120 }),
        (paths, asked) => {
          const texts = paths.map((p, i) => `${i}:${p}`);
          const columns = new ColumnMap(paths, texts);
          const map = new Map(paths.map((p, i) => [p, texts[i] as string]));
          // Asked in order, then anything (present or not): more than the scans before an index.
          for (const path of [...paths, ...asked, ...asked]) {
            expect(columns.get(path)).toBe(map.get(path));
            expect(columns.has(path)).toBe(map.has(path));
          }
          expect(columns.size).toBe(map.size);
          expect([...columns]).toEqual([...map]);
          expect([...columns.keys()]).toEqual([...map.keys()]);
          expect([...columns.values()]).toEqual([...map.values()]);
          expect(new Map(columns)).toEqual(map);
          const seen: [string, string][] = [];
          columns.forEach((text, path, self) => {
            expect(self).toBe(columns);
            seen.push([path, text]);
          });
          expect(seen).toEqual([...map]);
        },
      ),
    );
  });
});
