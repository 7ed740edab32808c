import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cacheKey, hashBytes } from '../../../src/hash.js';
import { BuildCache, type KnownImage } from '../../../src/incremental/build-cache.js';
import { SHARDS, shardOf } from '../../../src/incremental/cache-file.js';
import type { KnownInput } from '../../../src/incremental/input-identities.js';
import type { HeadRecord, ItemShelf, ItemXml, PostRef, Story } from '../../../src/model.js';
import { isStored, removeHtmlStore, storeHtml, storyText } from '../../../src/stored-html.js';
import { asMap } from '../../helpers/maps.js';
import { itemXml, takenKeysOf, xmlText } from '../../helpers/model.js';

const entry: HeadRecord & { ref: NonNullable<HeadRecord['ref']> } = {
  sourcePath: 'a.md',
  size: 10,
  mtimeMs: 1,
  headHash: 'h',
  diagnostics: [],
  ref: {
    sourcePath: 'a.md',
    date: new Date('2026-01-01T00:00:00Z'),
    slug: 'a',
    language: 'en',
    categories: ['X'],
    tags: ['T'],
    authors: [{ name: 'Jane Doe', key: 'jdoe' }],
    feed: 'summary',
    expires: new Date('2026-02-01T00:00:00Z'),
    draft: false,
    url: 'https://example.com/posts/a/',
    pagePath: 'posts/a/index.html',
  },
};

/** A published post's story, with its HTML. */
function story(slug: string, contentHtml: Story['contentHtml'] = `<p>${slug}</p>`): Story {
  return {
    post: {
      ...entry.ref,
      sourcePath: `${slug}.md`,
      slug,
      title: slug.toUpperCase(),
      tags: [],
      authors: [],
      url: `https://example.com/posts/${slug}/`,
      pagePath: `posts/${slug}/index.html`,
    },
    size: 10,
    mtimeMs: 1,
    headHash: `h-${slug}`,
    bodyHash: `b-${slug}`,
    summary: `summary of ${slug}`,
    summaryKey: hashBytes(`summary of ${slug}`),
    contentHtml,
    diagnostics: [],
  };
}

/** The story of `entry`'s post, made from the same front matter. */
const entryStory: Story = {
  ...story('a'),
  headHash: entry.headHash,
  post: { ...entry.ref, title: 'A' },
};

/** The head a story was made from: what the cache takes its post's head fields from. */
function headOf(sourcePath: string, s: Story): HeadRecord {
  const { post } = s;
  const ref: PostRef = {
    sourcePath: post.sourcePath,
    date: post.date,
    slug: post.slug,
    language: post.language,
    categories: post.categories,
    tags: post.tags,
    authors: post.authors,
    draft: post.draft,
    url: post.url,
    ...(post.feed ? { feed: post.feed } : {}),
    ...(post.expires ? { expires: post.expires } : {}),
    ...(post.pagePath ? { pagePath: post.pagePath } : {}),
  };
  return {
    sourcePath,
    size: s.size,
    mtimeMs: s.mtimeMs,
    headHash: s.headHash,
    diagnostics: [],
    ref,
  };
}

