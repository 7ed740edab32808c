import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCollisions } from '../../../src/derive/collisions.js';
import { continuityRecords } from '../../../src/derive/continuity-records.js';
import { feedSummary, itemContextKey, siteDocument } from '../../../src/derive/feed-documents.js';
import { planSite } from '../../../src/derive/plan-feeds.js';
import type { Diagnostic } from '../../../src/diagnostics.js';

import { cacheKey, gitBlobId, hashBytes } from '../../../src/hash.js';
import { BuildCache } from '../../../src/incremental/build-cache.js';
import { codeFingerprint } from '../../../src/incremental/code-fingerprint.js';
import {
  Incremental,
  type IncrementalOptions,
  type StaleHead,
  type StoryJob,
  viewOf,
} from '../../../src/incremental/incremental.js';
import { discoverPosts } from '../../../src/load/discover-posts.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import type {
  FeedItem,
  FileAt,
  HeadRecord,
  ImageReading,
  OutputStamps,
  PostRef,
  SeenAt,
  SiteConfig,
  SiteDocument,
  Story,
} from '../../../src/model.js';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { readHeads } from '../../../src/pipeline/read-heads.js';
import { renderBodies } from '../../../src/pipeline/render-bodies.js';
import { summaryKey } from '../../../src/render/item-key.js';
import { NAV_CATEGORIES } from '../../../src/render/pages/category-lists.js';
import { pagePlans, takenPageKeys } from '../../../src/render/pages/render-pages.js';
import { renderSite, siteOutputs, withKnownKeys } from '../../../src/render/render-site.js';
import { isStored, removeHtmlStore, storyText } from '../../../src/stored-html.js';
import { writeOutput } from '../../../src/write/write-output.js';
import { asMap } from '../../helpers/maps.js';
import { siteConfig, xmlText } from '../../helpers/model.js';
import { hashTree, makeSite, postText } from '../../helpers/site.js';

const config = siteConfig();
/**
 * One story per feed and per listing page, archives of three: most posts are in no feed. The
 * archives show excerpts (the default), so only the subscription documents and the posts' own
 * pages show HTML; with `fullArchives` the archives show it too.
 */
const small = siteConfig({ limit: 1, archiveSize: 3 });
const fullArchives = siteConfig({ limit: 1, archiveSize: 3, archiveContent: 'full' });
const NOW = new Date('2026-05-01T12:00:00Z');

/** Post `n`, dated January `n` (in the site's zone), in category News unless told otherwise. */
function post(n: number, front: Record<string, unknown> = {}, body = `Body ${n}.\n`): string {
  return postText(
    { title: `Post ${n}`, date: `2026-01-0${n}`, categories: ['News'], ...front },
    body,
  );
}

// Every file gets an mtime of its own, set exactly: no test depends on the clock's resolution.
let clock = Date.parse('2026-02-01T00:00:00Z');

/** A site on disk, its posts written with `post`, and its posts, output and cache folders. */
async function siteWith(posts: Record<string, string>, siteConfigured: SiteConfig = config) {
  const dir = await makeSite({});
  const site = {
    dir,
    config: siteConfigured,
    postsDir: path.join(dir, 'posts'),
    outDir: path.join(dir, 'dist'),
    cacheDir: path.join(dir, 'cache'),
    /** The post files, as discovery lists them. */
    files: () => discoverPosts(path.join(dir, 'posts'), 'posts').files,
    /** Writes a post (or only touches it, without `text`), giving it a new mtime. */
    async write(file: string, text?: string) {
      const target = path.join(dir, 'posts', file);
      if (text !== undefined) await writeFile(target, text);
      clock += 60_000;
      await utimes(target, new Date(clock), new Date(clock));
    },
    remove: (file: string) => rm(path.join(dir, 'posts', file)),
  };
  for (const [file, text] of Object.entries(posts)) await site.write(file, text);
  return site;
}

type Site = Awaited<ReturnType<typeof siteWith>>;

