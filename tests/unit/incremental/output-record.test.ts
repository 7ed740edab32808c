import { statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/hash.js';
import {
  type OutputRecord,
  outputFingerprint,
  outputMatches,
  type PlannedFeeds,
} from '../../../src/incremental/output-record.js';
import { formatManifest, MANIFEST_FILE } from '../../../src/manifest.js';
import type { FileStamp, PostRef } from '../../../src/model.js';
import { makePost } from '../../helpers/model.js';

const a = makePost({ slug: 'a' });
const b = makePost({ slug: 'b' });
const c = makePost({ slug: 'c' });

/** A plan: the site feed, then one category feed per `[slug, name, posts]`. */
function plan(site: PostRef[], ...categories: [string, string, PostRef[]][]): PlannedFeeds {
  return {
    feeds: [
      { posts: site },
      ...categories.map(([slug, name, posts]) => ({ category: { slug, name }, posts })),
    ],
  };
}

/** Hashes by source path; a post not listed has unknown hashes. */
function hashes(known: Record<string, [string, string]>) {
  return (ref: PostRef) => known[ref.sourcePath];
}

const HASHES = hashes({ 'a.md': ['ha', 'ba'], 'b.md': ['hb', 'bb'], 'c.md': ['hc', 'bc'] });

describe('outputFingerprint', () => {
  it('is a hex key, equal for equal inputs', () => {
    const one = outputFingerprint('key', plan([a, b], ['x', 'X', [a]]), HASHES);
    const two = outputFingerprint(
      'key',
      plan(
        [makePost({ slug: 'a' }), makePost({ slug: 'b' })],
        ['x', 'X', [makePost({ slug: 'a' })]],
      ),
      hashes({ 'a.md': ['ha', 'ba'], 'b.md': ['hb', 'bb'] }),
    );
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(two).toBe(one);
  });

  it("is undefined when any post's hashes are unknown, in any feed", () => {
    const partial = hashes({ 'a.md': ['ha', 'ba'] });
    expect(outputFingerprint('key', plan([a, b]), partial)).toBeUndefined();
    expect(outputFingerprint('key', plan([a], ['x', 'X', [c]]), partial)).toBeUndefined();
  });

  it('asks for the hashes of each post it covers', () => {
    const asked: string[] = [];
    outputFingerprint('key', plan([a, b], ['x', 'X', [b]]), (ref) => {
      asked.push(ref.sourcePath);
      return ['h', 'b'];
    });
    expect(asked).toEqual(['a.md', 'b.md', 'b.md']);
  });

  it("changes when a post's front matter or body hash changes", () => {
    const base = outputFingerprint('key', plan([a, b]), HASHES);
    const head = outputFingerprint(
      'key',
      plan([a, b]),
      hashes({ 'a.md': ['ha2', 'ba'], 'b.md': ['hb', 'bb'] }),
    );
    const body = outputFingerprint(
      'key',
      plan([a, b]),
      hashes({ 'a.md': ['ha', 'ba'], 'b.md': ['hb', 'bb2'] }),
    );
    expect(new Set([base, head, body]).size).toBe(3);
  });

  it('changes when the posts change order, or move between feeds', () => {
    const base = outputFingerprint('key', plan([a, b], ['x', 'X', [a]]), HASHES);
    expect(outputFingerprint('key', plan([b, a], ['x', 'X', [a]]), HASHES)).not.toBe(base);
    expect(outputFingerprint('key', plan([a, b], ['x', 'X', [b]]), HASHES)).not.toBe(base);
    expect(outputFingerprint('key', plan([a, b, c], ['x', 'X', [a]]), HASHES)).not.toBe(base);
  });

  it("changes when a category's name or slug changes", () => {
    const base = outputFingerprint('key', plan([a], ['x', 'X', [a]]), HASHES);
    expect(outputFingerprint('key', plan([a], ['x', 'x', [a]]), HASHES)).not.toBe(base);
    expect(outputFingerprint('key', plan([a], ['y', 'X', [a]]), HASHES)).not.toBe(base);
  });

  it('changes with the output key', () => {
    expect(outputFingerprint('key-1', plan([a]), HASHES)).not.toBe(
      outputFingerprint('key-2', plan([a]), HASHES),
    );
  });
});

/** A record of an output folder: only what `outputMatches` reads is filled in. */
function recordOf(files: Record<string, string>, stamps: Record<string, FileStamp>): OutputRecord {
  return {
    fingerprint: 'f',
    files,
    posts: {},
    diagnostics: [],
    feeds: {},
    stamps,
    pages: {},
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
async function writtenOutput(contents: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-output-'));
  const files: Record<string, string> = {};
  const stamps: Record<string, FileStamp> = {};
  for (const [file, content] of Object.entries(contents)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
    await utimes(path.join(dir, file), WRITTEN_AT, WRITTEN_AT);
    files[file] = sha256Hex(content);
    const info = statSync(path.join(dir, file));
    stamps[file] = { size: info.size, mtimeMs: info.mtimeMs };
  }
  await writeFile(
    path.join(dir, MANIFEST_FILE),
    formatManifest({ generator: 'feedwright', files }),
  );
  return { dir, record: recordOf(files, stamps) };
}

const CONTENTS = { 'rss.xml': '<rss/>', 'posts/a/index.html': '<p>a</p>' };

describe('outputMatches', () => {
  it('is true for an output folder as it was recorded', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    expect(await outputMatches(dir, record)).toBe(true);
  });

  it('is false when the manifest lists other files or digests than the record', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    expect(
      await outputMatches(dir, {
        ...record,
        files: { ...record.files, 'rss.xml': sha256Hex('x') },
      }),
    ).toBe(false);
    expect(
      await outputMatches(dir, { ...record, files: { ...record.files, 'atom.xml': 'd' } }),
    ).toBe(false);
  });

  it('is false when the manifest is missing or is not a feedwright manifest', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    await writeFile(path.join(dir, MANIFEST_FILE), '{"generator":"other","files":{}}');
    expect(await outputMatches(dir, record)).toBe(false);
    await rm(path.join(dir, MANIFEST_FILE));
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it('is false for an output folder that does not exist', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    expect(await outputMatches(path.join(dir, 'elsewhere'), record)).toBe(false);
  });

  it('is false when a recorded file is missing', async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    await rm(path.join(dir, 'posts/a/index.html'));
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it("is false when a file's size changed", async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    const file = path.join(dir, 'rss.xml');
    await writeFile(file, '<rss></rss>');
    await utimes(file, WRITTEN_AT, WRITTEN_AT);
    expect(statSync(file).mtimeMs).toBe(record.stamps['rss.xml']?.mtimeMs);
    expect(await outputMatches(dir, record)).toBe(false);
  });

  it("is false when a file's mtime changed, though its bytes did not", async () => {
    const { dir, record } = await writtenOutput(CONTENTS);
    const later = new Date('2030-01-01T00:00:00Z');
    await utimes(path.join(dir, 'rss.xml'), later, later);
    expect(await outputMatches(dir, record)).toBe(false);
  });
});