/** Sets `s` as the story of `sourcePath`, with the head it was made from. */
function put(cache: BuildCache, sourcePath: string, s: Story): Promise<void> {
  cache.setFile(headOf(sourcePath, s));
  return cache.setStory(sourcePath, s);
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function file() {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-cache-'));
  dirs.push(dir);
  return path.join(dir, 'cache.bin');
}

/** `s` with its summary as text: a story read back holds where its summary is kept. */
function withSummaryText(s: Story | undefined): Story | undefined {
  return s && { ...s, summary: storyText(s.summary) };
}

/** The stories a cache at `f` holds when opened afresh, their summaries read as text. */
async function storiesAt(f: string, key = 'k'): Promise<Map<string, Story>> {
  const stories = await (await BuildCache.open(f, key)).cache.stories();
  return new Map([...stories].map(([p, s]) => [p, withSummaryText(s) as Story]));
}

/** The files in the folder of the cache at `f`, each summaries file's hash as `*`. */
async function filesBeside(f: string): Promise<string[]> {
  const names = await readdir(path.dirname(f));
  return names.map((name) => name.replace(/\.summaries-[\w-]+\.txt$/, '.summaries-*.txt')).sort();
}

describe('BuildCache', () => {
  it('round-trips entries and stories, dates included: the index, the head’s shard and the story’s', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    cache.setFile(entry);
    await cache.setStory('a.md', entryStory);
    await cache.save({ published: new Set(['a.md']), html: new Set(['a.md']) });
    const k = shardOf('a.md');
    expect(await filesBeside(f)).toEqual(
      [
        'cache.bin',
        `cache.heads-${k}.bin`,
        `cache.stories-${k}.bin`,
        `cache.stories-${k}.summaries-*.txt`,
      ].sort(),
    );
    const { cache: again, problem } = await BuildCache.open(f, 'k');
    expect(problem).toBeUndefined();
    expect(again.files.get('a.md')).toEqual(entry);
    const stories = await again.stories();
    expect([...stories.keys()]).toEqual(['a.md']);
    expect(withSummaryText(stories.get('a.md'))).toEqual(entryStory);
    expect(stories.get('a.md')?.post.date).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('opens from the bytes readAhead started reading, as from its own reading', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    cache.setFile(entry);
    await cache.setStory('a.md', entryStory);
    await cache.save({ published: new Set(['a.md']), html: new Set(['a.md']) });
    const ahead = BuildCache.readAhead(f);
    expect(ahead.heads).toHaveLength(SHARDS);
    const { cache: again, problem } = await BuildCache.open(f, 'k', undefined, ahead);
    expect(problem).toBeUndefined();
    expect(again.files.get('a.md')).toEqual(entry);
    expect(withSummaryText((await again.stories()).get('a.md'))).toEqual(entryStory);
    // Bytes read ahead of another key's cache, or of none, open as they would have.
    const other = await BuildCache.open(f, 'other', undefined, BuildCache.readAhead(f));
    expect(other.problem).toMatch(/config or feedwright changed/);
    const none = await BuildCache.open(
      `${f}.none`,
      'k',
      undefined,
      BuildCache.readAhead(`${f}.none`),
    );
    expect([none.problem, none.cache.hasFiles]).toEqual([undefined, false]);
  });

  it('reads its typed arrays into memory of their own, so they keep no file they were read from alive', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    const stamps = { paths: ['index.html', 'rss.xml'], stamps: Float64Array.of(1, 2, 3, 4) };
    cache.setOutput({
      fingerprint: 'f',
      files: new Map(),
      diagnostics: [],
      keys: new Map(),
      stamps,
      folders: { paths: [], stamps: new Float64Array(0) },
      nextDue: Number.POSITIVE_INFINITY,
      selection: '[]',
      outputKey: 'o',
      published: 0,
      summaries: [],
    });
    cache.setFile(entry);
    await cache.save();
    const { cache: again } = await BuildCache.open(f, 'k');
    const read = again.output?.stamps.stamps as Float64Array;
    expect([...read]).toEqual([1, 2, 3, 4]);
    // A view into the file's bytes would have a buffer the size of the whole file.
    expect(read.buffer.byteLength).toBe(read.byteLength);
    const size = (await stat(f)).size;
    expect(size).toBeGreaterThan(read.byteLength);
    // The head columns, read the same way, still give the file's record.
    expect(again.files.get('a.md')).toEqual(entry);
  });

  it('keeps each summary once, in a file of its own beside its shard, and reads back where it is, not its text', async () => {
    const f = await file();
    const writers = 'The writer’s own summary — kept once. '.repeat(40);
    const own = story('a');
    own.post.summary = writers;
    own.summary = writers;
    own.summaryKey = hashBytes(writers);
    const { cache } = await BuildCache.open(f, 'k');
    await put(cache, 'a.md', own);
    await put(cache, 'b.md', { ...story('b'), summary: '', summaryKey: hashBytes('') });
    await cache.save();
    const shard = f.replace(/\.bin$/, `.stories-${shardOf('a.md')}.bin`);
    // Neither the story nor its post keeps the text in the shard, in whatever encoding.
    const bytes = await readFile(shard);
    for (const encoding of ['utf8', 'utf16le', 'latin1'] as const)
      expect(bytes.includes(Buffer.from('kept once', encoding))).toBe(false);
    const names = (await readdir(path.dirname(f))).filter((n) => n.includes('.summaries-'));
    const texts = await Promise.all(
      names.map((n) => readFile(path.join(path.dirname(f), n), 'utf8')),
    );
    expect(texts.join('').split('kept once')).toHaveLength(41);
    const read = (await (await BuildCache.open(f, 'k')).cache.stories()).get('a.md');
    const summary = read?.summary;
    expect(summary !== undefined && isStored(summary)).toBe(true);
    expect(summary).toMatchObject({ bytes: Buffer.byteLength(writers), key: own.summaryKey });
    expect(storyText(summary ?? '')).toBe(writers);
    // The post's own (the front matter's) is not kept: its story's is the one shown.
    expect(read?.post.summary).toBeUndefined();
    expect(withSummaryText(read)).toEqual({ ...own, post: { ...own.post, summary: undefined } });
    expect((await storiesAt(f)).get('b.md')?.summary).toBe('');
  });

  it('refuses a summary whose bytes are no longer the ones kept, and loses a shard whose summaries are gone', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    for (const slug of ['a', 'b']) await put(cache, `${slug}.md`, story(slug));
    await cache.save();
    const summariesOf = async (sourcePath: string) => {
      const prefix = `cache.stories-${shardOf(sourcePath)}.summaries-`;
      const name = (await readdir(path.dirname(f))).find((n) => n.startsWith(prefix));
      return path.join(path.dirname(f), name as string);
    };
    const { cache: opened } = await BuildCache.open(f, 'k');
    const a = (await opened.stories()).get('a.md');
    const text = await readFile(await summariesOf('a.md'), 'utf8');
    await writeFile(await summariesOf('a.md'), text.replace('summary of a', 'summary of A'));
    expect(() => storyText(a?.summary ?? '')).toThrow(/not those stored there.*build again/);

    await rm(await summariesOf('a.md'));
    const left = await storiesAt(f);
    expect(left.has('a.md')).toBe(false);
    if (shardOf('b.md') !== shardOf('a.md')) expect(left.get('b.md')).toEqual(story('b'));
  });

  it('writes a shard’s summaries again only with the shard, and lets go of those no shard names', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    await put(cache, 'a.md', story('a'));
    await cache.save();
    const summaries = async () =>
      (await readdir(path.dirname(f))).filter((n) => n.includes('.summaries-')).sort();
    const first = await summaries();
    expect(first).toHaveLength(1);
    // The same stories again: the same file, its name its bytes' hash.
    const { cache: same } = await BuildCache.open(f, 'k');
    await put(same, 'a.md', story('a'));
    await same.save();
    expect(await summaries()).toEqual(first);
    // Another summary: a file of other bytes; the last one marked as let go now, not removed (a
    // build that read the shard before may still read it: see sweepSummaries).
    const old = path.join(path.dirname(f), first[0] as string);
    const longAgo = new Date(Date.now() - 3600_000);
    await utimes(old, longAgo, longAgo);
    const { cache: next } = await BuildCache.open(f, 'k');
    await put(next, 'a.md', {
      ...story('a'),
      summary: 'Another.',
      summaryKey: hashBytes('Another.'),
    });
    const saved = Date.now();
    await next.save();
    const second = await summaries();
    expect(second).toHaveLength(2);
    expect(second).toContain(first[0]);
    expect((await stat(old)).mtimeMs).toBeGreaterThanOrEqual(saved - 1000);
    expect((await storiesAt(f)).get('a.md')?.summary).toBe('Another.');
  });

  it('keeps no head field in a story’s file: its post takes them back from its file’s head', async () => {
    const f = await file();
    const tagged = story('a');
    tagged.post.tags = ['A-tag-only-the-head-holds'];
    tagged.post.categories = ['A-category-only-the-head-holds'];
    // A byline resolved to its profile: more than the index keeps of it.
    tagged.post.authors = [
      { name: 'Jane Doe', key: 'jdoe', email: 'jane@example.com', url: 'https://example.com/jane' },
    ];
    const { cache } = await BuildCache.open(f, 'k');
    await put(cache, 'a.md', tagged);
    await cache.save();
    const shard = await readFile(f.replace(/\.bin$/, `.stories-${shardOf('a.md')}.bin`));
    expect(shard.includes('only-the-head-holds')).toBe(false);
    expect(shard.includes('https://example.com/posts/a/')).toBe(false);
    expect(shard.includes('A')).toBe(true); // its title
    const read = await storiesAt(f);
    expect(read.get('a.md')).toEqual(tagged);
    // The very arrays of its head: one copy of each post's names.
    const { cache: again } = await BuildCache.open(f, 'k');
    const head = again.files.get('a.md');
    expect((await again.stories()).get('a.md')?.post.tags).toBe(head?.ref?.tags);
  });

  it('drops, when read, a story whose front matter is not its file’s, or whose file is gone, and writes its shard again', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    for (const slug of ['a', 'b', 'c']) await put(cache, `${slug}.md`, story(slug));
    await cache.save();
    const { cache: next } = await BuildCache.open(f, 'k');
    next.setFile({ ...headOf('a.md', story('a')), headHash: 'edited' });
    next.keepOnly(new Set(['a.md', 'c.md']));
    expect([...(await next.stories()).keys()]).toEqual(['c.md']);
    await next.save();
    // The shards that held a and b were written again without them; the index knows a's new head.
    const { cache: last } = await BuildCache.open(f, 'k');
    last.setFile(headOf('a.md', story('a')));
    last.setFile(headOf('b.md', story('b')));
    expect([...(await last.stories()).keys()]).toEqual(['c.md']);
  });

  it('writes no stories file while no story was set', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    cache.setFile(entry);
    await cache.save({ published: new Set(), html: new Set() });
    expect((await readdir(path.dirname(f))).sort()).toEqual(
      ['cache.bin', `cache.heads-${shardOf('a.md')}.bin`].sort(),
    );
  });

  it('after a full build keeps the stories of published posts only, and HTML only where told', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    for (const slug of ['a', 'b', 'c']) await put(cache, `${slug}.md`, story(slug));
    await cache.save();
    // A failed build (no `keep`) keeps everything.
    expect([...(await storiesAt(f)).keys()].sort()).toEqual(['a.md', 'b.md', 'c.md']);

    const { cache: next } = await BuildCache.open(f, 'k');
    await next.stories();
    await next.save({ published: new Set(['a.md', 'b.md']), html: new Set(['a.md']) });
    const kept = await storiesAt(f);
    expect([...kept.keys()].sort()).toEqual(['a.md', 'b.md']);
    expect(kept.get('a.md')).toEqual(story('a'));
    const { contentHtml: _, ...withoutHtml } = story('b');
    expect(kept.get('b.md')).toEqual(withoutHtml);
    expect(Object.hasOwn(kept.get('b.md') ?? {}, 'contentHtml')).toBe(false);
  });

  it('never keeps HTML put aside on disk for a build: reads back what it keeps, drops the rest', async () => {
    const f = await file();
    const store = path.join(path.dirname(f), 'html');
    await mkdir(store);
    const stored = (slug: string) => story(slug, storeHtml(store, `<p>“${slug}” été</p>`));
    const { cache } = await BuildCache.open(f, 'k');
    for (const slug of ['a', 'b']) await put(cache, `${slug}.md`, stored(slug));
    await put(cache, 'c.md', story('c'));
    // A failed build: stored HTML is dropped (rendered again when needed), HTML as text kept.
    await cache.save();
    const failed = await storiesAt(f);
    expect(Object.hasOwn(failed.get('a.md') ?? {}, 'contentHtml')).toBe(false);
    expect(failed.get('c.md')).toEqual(story('c'));

    const { cache: next } = await BuildCache.open(f, 'k');
    for (const slug of ['a', 'b']) await put(next, `${slug}.md`, stored(slug));
    await next.save({ published: new Set(['a.md', 'b.md']), html: new Set(['a.md']) });
    removeHtmlStore(store); // the build is over: its folder is gone
    const kept = await storiesAt(f);
    expect(kept.get('a.md')).toEqual(story('a', '<p>“a” été</p>'));
    expect(Object.hasOwn(kept.get('b.md') ?? {}, 'contentHtml')).toBe(false);
  });

  it('ignores stories saved under another key', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k1');
    await put(cache, 'a.md', story('a'));
    await cache.save();
    expect((await storiesAt(f, 'k1')).size).toBe(1);
    // The index and the stories file are for another key.
    expect((await storiesAt(f, 'k2')).size).toBe(0);
  });

  it('reads the stories file only when asked, and discards it when corrupt', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    cache.setFile(entry);
    await cache.setStory('a.md', entryStory);
    await cache.save();
    const storiesFile = f.replace(/\.bin$/, `.stories-${shardOf('a.md')}.bin`);
    const { cache: opened } = await BuildCache.open(f, 'k');
    const bytes = await readFile(storiesFile);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(storiesFile, bytes);
    // Opened before the damage, read after it: the checksum catches it.
    expect((await opened.stories()).size).toBe(0);
    expect(opened.files.get('a.md')).toEqual(entry);
  });

  it('writes again only the story files holding a story that changed; a damaged one loses only its own', async () => {
    const f = await file();
    const paths = Array.from({ length: 200 }, (_, i) => `posts/${i}.md`);
    const { cache } = await BuildCache.open(f, 'k');
    const at = (p: string, slug: string): Story => {
      const s = story(slug);
      return { ...s, post: { ...s.post, sourcePath: p } };
    };
    for (const p of paths) await put(cache, p, at(p, 'a'));
    await cache.save();
    const shards = new Set(paths.map(shardOf));
    expect(shards.size).toBe(SHARDS);
    const shardPath = (k: number) => f.replace(/\.bin$/, `.stories-${k}.bin`);
    const before = new Map(
      await Promise.all([...shards].map(async (k) => [k, await readFile(shardPath(k))] as const)),
    );

    const { cache: next } = await BuildCache.open(f, 'k');
    await put(next, 'posts/7.md', at('posts/7.md', 'b'));
    await next.save({ published: new Set(paths), html: new Set(paths) });
    for (const k of shards) {
      const same = (await readFile(shardPath(k))).equals(before.get(k) as Buffer);
      expect(same, `shard ${k}`).toBe(k !== shardOf('posts/7.md'));
    }
    expect((await storiesAt(f)).get('posts/7.md')).toEqual(at('posts/7.md', 'b'));

    await writeFile(shardPath(shardOf('posts/7.md')), 'damaged');
    const left = await storiesAt(f);
    const lost = paths.filter((p) => shardOf(p) === shardOf('posts/7.md'));
    expect(left.size).toBe(paths.length - lost.length);
    for (const p of lost) expect(left.has(p)).toBe(false);
  });

  it("keeps the items' keys it is given in a file of their own, written only when they change", async () => {
    const f = await file();
    const keysFile = f.replace(/\.bin$/, '.item-keys.bin');
    const { cache } = await BuildCache.open(f, 'k');
    expect(cache.itemKeys().known('c')({ source: 'a.md', contentKey: 'ca' })).toBeUndefined();
    cache.setItemKeys('c', takenKeysOf([['a.md', 'ca', 'ka', 'pa']], 'p'));
    await cache.save();
    const { cache: next } = await BuildCache.open(f, 'k');
    expect(next.itemKeys().known('c')({ source: 'a.md', contentKey: 'ca' })).toBe('ka');
    expect(next.itemKeys().knownPages('c', 'p')({ source: 'a.md', contentKey: 'ca' })).toBe('pa');
    const written = await stat(keysFile);
    next.setItemKeys('c', takenKeysOf([['a.md', 'ca']], 'p'));
    await next.save();
    expect((await stat(keysFile)).mtimeMs).toBe(written.mtimeMs);
    next.setItemKeys('c', takenKeysOf([['a.md', 'ca2', 'ka2']], 'p'));
    await next.save();
    const { cache: third } = await BuildCache.open(f, 'k');
    expect(third.itemKeys().known('c')({ source: 'a.md', contentKey: 'ca2' })).toBe('ka2');
    // Another config or version of feedwright: none.
    const { cache: other } = await BuildCache.open(f, 'k2');
    expect(other.itemKeys().known('c')({ source: 'a.md', contentKey: 'ca2' })).toBeUndefined();
  });

  it('keeps the feed items it is given in a file of their own, written only when they change, read only when asked', async () => {
    const f = await file();
    const itemsFile = f.replace(/\.bin$/, '.items.bin');
    const entriesOf = (shelf: ItemShelf) =>
      new Map([...shelf.keys()].map((key) => [key, xmlText(shelf.get(key))]));
    const textsOf = (items: Map<string, ItemXml>) =>
      new Map([...items].map(([key, xml]) => [key, xmlText(xml)]));
    const items = new Map<string, ItemXml>([
      ['shown-a\u0000rss', itemXml('<item>a — “é”', '</item>')],
      ['shown-b\u0000atom', itemXml('<entry>b</entry>')],
    ]);
    const { cache } = await BuildCache.open(f, 'k');
    expect(cache.items().size).toBe(0);
    cache.setItems({ earlier: [], fresh: items });
    await cache.save();
    const { cache: next } = await BuildCache.open(f, 'k');
    expect(entriesOf(next.items())).toEqual(textsOf(items));
    const written = await stat(itemsFile);
    // Every one kept as it was, in whatever order: the file is left as it was.
    next.setItems({ earlier: ['shown-b\u0000atom', 'shown-a\u0000rss'], fresh: new Map() });
    await next.save();
    expect((await stat(itemsFile)).mtimeMs).toBe(written.mtimeMs);
    // One kept (a key the shelf does not have is not), one written afresh.
    const c = itemXml('<item>c 😀', '</item>');
    next.setItems({
      earlier: ['shown-b\u0000atom', 'shown-z\u0000rss'],
      fresh: new Map([['shown-c\u0000rss', c]]),
    });
    await next.save();
    const after = new Map<string, ItemXml>([
      ['shown-b\u0000atom', itemXml('<entry>b</entry>')],
      ['shown-c\u0000rss', c],
    ]);
    expect(entriesOf(next.items())).toEqual(textsOf(after));
    expect(entriesOf((await BuildCache.open(f, 'k')).cache.items())).toEqual(textsOf(after));
    // Fewer than the shelf holds: written.
    const { cache: third } = await BuildCache.open(f, 'k');
    third.items();
    third.setItems({ earlier: ['shown-c\u0000rss'], fresh: new Map() });
    await third.save();
    expect(entriesOf((await BuildCache.open(f, 'k')).cache.items())).toEqual(
      new Map([['shown-c\u0000rss', xmlText(c)]]),
    );
    // Another key's, or a damaged file: none.
    expect((await BuildCache.open(f, 'k2')).cache.items().size).toBe(0);
    const bytes = await readFile(itemsFile);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(itemsFile, bytes);
    expect((await BuildCache.open(f, 'k')).cache.items().size).toBe(0);
  });

  /**
   * Records of one kind kept in the index (`set`, read back by `get`): saved and read back, the
   * index not written again for the same records (copies), written again when one changed,
   * forgetting one gone, and nothing under another key.
   */
  async function keptInIndex<V extends readonly unknown[]>(
    set: (cache: BuildCache, records: Map<string, V>) => void,
    get: (cache: BuildCache) => ReadonlyMap<string, V>,
    [a, b]: [[string, V], [string, V]],
    changed: V,
  ) {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    expect(get(cache).size).toBe(0);
    set(cache, new Map([a, b]));
    await cache.save();
    const { cache: next } = await BuildCache.open(f, 'k');
    expect([...get(next)]).toEqual([a, b]);
    const written = await stat(f);
    set(next, new Map([[a[0], structuredClone(a[1])], b]));
    await next.save();
    expect((await stat(f)).mtimeMs).toBe(written.mtimeMs);
    set(next, new Map([[a[0], changed], b]));
    await next.save();
    expect(get((await BuildCache.open(f, 'k')).cache).get(a[0])).toEqual(changed);
    set(next, new Map([[a[0], changed]]));
    await next.save();
    expect([...get((await BuildCache.open(f, 'k')).cache).keys()]).toEqual([a[0]]);
    expect(get((await BuildCache.open(f, 'k2')).cache).size).toBe(0);
  }

  it('keeps what it read of image files in its index, rewriting it only when that changed', async () => {
    const reading = { type: 'image/png', length: 120, width: 4, height: 3 };
    const png: KnownImage = [120, 1000.5, reading, 'a'.repeat(40)];
    const broken: KnownImage = [9, 2000, { problem: 'not an image' }, ''];
    await keptInIndex<KnownImage>(
      (cache, images) => cache.setImages(images),
      (cache) => cache.images,
      [
        ['/s/public/a.png', png],
        ['/s/public/b.gif', broken],
      ],
      [120, 1000.5, { ...reading, width: 5 }, png[3]],
    );
  });

  it('keeps the files besides the posts as last seen in its index, rewriting it only when they changed', async () => {
    const logo: KnownInput = [120, 1000.5, 'a'.repeat(40)];
    await keptInIndex<KnownInput>(
      (cache, inputs) => cache.setInputs(inputs),
      (cache) => cache.inputs,
      [
        ['/s/public/logo.png', logo],
        ['/s/posts/a/note.txt', [9, 2000, '']],
      ],
      [120, 1000.5, ''], // git no longer vouches for it
    );
  });

  it('removes the single stories file earlier builds wrote, once it saves its own', async () => {
    const f = await file();
    const legacy = f.replace(/\.bin$/, '.stories.bin');
    await writeFile(legacy, 'an earlier build’s stories');
    const { cache } = await BuildCache.open(f, 'k');
    await put(cache, 'a.md', story('a'));
    await cache.save();
    expect(await readdir(path.dirname(f))).not.toContain('cache.stories.bin');
  });

  it('keeps the output record’s diagnostics, saved again as read while the record stays', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    const diagnostics = [
      { severity: 'warning' as const, code: 'image-not-found', file: 'a.md', message: 'no image' },
    ];
    cache.setOutput({
      fingerprint: 'f',
      files: new Map([['rss.xml', 'd']]),
      diagnostics,
      keys: new Map([['rss.xml', 'k']]),
      stamps: { paths: ['rss.xml'], stamps: Float64Array.of(1, 2) },
      folders: { paths: [], stamps: new Float64Array(0) },
      nextDue: Number.POSITIVE_INFINITY,
      selection: '[]',
      outputKey: 'o',
      published: 1,
      summaries: [],
    });
    await cache.save();
    const { cache: next } = await BuildCache.open(f, 'k');
    next.setFile(entry);
    // Saved again as the text it was read as: never parsed, nor written out again.
    const parse = vi.spyOn(JSON, 'parse');
    const stringify = vi.spyOn(JSON, 'stringify');
    await next.save();
    expect(parse).not.toHaveBeenCalled();
    expect(stringify).not.toHaveBeenCalledWith(diagnostics);
    parse.mockRestore();
    stringify.mockRestore();
    const { cache: again } = await BuildCache.open(f, 'k');
    expect(again.output?.diagnostics).toEqual(diagnostics);
    expect(asMap(again.output?.files)).toEqual(new Map([['rss.xml', 'd']]));
    expect(again.files.get('a.md')).toEqual(entry);
  });

  it('tells the last output’s record as soon as its index is read, before the heads are', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, 'k');
    cache.setOutput({
      fingerprint: 'f',
      files: new Map([['rss.xml', 'd']]),
      diagnostics: [],
      keys: new Map([['rss.xml', 'k']]),
      stamps: { paths: ['rss.xml'], stamps: Float64Array.of(1, 2) },
      folders: { paths: [''], stamps: Float64Array.of(3, 4) },
      nextDue: Number.POSITIVE_INFINITY,
      selection: '[]',
      outputKey: 'o',
      published: 1,
      summaries: [],
    });
    cache.setFile(entry);
    await cache.save();
    // Its heads shard unreadable: the record is told all the same, and is the one the cache keeps.
    const heads = (await readdir(path.dirname(f))).filter((name) => name.includes('.heads-'));
    expect(heads).toHaveLength(1);
    await writeFile(path.join(path.dirname(f), heads[0] as string), 'not a cache file');
    const told: unknown[] = [];
    const { cache: again } = await BuildCache.open(f, 'k', (output) => told.push(output));
    expect(told).toHaveLength(1);
    expect(told[0]).toBe(again.output);
    expect(again.output?.stamps.paths).toEqual(['rss.xml']);
    expect(again.files.size).toBe(0);
    // Nothing to tell: another key, or no output recorded.
    await BuildCache.open(f, 'other', (output) => told.push(output));
    const bare = await file();
    await (await BuildCache.open(bare, 'k')).cache.save();
    await BuildCache.open(bare, 'k', (output) => told.push(output));
    expect(told).toHaveLength(1);
  });

  it('writes again only the heads shards holding a head that changed or was forgotten, and the index', async () => {
    const f = await file();
    const paths = Array.from({ length: 200 }, (_, i) => `posts/${i}.md`);
    const { cache } = await BuildCache.open(f, 'k');
    for (const p of paths) cache.setFile({ ...entry, sourcePath: p });
    cache.setCollisionFree(true);
    await cache.save();
    const shardPath = (k: number) => f.replace(/\.bin$/, `.heads-${k}.bin`);
    const read = async () =>
      new Map(
        await Promise.all(
          Array.from(
            { length: SHARDS },
            async (_, k) => [k, await readFile(shardPath(k))] as const,
          ),
        ),
      );
    const before = await read();
    const index = await readFile(f);

    const { cache: next } = await BuildCache.open(f, 'k');
    next.setFile({ ...entry, sourcePath: 'posts/7.md', size: 99 });
    next.keepOnly(new Set(paths.filter((p) => p !== 'posts/8.md')));
    await next.save();
    const after = await read();
    for (let k = 0; k < SHARDS; k++) {
      const same = after.get(k)?.equals(before.get(k) as Buffer);
      expect(same, `shard ${k}`).toBe(k !== shardOf('posts/7.md') && k !== shardOf('posts/8.md'));
    }
    expect((await readFile(f)).equals(index)).toBe(false);
    const { cache: again } = await BuildCache.open(f, 'k');
    expect(again.files.size).toBe(199);
    expect(again.files.get('posts/7.md')?.size).toBe(99);
    expect(again.files.get('posts/8.md')).toBeUndefined();
    expect(again.collisionFree).toBe(true);
    // Nothing changed: nothing written.
    const saved = await stat(f);
    await again.save();
    expect((await stat(f)).mtimeMs).toBe(saved.mtimeMs);
  });

  it('forgets the heads of a shard that is missing, damaged, or not the one its index was saved with, and checks collisions again', async () => {
    const f = await file();
    const paths = Array.from({ length: 64 }, (_, i) => `posts/${i}.md`);
    const save = async (size: number) => {
      const { cache } = await BuildCache.open(f, 'k');
      for (const p of paths) cache.setFile({ ...entry, sourcePath: p, size });
      cache.setCollisionFree(true);
      await cache.save();
    };
    await save(1);
    const k = shardOf('posts/7.md');
    const shard = f.replace(/\.bin$/, `.heads-${k}.bin`);
    const first = await readFile(shard);
    await save(2);
    const kept = (cache: BuildCache) => paths.filter((p) => cache.files.has(p));
    const inShard = paths.filter((p) => shardOf(p) === k);

    // A shard of an earlier writing, as a build that stopped before saving its index leaves it.
    await writeFile(shard, first);
    const { cache: stale } = await BuildCache.open(f, 'k');
    expect(stale.collisionFree).toBe(false);
    expect(kept(stale)).toEqual(paths.filter((p) => !inShard.includes(p)));
    const other = paths.find((p) => !inShard.includes(p)) as string;
    expect(stale.files.get(other)?.size).toBe(2);

    await writeFile(shard, 'damaged');
    expect(kept((await BuildCache.open(f, 'k')).cache)).toHaveLength(paths.length - inShard.length);
    await rm(shard);
    const { cache: missing } = await BuildCache.open(f, 'k');
    expect(missing.collisionFree).toBe(false);
    // Saved, even with no head set: the lost shard is written again (here empty) and the index
    // names it, so the next build trusts the cache again.
    missing.setCollisionFree(true);
    await missing.save();
    const { cache: whole } = await BuildCache.open(f, 'k');
    expect(whole.collisionFree).toBe(true);
    expect(kept(whole)).toHaveLength(paths.length - inShard.length);
  });

  it('starts empty when feedwright or the config changed (a different key)', async () => {
    const f = await file();
    const { cache } = await BuildCache.open(f, cacheKey([{ title: 'a' }, 'code-1']));
    cache.setFile(entry);
    await cache.save();
    const { cache: again, problem } = await BuildCache.open(
      f,
      cacheKey([{ title: 'a' }, 'code-2']),
    );
    expect(problem).toMatch(/changed/);
    expect(again.files.size).toBe(0);
  });

  it('discards a file that is not a cache, or whose checksum fails', async () => {
    const f = await file();
    await writeFile(f, 'not a cache at all');
    expect((await BuildCache.open(f, 'k')).problem).toMatch(/corrupt/);
  });

  it("says so when the cache is another version's", async () => {
    const f = await file();
    await writeFile(f, 'feedwright-cache-4\nwhatever followed');
    const { cache, problem } = await BuildCache.open(f, 'k');
    expect(problem).toBe('the build cache is from another version of feedwright: starting afresh');
    expect(cache.files.size).toBe(0);
  });

  it('forgets files that are gone', () => {
    const cache = BuildCache.none('k');
    cache.setFile(entry);
    cache.keepOnly(new Set());
    expect(cache.files.size).toBe(0);
  });
});