/** A site of `n` posts, p1.md … pn.md. */
function siteOf(n: number, siteConfigured: SiteConfig = config) {
  return siteWith(
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i + 1}.md`, post(i + 1)])),
    siteConfigured,
  );
}

function open(site: Site, options: Partial<IncrementalOptions> = {}): Promise<Incremental> {
  return Incremental.open({
    cacheDir: site.cacheDir,
    postsDir: site.postsDir,
    outDir: site.outDir,
    config: site.config,
    assets: [],
    selection: {},
    write: true,
    ...options,
  });
}

/**
 * The real stages, wrapped to record what they were asked to do; with `summariesIn`, a cold
 * build's threads put their stories' HTML and summaries aside there, as a large one does.
 */
function stagesFor(site: Site, whole = false, summariesIn?: string) {
  const job = (sourcePath: string) => ({
    sourcePath,
    file: path.join(site.postsDir, sourcePath),
    display: `posts/${sourcePath}`,
  });
  const calls = { read: [] as string[][], render: [] as StoryJob[][], withBodies: [] as boolean[] };
  return {
    calls,
    // With `whole`, whole files are read when asked (a cold build), as `build.ts` does.
    read: (stale: StaleHead[], withBodies = false) => {
      calls.read.push(stale.map((head) => head.sourcePath));
      calls.withBodies.push(withBodies);
      const jobs = stale.map((head) => ({ ...head, ...job(head.sourcePath) }));
      const aside = summariesIn ? { storeHtmlIn: summariesIn, storeSummary: true as const } : {};
      return readHeads(
        whole && withBodies ? jobs.map((j) => ({ ...j, withBody: true as const, ...aside })) : jobs,
        site.config,
      );
    },
    render: (stale: StoryJob[]) => {
      calls.render.push(stale);
      return renderBodies(
        stale.map((s) => ({ ...s, ...job(s.sourcePath) })),
        site.config,
      );
    },
  };
}

const refsOf = (heads: readonly HeadRecord[]) => heads.flatMap((h) => (h.ref ? [h.ref] : []));
const display = (ref: PostRef) => `posts/${ref.sourcePath}`;
const sources = (refs: readonly PostRef[]) => refs.map((ref) => ref.sourcePath);

/**
 * The steps of a build up to the stories, as `build.ts` runs them: heads, collisions, plan,
 * stories. `check` stands in for the collision check when given.
 */
async function readAndRender(
  cache: Incremental,
  site: Site,
  options: {
    now?: Date;
    check?: () => Diagnostic[];
    selection?: IncrementalOptions['selection'];
    /** Read whole files when the cache asks for it (a cold build). */
    whole?: boolean;
    /** Where a cold build's threads put stories' HTML and summaries aside (see `stagesFor`). */
    summariesIn?: string;
  } = {},
) {
  const stages = stagesFor(site, options.whole, options.summariesIn);
  const files = site.files();
  const heads = await cache.heads(files, stages.read);
  const refs = refsOf(heads.heads);
  let checked = 0;
  const collisions = cache.collisions(() => {
    checked++;
    return options.check ? options.check() : findCollisions(refs, display);
  });
  const plan = planSite(refs, site.config, { now: options.now ?? NOW, ...options.selection });
  const stories = await cache.readStories(plan.published, stages.render);
  /** A published post's ref, by its file. */
  const ref = (sourcePath: string) => {
    const found = plan.published.find((r) => r.sourcePath === sourcePath);
    if (!found) throw new Error(`${sourcePath} is not published`);
    return found;
  };
  return { stages, heads, checked, collisions, plan, stories, ref };
}

type Run = Awaited<ReturnType<typeof readAndRender>>;

/**
 * The rest of a build after the stories, as `build.ts` runs it: what may be carried over, the
 * bodies the outputs to write again need, render, write (with the manifest's records), record,
 * save.
 */
async function renderAndWrite(cache: Incremental, site: Site, run: Run) {
  const reuse = await cache.reuse();
  const known = cache.itemKeys(itemContextKey(run.plan, site.config));
  const keyed = siteOutputs(
    withKnownKeys(siteDocument(run.plan, site.config, run.stories.view), known),
    cache.pageKeys,
  );
  const stale = keyed.filter((output) => !reuse.kept(output.paths, output.key));
  const needed = new Set(stale.flatMap((output) => output.needs));
  const renderedBefore = run.stages.calls.render.length;
  const fetched = await cache.contentFor(keyed, reuse, run.stages.render);
  expect(fetched.diagnostics).toEqual([]);
  const content = run.stages.calls.render.slice(renderedBefore);
  expect(fetched.more).toBe(content.length > 0);
  const doc = siteDocument(run.plan, site.config, run.stories.view);
  const output = renderSite(doc, reuse);
  const written = await writeOutput(site.outDir, output.files, {
    ...(cache.outputStamps
      ? {
          stamps: cache.outputStamps.files,
          folders: cache.outputStamps.folders,
          ...(cache.outputStamps.manifest ? { manifest: cache.outputStamps.manifest } : {}),
        }
      : {}),
    record: continuityRecords(doc, run.plan.nextDue),
  });
  const summaries = doc.feeds.map(feedSummary);
  const items = output.items;
  cache.record(written, {
    plan: run.plan,
    summaries,
    keys: output.keys,
    ...(items ? { items } : {}),
    ...(output.itemKeys ? { itemKeys: output.itemKeys } : {}),
  });
  await cache.save(run.plan);
  return { keyed, stale, needed, content, doc, output, written, summaries };
}

/**
 * A whole build that writes its output and records it, then saves the cache: what the next
 * build finds. Returns what went into it and the write result.
 */
async function buildOnce(
  site: Site,
  options: Partial<IncrementalOptions> & { now?: Date; whole?: boolean; summariesIn?: string } = {},
) {
  const { now = NOW, whole = false, summariesIn, ...incOptions } = options;
  const cache = await open(site, incOptions);
  expect(await cache.upToDate(site.files(), now)).toBeUndefined();
  const run = await readAndRender(cache, site, {
    now,
    whole,
    ...(summariesIn ? { summariesIn } : {}),
    ...(incOptions.selection ? { selection: incOptions.selection } : {}),
  });
  expect(run.collisions).toEqual([]);
  return { ...run, ...(await renderAndWrite(cache, site, run)), cache };
}

/** Gives the output's manifest another mtime: the output is no longer the one recorded. */
async function touchManifest(site: Site): Promise<void> {
  const later = new Date(Date.now() + 60_000);
  await utimes(path.join(site.outDir, MANIFEST_FILE), later, later);
}

/** Re-opens the cache and runs the up-to-date check, as the next build would first. */
async function reopen(site: Site, options: Partial<IncrementalOptions> = {}, now = NOW) {
  const cache = await open(site, options);
  const upToDate = await cache.upToDate(site.files(), now);
  return { cache, upToDate };
}

/** `story` with its summary as text (read back, a story holds where its summary is kept). */
function withSummaryText(story: Story): Story {
  return { ...story, summary: storyText(story.summary) };
}

/** The stories the site's cache holds on disk, as the next build will find them. */
async function storedStories(site: Site): Promise<Map<string, Story>> {
  const names = await readdir(site.cacheDir);
  const index = names.filter((name) => /^build-[0-9a-f]{16}\.bin$/.test(name));
  expect(index).toHaveLength(1);
  const shard = (index[0] as string).replace(/\.bin$/, '.stories-');
  expect(names.some((name) => name.startsWith(shard))).toBe(true);
  const key = cacheKey([site.config, codeFingerprint()]);
  const { cache, problem } = await BuildCache.open(
    path.join(site.cacheDir, index[0] as string),
    key,
  );
  expect(problem).toBeUndefined();
  return cache.stories();
}

/** Which stored stories have their HTML. */
async function storedHtml(site: Site): Promise<string[]> {
  const stories = await storedStories(site);
  return [...stories]
    .filter(([, s]) => s.contentHtml !== undefined)
    .map(([p]) => p)
    .sort();
}

describe('Incremental', () => {
  describe('itemKeys', () => {
    it('gives the next build the keys of its items made of unchanged files, in the same context', async () => {
      const site = await siteOf(3);
      const first = await buildOnce(site);
      const keyOf = (doc: SiteDocument, source: string) =>
        summaryKey(doc.items.find((item) => item.source === source) as FeedItem);
      await site.write('p2.md', post(2, { title: 'Retitled' }));
      const cache = await open(site);
      const run = await readAndRender(cache, site);
      const context = itemContextKey(run.plan, site.config);
      const known = cache.itemKeys(context);
      const doc = siteDocument(run.plan, site.config, run.stories.view);
      const item = (source: string) => doc.items.find((i) => i.source === source) as FeedItem;
      // Unchanged files: the key the first build took, which is the key taken afresh.
      expect(known(item('p1.md'))).toBe(keyOf(first.doc, 'p1.md'));
      expect(known(item('p1.md'))).toBe(summaryKey(structuredClone(item('p1.md'))));
      expect(known(item('p3.md'))).toBe(keyOf(first.doc, 'p3.md'));
      // The changed file's item is keyed afresh.
      expect(known(item('p2.md'))).toBeUndefined();
      // In another context (a category more, say), none.
      expect(cache.itemKeys(`${context}!`)(item('p1.md'))).toBeUndefined();
    });

    it('gives the next build the keys of the pages of its items made of unchanged files, in the same contexts', async () => {
      const site = await siteOf(3);
      await buildOnce(site);
      await site.write('p2.md', post(2, { title: 'Retitled' }));
      const cache = await open(site);
      const run = await readAndRender(cache, site);
      const doc = siteDocument(run.plan, site.config, run.stories.view);
      const item = (source: string) => doc.items.find((i) => i.source === source) as FeedItem;
      // Taken afresh, to compare.
      const plans = pagePlans(doc);
      const fresh = new Map(plans.map((plan) => [plan.needs[0], plan.key]));
      const pageContext = takenPageKeys(doc, plans).context as string;
      // Not before the items' context is known.
      expect(cache.pageKeys(pageContext)(item('p1.md'))).toBeUndefined();
      const context = itemContextKey(run.plan, site.config);
      cache.itemKeys(context);
      const known = cache.pageKeys(pageContext);
      expect(known(item('p1.md'))).toBe(fresh.get('p1.md'));
      expect(known(item('p3.md'))).toBe(fresh.get('p3.md'));
      // The changed file's page is keyed afresh; in other page contexts, none.
      expect(known(item('p2.md'))).toBeUndefined();
      expect(cache.pageKeys(`${pageContext}!`)(item('p1.md'))).toBeUndefined();
      cache.itemKeys(`${context}!`);
      expect(cache.pageKeys(pageContext)(item('p1.md'))).toBeUndefined();
    });

    it('takes no page key of a page whose site changed around it, its item unchanged', async () => {
      // Eleven sections, the eleventh with the fewest stories: the navigation lists ten.
      const posts: Record<string, string> = {};
      const dated = (day: number) => `2026-01-${String(day).padStart(2, '0')}`;
      for (let c = 0; c < NAV_CATEGORIES + 1; c++)
        for (let k = 0; k < (c === NAV_CATEGORIES ? 1 : 2); k++)
          posts[`c${c}-${k}.md`] = post(1, { date: dated(1 + k), categories: [`C${c}`] });
      const site = await siteWith(posts);
      const first = await buildOnce(site);
      const firstPages = new Map(pagePlans(first.doc).map((plan) => [plan.needs[0], plan.key]));
      // Two stories more in the eleventh section: it is in the navigation now, on every page.
      const last = `C${NAV_CATEGORIES}`;
      for (const k of [1, 2])
        await site.write(
          `c${NAV_CATEGORIES}-${k}.md`,
          post(1, { date: dated(3), categories: [last] }),
        );
      const cache = await open(site);
      const run = await readAndRender(cache, site);
      const doc = siteDocument(run.plan, site.config, run.stories.view);
      const unchanged = doc.items.find((i) => i.source === 'c0-0.md') as FeedItem;
      const plans = pagePlans(doc);
      const fresh = plans.find((plan) => plan.needs[0] === unchanged.source)?.key;
      // The same sections, the same item: its key is carried; its page shows other links.
      expect(cache.itemKeys(itemContextKey(run.plan, site.config))(unchanged)).toBeDefined();
      expect(fresh).not.toBe(firstPages.get(unchanged.source));
      expect(
        cache.pageKeys(takenPageKeys(doc, plans).context as string)(unchanged),
      ).toBeUndefined();
    });
  });

  describe('heads', () => {
    it('reads every file when there is no cache yet, in the order of the files', async () => {
      const site = await siteOf(3);
      const { cache, upToDate } = await reopen(site);
      expect(upToDate).toBeUndefined();
      // What the build starts its threads by, before anything is read: every file, whole.
      expect(cache.toRead(site.files())).toEqual({ files: 3, whole: true });
      const stages = stagesFor(site);
      const result = await cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([['p1.md', 'p2.md', 'p3.md']]);
      expect(result.read).toBe(3);
      expect(result.heads.map((h) => h.ref?.slug)).toEqual(['p1', 'p2', 'p3']);
      expect(cache.problem).toBeUndefined();
    });

    it('reads from the cache files unchanged since the last build, and only touched or new files', async () => {
      const site = await siteOf(3);
      const first = await reopen(site);
      const before = await first.cache.heads(site.files(), stagesFor(site).read);
      await first.cache.save();

      expect((await reopen(site)).cache.toRead(site.files())).toEqual({ files: 0, whole: false });
      await site.write('p2.md');
      await site.write('p4.md', post(4));
      const { cache } = await reopen(site);
      // The touched file and the new one, as the head stage then reads them.
      expect(cache.toRead(site.files())).toEqual({ files: 2, whole: false });
      const stages = stagesFor(site);
      const after = await cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([['p2.md', 'p4.md']]);
      expect(after.read).toBe(2);
      expect(after.heads.map((h) => h.sourcePath)).toEqual(['p1.md', 'p2.md', 'p3.md', 'p4.md']);
      expect(after.heads[0]).toEqual(before.heads[0]);
      expect(after.heads[2]).toEqual(before.heads[2]);
      expect(after.heads[1]?.mtimeMs).not.toBe(before.heads[1]?.mtimeMs);
      expect(after.heads[1]?.headHash).toBe(before.heads[1]?.headHash);
    });

    it('asks nothing of read when no file changed', async () => {
      const site = await siteOf(2);
      const first = await reopen(site);
      await first.cache.heads(site.files(), stagesFor(site).read);
      await first.cache.save();

      const { cache } = await reopen(site);
      const stages = stagesFor(site);
      const result = await cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([]);
      expect(result.read).toBe(0);
      expect(result.heads.map((h) => h.ref?.slug)).toEqual(['p1', 'p2']);
    });

    it('forgets removed files: one put back as it was is read again', async () => {
      const site = await siteOf(3);
      const first = await reopen(site);
      await first.cache.heads(site.files(), stagesFor(site).read);
      await first.cache.save();
      const text = await readFile(path.join(site.postsDir, 'p2.md'));
      const { mtime } = await stat(path.join(site.postsDir, 'p2.md'));

      await site.remove('p2.md');
      const second = await reopen(site);
      const stages = stagesFor(site);
      const without = await second.cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([]);
      expect(without.heads.map((h) => h.sourcePath)).toEqual(['p1.md', 'p3.md']);
      await second.cache.save();

      await writeFile(path.join(site.postsDir, 'p2.md'), text);
      await utimes(path.join(site.postsDir, 'p2.md'), mtime, mtime);
      const third = await reopen(site);
      const again = stagesFor(site);
      await third.cache.heads(site.files(), again.read);
      expect(again.calls.read).toEqual([['p2.md']]);
    });

    it('starts afresh, and says why, when the config changed', async () => {
      const site = await siteOf(2);
      const first = await reopen(site);
      await first.cache.heads(site.files(), stagesFor(site).read);
      await first.cache.save();

      const { cache } = await reopen(site, { config: siteConfig({ title: 'Renamed' }) });
      expect(cache.problem).toBe('the config or feedwright changed: starting with an empty cache');
      const stages = stagesFor(site);
      await cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([['p1.md', 'p2.md']]);
    });

    it('remembers nothing without a cache folder', async () => {
      const site = await siteOf(2);
      const options = { cacheDir: undefined };
      const first = await reopen(site, options);
      await first.cache.heads(site.files(), stagesFor(site).read);
      await first.cache.save();
      expect(existsSync(site.cacheDir)).toBe(false);

      const { cache } = await reopen(site, options);
      const stages = stagesFor(site);
      await cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([['p1.md', 'p2.md']]);
    });
  });

  describe('with git', () => {
    /** A site of `n` valid posts, p1.md … pn.md, an hour apart. */
    function manyPosts(n: number) {
      const text = (i: number) =>
        postText(
          { title: `Post ${i}`, date: new Date(Date.UTC(2026, 0, 1, i)).toISOString() },
          `Body ${i}.\n`,
        );
      return siteWith(
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i + 1}.md`, text(i + 1)])),
      );
    }

    /** A site of `n` posts whose cache read every file whole, as a cold build does: with blobs. */
    async function knownSite(n: number) {
      const site = await manyPosts(n);
      const first = await reopen(site);
      await first.cache.heads(site.files(), stagesFor(site, true).read);
      await first.cache.save();
      return site;
    }

    /** What git's index would say of the files: each as the blob it is now. */
    async function blobsOf(site: Site): Promise<Map<string, string>> {
      const read = async (f: string): Promise<[string, string]> => [
        f,
        gitBlobId(await readFile(path.join(site.postsDir, f))),
      ];
      return new Map(await Promise.all(site.files().map(read)));
    }

    /** A `tracked` that answers `blobs`, counting how often it is asked. */
    function git(blobs: ReadonlyMap<string, string> | undefined) {
      const asked = { times: 0 };
      const tracked = () => {
        asked.times++;
        return blobs;
      };
      return { asked, tracked };
    }

    /** Every file touched: the same bytes, a new mtime (a checkout). */
    async function checkout(site: Site, files = site.files()) {
      for (const file of files) await site.write(file);
    }

    it('keeps, unread, files with new mtimes that git finds unmodified as the blob the cache read', async () => {
      const site = await knownSite(40);
      const before = (await reopen(site)).cache;
      const known = await before.heads(site.files(), stagesFor(site).read);
      await checkout(site);
      const { asked, tracked } = git(await blobsOf(site));
      const { cache } = await reopen(site, { tracked });
      // As a build asks: of the files it found, one list throughout.
      const files = site.files();
      expect(cache.toRead(files)).toEqual({ files: 0, whole: false });
      const stages = stagesFor(site);
      const after = await cache.heads(files, stages.read);
      expect(stages.calls.read).toEqual([]);
      expect(after.read).toBe(0);
      expect(asked.times).toBe(1);
      // Each record as it was, with the file's new mtime (and its blob).
      const mtimes = await Promise.all(
        site.files().map(async (f) => (await stat(path.join(site.postsDir, f))).mtimeMs),
      );
      expect(after.heads.map((h) => h.mtimeMs)).toEqual(mtimes);
      expect(after.heads.map(({ mtimeMs: _, ...rest }) => rest)).toEqual(
        known.heads.map(({ mtimeMs: _, ...rest }) => rest),
      );
      expect(after.heads[0]?.blob).toMatch(/^[0-9a-f]{40}$/);
      // Saved with them: the next build finds every file as recorded, and asks git nothing.
      await cache.save();
      const next = git(undefined);
      expect((await reopen(site, { tracked: next.tracked })).cache.toRead(site.files())).toEqual({
        files: 0,
        whole: false,
      });
      expect(next.asked.times).toBe(0);
    });

    it('reads the files git does not vouch for: modified, another blob, another size, untracked', async () => {
      const site = await knownSite(40);
      await checkout(site);
      const blobs = await blobsOf(site);
      blobs.set('p1.md', '0'.repeat(40)); // committed since, or staged: another blob
      blobs.delete('p2.md'); // modified, untracked, or not a plain file
      // Another size than the cache read it at, whatever git's index says.
      await site.write(
        'p3.md',
        postText({ title: 'Post 3', date: '2026-01-01T03:00:00Z' }, 'Edited, longer.\n'),
      );
      await site.write('p41.md', post(4)); // new: the cache knows no blob of it
      const stages = stagesFor(site);
      const { cache } = await reopen(site, git(blobs));
      const after = await cache.heads(site.files(), stages.read);
      expect(stages.calls.read).toEqual([['p1.md', 'p2.md', 'p3.md', 'p41.md']]);
      // Read whole (its head was known): its record has the blob of the bytes read now.
      expect(after.heads.find((h) => h.sourcePath === 'p3.md')?.blob).toBe(
        gitBlobId(await readFile(path.join(site.postsDir, 'p3.md'))),
      );
    });

    it('asks git nothing when few files changed: reading them is quicker', async () => {
      const site = await knownSite(40);
      const touched = site.files().slice(0, 31);
      await checkout(site, touched);
      const { asked, tracked } = git(await blobsOf(site));
      const { cache } = await reopen(site, { tracked });
      const stages = stagesFor(site);
      await cache.heads(site.files(), stages.read);
      expect(asked.times).toBe(0);
      expect(stages.calls.read).toEqual([touched]);
      // Read whole (the head was known): each read records the file's blob.
      const blobs = await blobsOf(site);
      const records = (await reopen(site)).cache;
      const heads = await records.heads(site.files(), stagesFor(site).read);
      for (const head of heads.heads) expect(head.blob).toBe(blobs.get(head.sourcePath));
    });

    it('gives the same output and cache when a cold build’s threads put the summaries aside, as a large one does', async () => {
      const posts = {
        ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i + 1}.md`, post(i + 1)])),
        'own.md': postText(
          { title: 'Own', date: '2026-01-03T00:00:00Z', summary: 'The writer’s — été.' },
          'Body.\n',
        ),
      };
      const held = await siteWith(posts);
      const aside = await siteWith(posts);
      const store = makeHtmlStore();
      try {
        await buildOnce(held, { whole: true });
        const built = await buildOnce(aside, { whole: true, summariesIn: store });
        // Nothing of any summary held: each is where it was put aside, the post's own let go.
        const own = built.stories.of(built.ref('own.md'));
        expect(isStored(own.summary) && storyText(own.summary)).toBe('The writer’s — été.');
        expect('summary' in own.post).toBe(false);
        expect(await hashTree(aside.outDir)).toEqual(await hashTree(held.outDir));
        // The same stories kept, but for the files' mtimes (each site wrote its own) and the
        // front matter's summary, which the thread let go.
        const kept = async (site: Site) =>
          [...(await storedStories(site))].map(([p, s]) => {
            const { summary: _, ...post } = s.post;
            return [p, { ...withSummaryText(s), mtimeMs: 0, post }];
          });
        expect(await kept(aside)).toEqual(await kept(held));
      } finally {
        removeHtmlStore(store);
      }
      // The next build takes the summaries from the cache, as after any cold build.
      await aside.write(
        'own.md',
        postText({ title: 'Own', date: '2026-01-03T00:00:00Z', summary: 'Edited.' }, 'Body.\n'),
      );
      const next = await buildOnce(aside);
      expect(storyText(next.stories.of(next.ref('own.md')).summary)).toBe('Edited.');
      expect(storyText(next.stories.of(next.ref('p1.md')).summary)).toBe('Body 1.');
    });

    it('keeps the blob of a new post, read in two steps (its head, then its body)', async () => {
      const site = await manyPosts(3);
      await buildOnce(site, { whole: true });
      const text = postText({ title: 'Post 4', date: '2026-01-01T04:00:00Z' }, 'Body 4.\n');
      await site.write('p4.md', text);
      const added = await buildOnce(site);
      expect(added.stages.calls.read).toEqual([['p4.md']]);
      const { cache } = await reopen(site);
      const { heads } = await cache.heads(site.files(), stagesFor(site).read);
      expect(heads.find((h) => h.sourcePath === 'p4.md')?.blob).toBe(gitBlobId(Buffer.from(text)));
    });

    it('asks git from as many files as it is told to', async () => {
      const site = await knownSite(3);
      await checkout(site, ['p2.md']);
      const { asked, tracked } = git(await blobsOf(site));
      const { cache } = await reopen(site, { tracked, askGitFrom: 1 });
      expect(cache.toRead(site.files())).toEqual({ files: 0, whole: false });
      expect(asked.times).toBe(1);
    });

    it('reads every file with a new mtime when the posts are not in git', async () => {
      const site = await knownSite(40);
      await checkout(site);
      const { asked, tracked } = git(undefined);
      const { cache } = await reopen(site, { tracked });
      expect(cache.toRead(site.files())).toEqual({ files: 40, whole: false });
      expect(asked.times).toBe(1);
    });

    it('finds the output up to date after a checkout git vouches for, and not after an edit', async () => {
      const site = await manyPosts(40);
      await buildOnce(site, { whole: true });
      await checkout(site);
      const blobs = await blobsOf(site);
      const { upToDate } = await reopen(site, git(blobs));
      expect(upToDate?.record.published).toBe(40);
      // One file gone: not the files the output was made from, whatever git says of the rest.
      await site.remove('p40.md');
      expect((await reopen(site, git(blobs))).upToDate).toBeUndefined();
    });
  });

  describe('collisions', () => {
    const problem: Diagnostic = {
      severity: 'error',
      code: 'duplicate-slug',
      file: 'posts/p2.md',
      field: 'slug',
      message: 'slug "p1" is also used by posts/p1.md',
    };

    it('runs the check when files were read, and returns what it found', async () => {
      const site = await siteOf(2);
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site, { check: () => [problem] });
      expect(run.checked).toBe(1);
      expect(run.collisions).toEqual([problem]);
    });

    it('skips the check when nothing changed since a check that found nothing', async () => {
      const site = await siteOf(2);
      const first = await reopen(site);
      const found = await readAndRender(first.cache, site);
      expect([found.checked, found.collisions]).toEqual([1, []]);
      await first.cache.save();

      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site, { check: () => [problem] });
      expect(run.checked).toBe(0);
      expect(run.collisions).toEqual([]);
    });

    it('runs the check again when the last one found problems, though nothing changed', async () => {
      const site = await siteOf(2);
      const first = await reopen(site);
      await readAndRender(first.cache, site, { check: () => [problem] });
      await first.cache.save();

      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site, { check: () => [problem] });
      expect(run.stages.calls.read).toEqual([]);
      expect(run.checked).toBe(1);
      expect(run.collisions).toEqual([problem]);
    });

    it('runs the check when front matter changed, or a file was added or removed', async () => {
      const site = await siteOf(3);
      const first = await reopen(site);
      await readAndRender(first.cache, site);
      await first.cache.save();

      for (const change of [
        () => site.write('p1.md', post(1, { tags: ['Budget'] })),
        () => site.write('p4.md', post(4)),
        () => site.remove('p2.md'),
      ]) {
        await change();
        const { cache } = await reopen(site);
        const run = await readAndRender(cache, site);
        expect(run.checked).toBe(1);
        await cache.save();
      }
    });

    it('skips the check when files were touched but their front matter is as it was', async () => {
      const site = await siteOf(3);
      const first = await reopen(site);
      await readAndRender(first.cache, site);
      await first.cache.save();
      // A fresh checkout: every file with a new mtime, one with a new body.
      await site.write('p1.md');
      await site.write('p2.md');
      await site.write('p3.md', post(3, {}, 'A new body.\n'));
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.read).toEqual([['p1.md', 'p2.md', 'p3.md']]);
      expect(run.checked).toBe(0);
    });
  });

  describe('upToDate', () => {
    it('returns the record of the last build when nothing changed and the output is as written', async () => {
      const site = await siteOf(3);
      const built = await buildOnce(site);
      const { cache, upToDate } = await reopen(site);
      expect(upToDate?.diagnostics).toEqual([]);
      expect(upToDate?.record).toMatchObject({
        stamps: built.written.stamps,
        published: 3,
        summaries: built.summaries,
        nextDue: Number.POSITIVE_INFINITY,
      });
      expect(asMap(upToDate?.record.files)).toEqual(built.written.digests);
      expect(asMap(upToDate?.record.keys)).toEqual(built.output.keys);
      const { manifest, ...stamps } = cache.outputStamps ?? {};
      expect(stamps).toEqual({ files: built.written.stamps, folders: built.written.folders });
      expect(manifest?.digest).toBe(built.written.manifestDigest);
      expect(asMap(manifest?.files)).toEqual(built.written.digests);
    });

    it('finds the same from the cache’s files read ahead (`readAhead`) as from its own reading', async () => {
      const site = await siteOf(3);
      const built = await buildOnce(site);
      const scope = { cacheDir: site.cacheDir, postsDir: site.postsDir, outDir: site.outDir };
      expect(Incremental.readAhead({ ...scope, cacheDir: undefined })).toBeUndefined();
      const { upToDate } = await reopen(site, { ahead: Incremental.readAhead(scope) });
      expect(asMap(upToDate?.record.files)).toEqual(built.written.digests);
      expect(asMap(upToDate?.record.keys)).toEqual(built.output.keys);
      // Read ahead of an edit, then opened after it: the edit is found all the same.
      const ahead = Incremental.readAhead(scope);
      await site.write('p2.md', post(2, { title: 'Retitled' }));
      expect((await reopen(site, { ahead })).upToDate).toBeUndefined();
    });

    it('tells the last output’s stamps before it is open, as `outputStamps` gives them', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      const told: OutputStamps[] = [];
      const cache = await open(site, { outputKnown: (stamps) => told.push(stamps) });
      expect(told).toHaveLength(1);
      expect(told[0]).toEqual(cache.outputStamps);
      expect(told[0]?.files.paths.length).toBeGreaterThan(0);
      // Nothing built yet: nothing to tell.
      const fresh = await siteOf(1);
      await open(fresh, { outputKnown: (stamps) => told.push(stamps) });
      expect(told).toHaveLength(1);
    });

    it('repeats the warnings of the posts, stored with their heads', async () => {
      const site = await siteWith({ 'p1.md': post(1, { titel: 'typo' }) });
      await buildOnce(site);
      const { upToDate } = await reopen(site);
      expect(upToDate?.diagnostics).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'unknown-key', file: 'posts/p1.md' }),
      ]);
    });

    it('takes the output files as looked at on another thread, when it is given them', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      const cache = await open(site);
      // Seen as missing: the output is not as it was left, whatever is on disk now.
      const missing: SeenAt = () => ({ kind: 'none', size: 0, mtimeMs: 0 });
      expect(await cache.upToDate(site.files(), NOW, async () => missing)).toBeUndefined();
      // Not seen (the thread failed): looked at here.
      const none = async () => undefined;
      expect(await cache.upToDate(site.files(), NOW, none)).toBeDefined();
    });

    it('is undefined when there is no cache yet', async () => {
      const site = await siteOf(1);
      expect((await reopen(site)).upToDate).toBeUndefined();
    });

    it('is undefined when the build writes nothing', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      expect((await reopen(site, { write: false })).upToDate).toBeUndefined();
    });

    it('is undefined when a post was touched, added or removed', async () => {
      for (const change of [
        (site: Site) => site.write('p1.md'),
        (site: Site) => site.write('p3.md', post(3)),
        (site: Site) => site.remove('p2.md'),
      ]) {
        const site = await siteOf(2);
        await buildOnce(site);
        await change(site);
        expect((await reopen(site)).upToDate).toBeUndefined();
      }
    });

    it('is undefined when the selection changed', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      expect((await reopen(site, { selection: { includeDrafts: true } })).upToDate).toBeUndefined();
      expect((await reopen(site, { selection: { includeFuture: true } })).upToDate).toBeUndefined();
      expect((await reopen(site, { selection: {} })).upToDate).toBeDefined();
    });

    it('is undefined when the public files changed', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      const assets = [{ path: 'logo.png', file: '/p/logo.png', root: '/p', size: 10, mtimeMs: 1 }];
      expect((await reopen(site, { assets })).upToDate).toBeUndefined();
    });

    it('is the last record after a checkout wrote the public files again, while git vouches for them', async () => {
      const site = await siteOf(2);
      const publicDir = path.join(site.dir, 'public');
      const logo = { path: 'logo.png', file: path.join(publicDir, 'logo.png'), root: publicDir };
      // Asked once, of the site's folder, for its posts and public folders.
      const blobs = (blob: string) => (dir: string, folders: readonly string[]) => {
        expect([dir, folders]).toEqual([site.dir, ['posts', 'public']]);
        return new Map([['public/logo.png', blob]]);
      };
      const tracked = blobs('a'.repeat(40));
      await buildOnce(site, { assets: [{ ...logo, size: 10, mtimeMs: 1 }], tracked });
      const checkedOut = [{ ...logo, size: 10, mtimeMs: 2 }];
      expect((await reopen(site, { assets: checkedOut, tracked })).upToDate).toBeDefined();
      // Another blob, or another size, or no git: the output depends on what changed.
      const other = blobs('c'.repeat(40));
      expect((await reopen(site, { assets: checkedOut, tracked: other })).upToDate).toBeUndefined();
      const resized = [{ ...logo, size: 11, mtimeMs: 2 }];
      expect((await reopen(site, { assets: resized, tracked })).upToDate).toBeUndefined();
      expect((await reopen(site, { assets: checkedOut })).upToDate).toBeUndefined();
    });

    it('is undefined when the output folder is not as it was written', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      await writeFile(path.join(site.outDir, 'rss.xml'), '<rss version="2.0"/>');
      expect((await reopen(site)).upToDate).toBeUndefined();

      const other = await siteOf(2);
      await buildOnce(other);
      await rm(path.join(other.outDir, MANIFEST_FILE));
      expect((await reopen(other)).upToDate).toBeUndefined();
    });

    it('is undefined once a scheduled post has come due', async () => {
      const site = await siteWith({
        'p1.md': post(1),
        'later.md': postText({ title: 'Later', date: '2026-06-01' }),
      });
      const built = await buildOnce(site);
      expect(built.plan.published.map((p) => p.slug)).toEqual(['p1']);
      const due = Date.parse('2026-06-01T04:00:00Z'); // midnight in Toronto
      expect(built.plan.nextDue).toBe(due);

      expect((await reopen(site, {}, new Date(due - 1))).upToDate?.record.nextDue).toBe(due);
      expect((await reopen(site, {}, new Date(due))).upToDate).toBeUndefined();
    });

    it('is undefined after a collision check that found problems, though nothing changed', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      await site.write('p1.md', post(1, { tags: ['Budget'] }));
      const failed = await reopen(site);
      await readAndRender(failed.cache, site, {
        check: () => [{ severity: 'error', code: 'duplicate-slug', file: 'p', message: 'm' }],
      });
      await failed.cache.save();
      expect((await reopen(site)).upToDate).toBeUndefined();
    });
  });

  describe('unchanged', () => {
    /** The next build after a change, up to the plan, and what `unchanged` says of it. */
    async function unchangedAfter(site: Site, options: Partial<IncrementalOptions> = {}) {
      const { cache } = await reopen(site, options);
      const stages = stagesFor(site);
      const refs = refsOf((await cache.heads(site.files(), stages.read)).heads);
      const plan = planSite(refs, site.config, { now: NOW });
      const found = await cache.unchanged(plan);
      if (found) expect(found.diagnostics).toEqual(found.record.diagnostics);
      return { same: found?.record, paths: found?.paths, stages, plan };
    }

    it('returns the record when nothing published changed: only a draft was added', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      await site.write('draft.md', post(3, { draft: true }));
      expect((await reopen(site)).upToDate).toBeUndefined();
      const { same, stages } = await unchangedAfter(site);
      expect(stages.calls.read).toEqual([['draft.md']]);
      expect(same).toMatchObject({ published: 2, nextDue: Number.POSITIVE_INFINITY });
      expect(asMap(same?.files)).toEqual(built.written.digests);
      expect(asMap(same?.keys)).toEqual(built.output.keys);
    });

    it('returns the record when nothing changed at all', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      const { same, paths, stages } = await unchangedAfter(site);
      expect(stages.calls.read).toEqual([]);
      expect(same?.published).toBe(2);
      expect(paths).toEqual(Object.keys(built.written.manifest.files));
    });

    it("is undefined when any published post's body changed, even one in no feed", async () => {
      const site = await siteOf(5, small);
      const built = await buildOnce(site);
      // p1 is the oldest: in no subscription document and no open archive, but it has a page.
      expect(sources(built.plan.current)).not.toContain('p1.md');
      await site.write('p1.md', post(1, {}, 'A new body.\n'));
      const { same, stages } = await unchangedAfter(site);
      expect(stages.calls.read).toEqual([['p1.md']]);
      expect(same).toBeUndefined();
    });

    it('returns the record after a checkout that changed no byte: every file touched', async () => {
      const site = await siteOf(3);
      const built = await buildOnce(site);
      for (const file of ['p1.md', 'p2.md', 'p3.md']) await site.write(file);
      expect((await reopen(site)).upToDate).toBeUndefined();
      const { same, stages } = await unchangedAfter(site);
      expect(stages.calls.read).toEqual([['p1.md', 'p2.md', 'p3.md']]);
      expect(same?.published).toBe(3);
      expect(asMap(same?.files)).toEqual(built.written.digests);
    });

    it("is undefined when a published post's size changed, its mtime set back as it was", async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      const file = path.join(site.postsDir, 'p1.md');
      const { mtime } = await stat(file);
      await writeFile(file, post(1, {}, 'A longer body than before.\n'));
      await utimes(file, mtime, mtime);
      const { same, stages } = await unchangedAfter(site);
      expect(stages.calls.read).toEqual([['p1.md']]);
      expect(same).toBeUndefined();
    });

    it('is undefined when the next scheduled post is due at another time', async () => {
      const site = await siteWith({
        'p1.md': post(1),
        'later.md': postText({ title: 'Later', date: '2026-06-01' }),
      });
      await buildOnce(site);
      await site.write('later.md', postText({ title: 'Later', date: '2026-07-01' }));
      const { same, plan } = await unchangedAfter(site);
      expect(sources(plan.published)).toEqual(['p1.md']);
      expect(plan.nextDue).toBe(Date.parse('2026-07-01T04:00:00Z'));
      expect(same).toBeUndefined();
    });

    it('is undefined when the output folder is not as it was written, or nothing is written', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      await site.write('draft.md', post(3, { draft: true }));
      expect((await unchangedAfter(site, { write: false })).same).toBeUndefined();
      await writeFile(path.join(site.outDir, 'feed.json'), '{}');
      expect((await unchangedAfter(site)).same).toBeUndefined();
    });
  });

  describe('readStories', () => {
    it('takes the stories read with the heads when the cache knew no file, rendering none again', async () => {
      const site = await siteWith({
        'p1.md': post(1),
        'p2.md': post(2),
        'draft.md': post(4, { draft: true }),
        'later.md': postText({ title: 'Later', date: '2026-06-01' }),
      });
      const cache = await open(site);
      expect(cache.cold).toBe(true);
      const first = await readAndRender(cache, site, { whole: true });
      expect(cache.cold).toBe(false);
      expect(first.stages.calls.withBodies).toEqual([true]);
      expect(first.stages.calls.render).toEqual([]);
      expect(first.stories.rendered).toBe(2);
      expect(first.stories.of(first.ref('p2.md'))).toMatchObject({
        summary: 'Body 2.',
        contentHtml: '<p>Body 2.</p>',
      });
      await cache.save(first.plan);
      // A cache that knows the files reads heads only: a touched file may keep its story.
      await utimes(path.join(site.postsDir, 'p1.md'), new Date(), new Date(Date.now() + 5000));
      const second = await readAndRender(await open(site), site, { whole: true });
      expect(second.stages.calls.withBodies).toEqual([false]);
      expect(second.stages.calls.read).toEqual([['p1.md']]);
      expect(second.stages.calls.render).toEqual([]);
      expect(second.stories.rendered).toBe(0);
    });

    it('renders every published post the first time, newest first, with no previous hashes', async () => {
      const site = await siteWith({
        'p1.md': post(1),
        'p2.md': post(2),
        'p3.md': post(3),
        'draft.md': post(4, { draft: true }),
        'later.md': postText({ title: 'Later', date: '2026-06-01' }),
      });
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([
        [{ sourcePath: 'p3.md' }, { sourcePath: 'p2.md' }, { sourcePath: 'p1.md' }],
      ]);
      expect(run.stories.rendered).toBe(3);
      expect(run.stories.diagnostics).toEqual([]);
      const p1 = run.stories.of(run.ref('p1.md'));
      const { size, mtimeMs } = await stat(path.join(site.postsDir, 'p1.md'));
      expect(p1).toMatchObject({
        size,
        mtimeMs,
        summary: 'Body 1.',
        contentHtml: '<p>Body 1.</p>',
      });
      expect(p1.post).toMatchObject({ sourcePath: 'p1.md', title: 'Post 1' });
      expect(run.stories.view(run.ref('p1.md'))).toEqual({
        post: p1.post,
        summary: 'Body 1.',
        summaryKey: hashBytes('Body 1.'),
        contentHtml: '<p>Body 1.</p>',
        contentKey: hashBytes(p1.headHash + p1.bodyHash),
      });
    });

    it('takes the stories of unchanged files from the cache, rendering only the new post', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      await site.write('p3.md', post(3));
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([[{ sourcePath: 'p3.md' }]]);
      expect(run.stories.rendered).toBe(1);
      for (const file of ['p1.md', 'p2.md']) {
        // Read back, its summary is where the cache keeps it: the same text.
        const story = run.stories.of(run.ref(file));
        expect(isStored(story.summary)).toBe(true);
        expect(withSummaryText(story)).toEqual(built.stories.of(built.ref(file)));
      }
    });

    it('keeps the story of a touched file whose bytes are the same, read once with its head', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      const before = built.stories.of(built.ref('p1.md'));
      await site.write('p1.md');
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.read).toEqual([['p1.md']]);
      expect(run.stages.calls.render).toEqual([]);
      expect(run.stories.rendered).toBe(0);
      // The same story, kept as it was: the file's head record holds its body's hash with its new
      // size and mtime, so the next build takes the story from the cache without reading the file.
      const after = run.stories.of(run.ref('p1.md'));
      expect(withSummaryText(after)).toEqual({ ...before, post: after.post });
      const { mtimeMs } = await stat(path.join(site.postsDir, 'p1.md'));
      expect(run.heads.heads.find((h) => h.sourcePath === 'p1.md')).toMatchObject({
        mtimeMs,
        bodyHash: before.bodyHash,
      });
      await cache.save(run.plan);
      const next = await readAndRender((await reopen(site)).cache, site);
      expect(next.stages.calls.read).toEqual([]);
      expect(next.stages.calls.render).toEqual([]);
      expect(withSummaryText(next.stories.of(next.ref('p1.md')))).toEqual({
        ...before,
        post: after.post,
      });
    });

    it('renders an edited body again, and counts it', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      const before = built.stories.of(built.ref('p1.md'));
      await site.write('p1.md', post(1, {}, 'A new body.\n'));
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([
        [
          {
            sourcePath: 'p1.md',
            previous: { headHash: before.headHash, bodyHash: before.bodyHash },
          },
        ],
      ]);
      expect(run.stories.rendered).toBe(1);
      const after = run.stories.of(run.ref('p1.md'));
      expect(after.contentHtml).toBe('<p>A new body.</p>');
      expect(after.headHash).toBe(before.headHash);
      expect(after.bodyHash).not.toBe(before.bodyHash);
      expect(after.size).not.toBe(before.size);
    });

    it('gives no story, but the problem, for a file that changed and then failed to render', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      await site.write('p1.md', post(1, {}, 'A new body.\n'));
      const { cache } = await reopen(site);
      const stages = stagesFor(site);
      const heads = await cache.heads(site.files(), stages.read);
      const plan = planSite(refsOf(heads.heads), site.config, { now: NOW });
      // Broken after its head was read, before its body is: the render finds the error.
      await site.write('p1.md', '---\ntitle: [unclosed\n---\nBody.\n');
      const stories = await cache.readStories(plan.published, stages.render);
      const p1 = plan.published.find((ref) => ref.sourcePath === 'p1.md') as PostRef;
      const p2 = plan.published.find((ref) => ref.sourcePath === 'p2.md') as PostRef;
      expect(stories.of(p1)).toBeUndefined();
      expect(
        stories.diagnostics.some((d) => d.severity === 'error' && d.file.includes('p1.md')),
      ).toBe(true);
      // The unchanged file's story is the cache's, as before.
      expect(stories.of(p2)).toMatchObject({ contentHtml: '<p>Body 2.</p>' });
    });

    it('renders again a story whose front matter hash is not the head it was made from', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      const before = built.stories.of(built.ref('p1.md'));
      // The index is lost (so every head is read again) and p1's title is edited to the same
      // length, its mtime set back: only the front matter's hash tells the story is stale.
      const file = path.join(site.postsDir, 'p1.md');
      const { mtime } = await stat(file);
      await writeFile(file, post(1, { title: 'Post X' }));
      await utimes(file, mtime, mtime);
      for (const name of await readdir(site.cacheDir)) {
        if (!/\.stories-\d+\.(bin|summaries-[\w-]+\.txt)$/.test(name))
          await rm(path.join(site.cacheDir, name));
      }
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.read).toEqual([['p1.md', 'p2.md']]);
      // The story made from the old front matter was dropped when read: nothing to compare.
      expect(run.stages.calls.render).toEqual([[{ sourcePath: 'p1.md' }]]);
      expect(run.stories.rendered).toBe(1);
      const after = run.stories.of(run.ref('p1.md'));
      expect(after.post.title).toBe('Post X');
      expect(after.headHash).not.toBe(before.headHash);
      expect(after.bodyHash).toBe(before.bodyHash);
    });

    it('renders nothing when only the index was lost: the stories still match their files', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      for (const name of await readdir(site.cacheDir)) {
        if (!/\.stories-\d+\.(bin|summaries-[\w-]+\.txt)$/.test(name))
          await rm(path.join(site.cacheDir, name));
      }
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.read).toEqual([['p1.md', 'p2.md']]);
      expect(run.stages.calls.render).toEqual([]);
      expect(run.stories.view(run.ref('p2.md')).contentHtml).toBe('<p>Body 2.</p>');
    });

    it('renders again a body edited before a build that failed on a collision, once it is fixed', async () => {
      const site = await siteOf(3);
      const built = await buildOnce(site);
      const before = built.stories.of(built.ref('p1.md'));
      // p1's body is edited, and p2 takes p3's slug: that build reads both heads, then stops.
      await site.write('p1.md', post(1, {}, 'Edited while p2 clashed.\n'));
      await site.write('p2.md', post(2, { slug: 'p3' }));
      const failed = await reopen(site);
      const stages = stagesFor(site);
      const refs = refsOf((await failed.cache.heads(site.files(), stages.read)).heads);
      expect(stages.calls.read).toEqual([['p1.md', 'p2.md']]);
      const found = failed.cache.collisions(() => findCollisions(refs, display));
      expect(found).toEqual([expect.objectContaining({ severity: 'error' })]);
      await failed.cache.save(); // as a build that stops does

      // Fixed: p2 is as it was. p1's head now comes from the cache, as the failed build left it.
      await site.write('p2.md', post(2));
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.read).toEqual([['p2.md']]);
      expect(run.collisions).toEqual([]);
      const p2 = built.stories.of(built.ref('p2.md'));
      expect(run.stages.calls.render).toEqual([
        [
          { sourcePath: 'p2.md', previous: { headHash: p2.headHash, bodyHash: p2.bodyHash } },
          {
            sourcePath: 'p1.md',
            previous: { headHash: before.headHash, bodyHash: before.bodyHash },
          },
        ],
      ]);
      expect(run.stories.rendered).toBe(1);
      expect(run.stories.of(run.ref('p1.md')).contentHtml).toBe('<p>Edited while p2 clashed.</p>');
      // And the output shows it.
      const out = await renderAndWrite(cache, site, run);
      const page = out.output.files.find((f) => f.path === 'posts/p1/index.html');
      expect(page && 'content' in page ? page.content : '').toContain('Edited while p2 clashed.');
    });

    it('repeats the body warnings of published posts, also when their stories come from the cache', async () => {
      const site = await siteWith({ 'p1.md': post(1, {}, 'Bell\u0007 here.\n'), 'p2.md': post(2) });
      const warning = expect.objectContaining({
        severity: 'warning',
        code: 'control-characters',
        file: 'posts/p1.md',
      });
      const built = await buildOnce(site);
      expect(built.stories.diagnostics).toEqual([warning]);
      await site.write('p3.md', post(3));
      const run = await readAndRender((await reopen(site)).cache, site);
      expect(run.stages.calls.render).toEqual([[{ sourcePath: 'p3.md' }]]);
      expect(run.stories.diagnostics).toEqual([warning]);
    });

    it('reports the errors of a file that broke after its head was read, and has no story of it', async () => {
      const site = await siteOf(2);
      const { cache } = await reopen(site);
      const stages = stagesFor(site);
      const refs = refsOf((await cache.heads(site.files(), stages.read)).heads);
      await site.write('p1.md', postText({ title: 'No date any more' }));
      const plan = planSite(refs, config, { now: NOW });
      const stories = await cache.readStories(plan.published, stages.render);
      expect(stories.rendered).toBe(1);
      const [p2, p1] = plan.published as [PostRef, PostRef];
      expect(stories.of(p2).contentHtml).toBe('<p>Body 2.</p>');
      expect(stories.of(p1)).toBeUndefined();
      expect(stories.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'missing',
          field: 'date',
          file: 'posts/p1.md',
        }),
      ]);
    });
  });

  describe('readContent', () => {
    it('renders, with force, exactly the needed posts whose HTML is not kept', async () => {
      const site = await siteOf(5, small);
      const built = await buildOnce(site);
      expect(sources(built.plan.current)).toEqual(['p5.md']);
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([]);
      expect(run.stories.view(run.ref('p1.md')).contentHtml).toBeUndefined();
      expect(run.stories.view(run.ref('p5.md')).contentHtml).toBe('<p>Body 5.</p>');

      const needed = new Set(['p1.md', 'p5.md', 'p3.md', 'gone.md']);
      expect(await cache.readContent(needed, run.stages.render)).toEqual([]);
      expect(run.stages.calls.render).toEqual([
        [
          { sourcePath: 'p1.md', force: true },
          { sourcePath: 'p3.md', force: true },
        ],
      ]);
      expect(run.stories.rendered).toBe(2);
      expect(run.stories.view(run.ref('p1.md')).contentHtml).toBe('<p>Body 1.</p>');
      expect(run.stories.view(run.ref('p3.md')).contentHtml).toBe('<p>Body 3.</p>');
      expect(run.stories.view(run.ref('p2.md')).contentHtml).toBeUndefined();

      // Asked again, or for nothing, it renders nothing.
      await cache.readContent(needed, run.stages.render);
      await cache.readContent(new Set(), run.stages.render);
      expect(run.stages.calls.render).toHaveLength(1);
    });

    it.each([
      ['archives of excerpts', small],
      ['full archives', fullArchives],
    ])(
      'renders nothing more on a build that adds a post (%s): what changes shows HTML at hand',
      async (_, siteConfigured) => {
        const site = await siteOf(5, siteConfigured);
        await buildOnce(site);
        await site.write('p6.md', post(6));
        const next = await buildOnce(site);
        expect(next.stages.calls.render).toEqual([[{ sourcePath: 'p6.md' }]]);
        expect(next.content).toEqual([]);
        expect(next.stale.length).toBeLessThan(next.keyed.length);
      },
    );

    it.each([
      ['archives of excerpts', small, ['p1.md', 'p2.md', 'p3.md', 'p4.md']],
      ['full archives', fullArchives, ['p1.md', 'p2.md', 'p3.md']],
    ])(
      'brings back every body not kept when nothing can be carried over (%s)',
      async (_, siteConfigured, forced) => {
        const site = await siteOf(5, siteConfigured);
        const built = await buildOnce(site);
        await touchManifest(site);
        await site.write('draft.md', post(7, { draft: true }));
        const next = await buildOnce(site);
        expect(next.stages.calls.render).toHaveLength(1);
        expect(next.content).toHaveLength(1);
        const [jobs] = next.content;
        expect(jobs?.every((job) => job.force === true && job.previous === undefined)).toBe(true);
        expect(jobs?.map((job) => job.sourcePath).sort()).toEqual(forced);
        // Everything was written again, to the same bytes.
        expect(next.stale).toHaveLength(next.keyed.length);
        expect(next.written.manifest.files).toEqual(built.written.manifest.files);
      },
    );

    it('returns the problems of a needed file that broke since its story was made', async () => {
      const site = await siteOf(5, small);
      await buildOnce(site);
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      await writeFile(path.join(site.postsDir, 'p1.md'), postText({ title: 'No date' }));
      expect(await cache.readContent(new Set(['p1.md']), run.stages.render)).toEqual([
        expect.objectContaining({ severity: 'error', code: 'missing', file: 'posts/p1.md' }),
      ]);
      expect(run.stories.view(run.ref('p1.md')).contentHtml).toBeUndefined();
    });
  });

  describe('save', () => {
    it('keeps the stories of the published posts, with HTML only for those the plan calls current', async () => {
      const site = await siteOf(5, small);
      const built = await buildOnce(site);
      // The archives show excerpts: only the feeds' post, p5, is current.
      expect(sources(built.plan.current)).toEqual(['p5.md']);
      const stored = await storedStories(site);
      expect([...stored.keys()].sort()).toEqual(['p1.md', 'p2.md', 'p3.md', 'p4.md', 'p5.md']);
      expect(await storedHtml(site)).toEqual(['p5.md']);
      expect(withSummaryText(stored.get('p1.md') as Story)).toMatchObject({
        summary: 'Body 1.',
        headHash: expect.any(String),
      });

      // p3 becomes a draft: its story goes.
      await site.write('p3.md', post(3, { draft: true }));
      await buildOnce(site);
      expect([...(await storedStories(site)).keys()].sort()).toEqual([
        'p1.md',
        'p2.md',
        'p4.md',
        'p5.md',
      ]);
      expect(await storedHtml(site)).toEqual(['p5.md']);
    });

    it('with full archives keeps the HTML of the open archives too, and drops it once one is full', async () => {
      const site = await siteOf(5, fullArchives);
      const built = await buildOnce(site);
      // Archives of three from the oldest: [p3 p2 p1] is full, [p5 p4] is open.
      expect(built.plan.feeds[0]?.archives.map(sources)).toEqual([
        ['p3.md', 'p2.md', 'p1.md'],
        ['p5.md', 'p4.md'],
      ]);
      expect(sources(built.plan.current).sort()).toEqual(['p4.md', 'p5.md']);
      expect(await storedHtml(site)).toEqual(['p4.md', 'p5.md']);

      // p3 becomes a draft: [p4 p2 p1] is full now, and [p5] open.
      await site.write('p3.md', post(3, { draft: true }));
      const next = await buildOnce(site);
      expect(sources(next.plan.current)).toEqual(['p5.md']);
      expect(await storedHtml(site)).toEqual(['p5.md']);
    });

    it('keeps every story and its HTML after a build that stopped (no plan)', async () => {
      const site = await siteOf(5, small);
      const { cache } = await reopen(site);
      await readAndRender(cache, site);
      await cache.save();
      expect(await storedHtml(site)).toEqual(['p1.md', 'p2.md', 'p3.md', 'p4.md', 'p5.md']);
    });

    it('keeps a removed post out of the stories', async () => {
      const site = await siteOf(3);
      await buildOnce(site);
      await site.remove('p2.md');
      await buildOnce(site);
      expect([...(await storedStories(site)).keys()].sort()).toEqual(['p1.md', 'p3.md']);
    });
  });

  describe('measured', () => {
    it('reads an image file again only when its size or mtime changed, and forgets those not asked for', async () => {
      const site = await siteOf(3, small);
      const read: string[] = [];
      const measure = (at: FileAt): ImageReading => {
        read.push(at.file);
        return { type: 'image/png', length: at.size, width: at.size, height: 1 };
      };
      const a = { file: '/s/public/a.png', size: 10, mtimeMs: 1 };
      const b = { file: '/s/public/b.png', size: 20, mtimeMs: 2 };
      const buildAsking = async (...files: FileAt[]) => {
        const cache = await open(site);
        const measured = cache.measured(measure);
        const readings = files.map(measured);
        const run = await readAndRender(cache, site);
        await renderAndWrite(cache, site, run);
        return readings;
      };
      await site.write('p4.md', post(4));
      expect(await buildAsking(a, b)).toEqual([
        { type: 'image/png', length: 10, width: 10, height: 1 },
        { type: 'image/png', length: 20, width: 20, height: 1 },
      ]);
      expect(read).toEqual([a.file, b.file]);
      // Next build: a as it was, b touched (same size, new mtime).
      await site.write('p5.md', post(5));
      const [again] = await buildAsking(a, { ...b, mtimeMs: 3 });
      expect(again).toEqual({ type: 'image/png', length: 10, width: 10, height: 1 });
      expect(read).toEqual([a.file, b.file, b.file]);
      // b not asked for this time: the build after does not know it any more.
      await site.write('p6.md', post(6));
      await buildAsking(a);
      await site.write('p7.md', post(7));
      await buildAsking(a, { ...b, mtimeMs: 3 });
      expect(read).toEqual([a.file, b.file, b.file, b.file]);
    });

    it('does not read an image file a checkout wrote again while git vouches for the blob it was read as', async () => {
      const site = await siteOf(3, small);
      const read: string[] = [];
      const measure = (at: FileAt): ImageReading => {
        read.push(at.file);
        return { type: 'image/png', length: at.size, width: 4, height: 1 };
      };
      const publicDir = path.join(site.dir, 'public');
      const a = { path: 'a.png', file: path.join(publicDir, 'a.png'), root: publicDir, size: 10 };
      const buildAsking = async (mtimeMs: number, blob: string) => {
        const tracked = () => new Map([['public/a.png', blob]]);
        const cache = await open(site, { assets: [{ ...a, mtimeMs }], tracked });
        cache.measured(measure)({ file: a.file, size: a.size, mtimeMs });
        await renderAndWrite(cache, site, await readAndRender(cache, site));
      };
      const blob = 'a'.repeat(40);
      await site.write('p4.md', post(4));
      await buildAsking(1, blob);
      await site.write('p5.md', post(5));
      await buildAsking(2, blob); // checked out again: the same blob
      expect(read).toEqual([a.file]);
      await site.write('p6.md', post(6));
      await buildAsking(3, 'c'.repeat(40)); // another blob: read
      expect(read).toEqual([a.file, a.file]);
    });

    it('measures again, every build, a file it could not read as an image', async () => {
      const site = await siteOf(3, small);
      let reads = 0;
      const measure = (): ImageReading => {
        reads++;
        return { problem: 'its file cannot be read as an image (EACCES)' };
      };
      const at = { file: '/s/public/locked.png', size: 10, mtimeMs: 1 };
      for (const n of [4, 5]) {
        await site.write(`p${n}.md`, post(n));
        const cache = await open(site);
        expect(cache.measured(measure)(at)).toEqual({
          problem: 'its file cannot be read as an image (EACCES)',
        });
        await renderAndWrite(cache, site, await readAndRender(cache, site));
      }
      expect(reads).toBe(2);
    });
  });

  describe('contentFor', () => {
    it('brings back only the bodies that outputs it cannot carry over show, and says so', async () => {
      const site = await siteOf(5, small);
      await buildOnce(site);
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      const keyed = siteOutputs(siteDocument(run.plan, site.config, run.stories.view));
      // Nothing changed: every output is carried over, no body is needed.
      const kept = await cache.contentFor(keyed, await cache.reuse(), run.stages.render);
      expect(kept).toEqual({ diagnostics: [], more: false });
      expect(run.stages.calls.render).toEqual([]);

      // Only the outputs that show p1 and p3 must be written again.
      const reuse = await cache.reuse();
      const shows = (o: (typeof keyed)[number]) =>
        o.needs.some((n) => ['p1.md', 'p3.md'].includes(n));
      const partly = {
        ...reuse,
        kept: (paths: readonly string[], key: string) => {
          const output = keyed.find((o) => o.paths[0] === paths[0]);
          return output && shows(output) ? undefined : reuse.kept(paths, key);
        },
      };
      expect(await cache.contentFor(keyed, partly, run.stages.render)).toEqual({
        diagnostics: [],
        more: true,
      });
      // Their HTML was not kept (only the newest story's is): both are rendered, with force.
      const [jobs, ...more] = run.stages.calls.render;
      expect(more).toEqual([]);
      expect(jobs?.every((job) => job.force === true)).toBe(true);
      expect(jobs?.map((job) => job.sourcePath).sort()).toEqual(['p1.md', 'p3.md']);
      expect(run.stories.view(run.ref('p3.md')).contentHtml).toBe('<p>Body 3.</p>');
    });
  });

  describe('reuse', () => {
    /** A site whose post p1 is alone in category Sport; the others are News. */
    async function sportsSite() {
      return siteWith({
        'p1.md': post(1, { categories: ['Sport'] }),
        'p2.md': post(2),
        'p3.md': post(3),
      });
    }

    /** The next build after a change, up to the point where it asks what it may carry over. */
    async function nextBuild(site: Site, options: Partial<IncrementalOptions> = {}) {
      const { cache } = await reopen(site, options);
      const run = await readAndRender(cache, site);
      const reuse = await cache.reuse();
      const doc = siteDocument(run.plan, site.config, run.stories.view);
      const outputs = siteOutputs(doc);
      const output = (first: string) => {
        const found = outputs.find((o) => o.paths[0] === first);
        if (!found) throw new Error(`no output ${first}`);
        return found;
      };
      return { reuse, output, outputs };
    }

    it('carries over an output whose key is the one it had, with its digests as written', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      await site.write('p2.md', post(2, {}, 'Edited.\n'));
      const { reuse, output } = await nextBuild(site);

      const files = built.written.manifest.files;
      const sport = output('categories/sport/rss.xml');
      expect(sport.paths).toEqual([
        'categories/sport/rss.xml',
        'categories/sport/atom.xml',
        'categories/sport/feed.json',
      ]);
      expect(reuse.kept(sport.paths, sport.key)).toEqual(sport.paths.map((p) => files[p]));
      for (const changed of ['categories/news/rss.xml', 'rss.xml', 'posts/p2/index.html']) {
        const o = output(changed);
        expect(o.key).not.toBe(built.output.keys.get(changed));
        expect(reuse.kept(o.paths, o.key)).toBeUndefined();
      }

      const page = output('posts/p1/index.html');
      expect(page.key).toBe(built.output.keys.get('posts/p1/index.html'));
      expect(reuse.kept(page.paths, page.key)).toEqual([files['posts/p1/index.html']]);
      expect(files['posts/p1/index.html']).toMatch(/^[0-9a-f]{64}$/);
      expect(reuse.kept(page.paths, 'another key')).toBeUndefined();
    });

    it('carries over nothing it has no digest of', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      const { reuse } = await nextBuild(site);
      const key = built.output.keys.get('rss.xml') as string;
      expect(reuse.kept(['rss.xml', 'atom.xml', 'feed.json'], key)).toHaveLength(3);
      expect(reuse.kept(['rss.xml', 'atom.xml', 'rss.txt'], key)).toBeUndefined();
      expect(reuse.kept(['new/index.html'], key)).toBeUndefined();
    });

    it('carries nothing over when the output’s manifest is not the one recorded', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      await site.write('p2.md', post(2, {}, 'Edited.\n'));
      await touchManifest(site);
      const { reuse, outputs } = await nextBuild(site);
      expect(
        outputs.filter((o) => o.key === built.output.keys.get(o.paths[0] as string)),
      ).not.toEqual([]);
      for (const o of outputs) expect(reuse.kept(o.paths, o.key)).toBeUndefined();
    });

    it('plans to carry over a file edited by hand: the writer checks each file it keeps', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      await writeFile(path.join(site.outDir, 'feed.json'), '{}');
      const { reuse } = await nextBuild(site);
      const key = built.output.keys.get('rss.xml') as string;
      expect(reuse.kept(['rss.xml', 'atom.xml', 'feed.json'], key)).toHaveLength(3);
    });

    it('carries nothing over when the build writes nothing, or there was no build', async () => {
      const site = await sportsSite();
      const first = await nextBuild(site);
      for (const o of first.outputs) expect(first.reuse.kept(o.paths, o.key)).toBeUndefined();
      await buildOnce(site);
      const { reuse, outputs } = await nextBuild(site, { write: false });
      for (const o of outputs) expect(reuse.kept(o.paths, o.key)).toBeUndefined();
    });
    it('hands the next build the feed items the last one wrote, also when the output cannot be carried over', async () => {
      const site = await sportsSite();
      const first = await nextBuild(site);
      expect([...first.reuse.items().keys()]).toEqual([]);
      const built = await buildOnce(site);
      const shelf = (await nextBuild(site)).reuse.items();
      const written = new Map([...shelf.keys()].map((key) => [key, shelf.get(key)]));
      // Three stories in the site's documents, each in RSS and Atom (in full, and as summaries).
      const shown = new Set([...written.keys()].map((key) => key.split('\u0000')[0]));
      expect(shown.size).toBe(3);
      expect(written.size).toBeGreaterThanOrEqual(6);
      expect([...written.values()].every((xml) => xmlText(xml)?.[0]?.includes('<'))).toBe(true);
      await touchManifest(site);
      const { reuse } = await nextBuild(site);
      expect(
        reuse.kept(
          ['rss.xml', 'atom.xml', 'feed.json'],
          built.output.keys.get('rss.xml') as string,
        ),
      ).toBeUndefined();
      const again = reuse.items();
      expect(new Map([...again.keys()].map((key) => [key, again.get(key)]))).toEqual(written);
    });
  });

  describe('viewOf', () => {
    it('leaves contentHtml out when the story has none, and keys the view by its hashes', () => {
      const story: Story = {
        post: { sourcePath: 'a.md' } as Story['post'],
        size: 1,
        mtimeMs: 2,
        headHash: 'h',
        bodyHash: 'b',
        summary: 's',
        summaryKey: 'sk',
        diagnostics: [],
      };
      const view = viewOf(story);
      expect(view).toEqual({
        post: story.post,
        summary: 's',
        summaryKey: 'sk',
        contentKey: hashBytes('hb'),
      });
      expect(Object.hasOwn(view, 'contentHtml')).toBe(false);
      expect(viewOf({ ...story, contentHtml: '' }).contentHtml).toBe('');
    });
  });
});
