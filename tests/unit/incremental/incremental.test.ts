import { existsSync } from 'node:fs';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCollisions } from '../../../src/derive/collisions.js';
import { feedDocuments, feedSummary, siteDocument } from '../../../src/derive/feed-documents.js';
import { planSite } from '../../../src/derive/plan-feeds.js';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { Incremental, type IncrementalOptions } from '../../../src/incremental/incremental.js';
import { discoverPosts } from '../../../src/load/discover-posts.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import type { BodyJob, HeadRecord, PostRef } from '../../../src/model.js';
import { readHeads } from '../../../src/pipeline/read-heads.js';
import { renderBodies } from '../../../src/pipeline/render-bodies.js';
import { renderSite } from '../../../src/render/render-site.js';
import { writeOutput } from '../../../src/write/write-output.js';
import { siteConfig } from '../../helpers/model.js';
import { makeSite, postText } from '../../helpers/site.js';

const config = siteConfig();
const NOW = new Date('2026-05-01T12:00:00Z');

type Stale = Pick<BodyJob, 'sourcePath' | 'previous'>;

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
async function siteWith(posts: Record<string, string>) {
  const dir = await makeSite({});
  const site = {
    dir,
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
function siteOf(n: number) {
  return siteWith(
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i + 1}.md`, post(i + 1)])),
  );
}

function open(site: Site, options: Partial<IncrementalOptions> = {}): Promise<Incremental> {
  return Incremental.open({
    cacheDir: site.cacheDir,
    postsDir: site.postsDir,
    outDir: site.outDir,
    config,
    assets: [],
    selection: {},
    write: true,
    ...options,
  });
}

/** The real stages, wrapped to record what they were asked to do. */
function stagesFor(site: Site) {
  const job = (sourcePath: string) => ({
    sourcePath,
    file: path.join(site.postsDir, sourcePath),
    display: `posts/${sourcePath}`,
  });
  const calls = { read: [] as string[][], render: [] as Stale[][] };
  return {
    calls,
    read: (stale: string[]) => {
      calls.read.push(stale);
      return readHeads(stale.map(job), config);
    },
    render: (stale: Stale[]) => {
      calls.render.push(stale);
      return renderBodies(
        stale.map((s) => ({ ...s, ...job(s.sourcePath) })),
        config,
      );
    },
  };
}

const refsOf = (heads: readonly HeadRecord[]) => heads.flatMap((h) => (h.ref ? [h.ref] : []));
const display = (ref: PostRef) => `posts/${ref.sourcePath}`;

/**
 * The steps of a build up to the bodies, as `build.ts` runs them: heads, collisions, plan,
 * bodies. `check` stands in for the collision check when given.
 */
async function readAndRender(
  cache: Incremental,
  site: Site,
  options: {
    now?: Date;
    check?: () => Diagnostic[];
    selection?: IncrementalOptions['selection'];
  } = {},
) {
  const stages = stagesFor(site);
  const files = site.files();
  const heads = await cache.heads(files, stages.read);
  const refs = refsOf(heads.heads);
  let checked = 0;
  const collisions = cache.collisions(() => {
    checked++;
    return options.check ? options.check() : findCollisions(refs, display);
  });
  const plan = planSite(refs, config, { now: options.now ?? NOW, ...options.selection });
  const bodies = await cache.bodies(plan.selected, stages.render);
  const feeds = feedDocuments(plan, config, bodies.of);
  return { stages, heads, checked, collisions, plan, bodies, feeds };
}

/**
 * A whole build that writes its output and records it, then saves the cache: what the next
 * build finds. Returns the write result and what went into it.
 */
async function buildOnce(site: Site, options: Partial<IncrementalOptions> & { now?: Date } = {}) {
  const { now = NOW, ...incOptions } = options;
  const cache = await open(site, incOptions);
  expect(await cache.upToDate(site.files(), now)).toBeUndefined();
  const run = await readAndRender(cache, site, {
    now,
    ...(incOptions.selection ? { selection: incOptions.selection } : {}),
  });
  const reuse = await cache.reuse(run.plan, run.feeds, run.bodies.entries);
  const output = renderSite(siteDocument(config, run.feeds), reuse);
  const written = await writeOutput(site.outDir, output.files, {
    ...(cache.outputStamps ? { stamps: cache.outputStamps } : {}),
  });
  cache.record(written, {
    plan: run.plan,
    summaries: run.feeds.map(feedSummary),
    pageKeys: output.pageKeys,
    bodies: run.bodies,
  });
  await cache.save(run.plan.selected);
  return { ...run, written, pageKeys: output.pageKeys, cache };
}

/** Re-opens the cache and runs the up-to-date check, as the next build would first. */
async function reopen(site: Site, options: Partial<IncrementalOptions> = {}, now = NOW) {
  const cache = await open(site, options);
  const upToDate = await cache.upToDate(site.files(), now);
  return { cache, upToDate };
}

describe('Incremental', () => {
  describe('heads', () => {
    it('reads every file when there is no cache yet, in the order of the files', async () => {
      const site = await siteOf(3);
      const { cache, upToDate } = await reopen(site);
      expect(upToDate).toBeUndefined();
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

      await site.write('p2.md');
      await site.write('p4.md', post(4));
      const { cache } = await reopen(site);
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

    it('runs the check when a file was touched, added or removed', async () => {
      const site = await siteOf(3);
      const first = await reopen(site);
      await readAndRender(first.cache, site);
      await first.cache.save();

      for (const change of [
        () => site.write('p1.md'),
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
  });

  describe('upToDate', () => {
    it('returns the record of the last build when nothing changed and the output is as written', async () => {
      const site = await siteOf(3);
      const built = await buildOnce(site);
      const { cache, upToDate } = await reopen(site);
      expect(upToDate?.diagnostics).toEqual([]);
      expect(upToDate?.record).toMatchObject({
        files: built.written.manifest.files,
        stamps: built.written.stamps,
        published: 3,
        summaries: built.feeds.map(feedSummary),
        nextDue: Number.POSITIVE_INFINITY,
        pages: built.pageKeys,
      });
      expect(cache.outputStamps).toEqual(built.written.stamps);
    });

    it('repeats the warnings of the posts, stored with their heads', async () => {
      const site = await siteWith({ 'p1.md': post(1, { titel: 'typo' }) });
      await buildOnce(site);
      const { upToDate } = await reopen(site);
      expect(upToDate?.diagnostics).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'unknown-key', file: 'posts/p1.md' }),
      ]);
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
      const assets = [{ path: 'logo.png', size: 10, mtimeMs: 1 }];
      expect((await reopen(site, { assets })).upToDate).toBeUndefined();
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
      await site.write('p1.md');
      const failed = await reopen(site);
      await readAndRender(failed.cache, site, {
        check: () => [{ severity: 'error', code: 'duplicate-slug', file: 'p', message: 'm' }],
      });
      await failed.cache.save();
      expect((await reopen(site)).upToDate).toBeUndefined();
    });
  });

  describe('unchanged', () => {
    it('returns the record when only a file outside every feed changed', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      await site.write('draft.md', post(3, { draft: true }));
      const { cache, upToDate } = await reopen(site);
      expect(upToDate).toBeUndefined();
      const stages = stagesFor(site);
      const refs = refsOf((await cache.heads(site.files(), stages.read)).heads);
      expect(stages.calls.read).toEqual([['draft.md']]);
      const same = await cache.unchanged(planSite(refs, config, { now: NOW }));
      expect(same?.published).toBe(2);
    });

    it('is undefined when a post in some feed was read again', async () => {
      const site = await siteOf(2);
      await buildOnce(site);
      await site.write('p1.md');
      const { cache } = await reopen(site);
      const refs = refsOf((await cache.heads(site.files(), stagesFor(site).read)).heads);
      expect(await cache.unchanged(planSite(refs, config, { now: NOW }))).toBeUndefined();
    });
  });

  describe('bodies', () => {
    it('renders every selected post the first time, with no previous hashes', async () => {
      const site = await siteOf(3);
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([
        [{ sourcePath: 'p3.md' }, { sourcePath: 'p2.md' }, { sourcePath: 'p1.md' }],
      ]);
      expect(run.bodies.rendered).toBe(3);
      expect(run.bodies.diagnostics).toEqual([]);
      const p1 = run.plan.selected.find((ref) => ref.sourcePath === 'p1.md');
      expect(p1 && run.bodies.of(p1).contentHtml).toBe('<p>Body 1.</p>');
    });

    it('reuses the entries of files not read again, without rendering them', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      await site.write('p3.md', post(3));
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([[{ sourcePath: 'p3.md' }]]);
      expect(run.bodies.rendered).toBe(1);
      for (const file of ['p1.md', 'p2.md']) {
        expect(run.bodies.entries.get(file)).toEqual(built.bodies.entries.get(file));
      }
    });

    it('passes the cached hashes of a re-read file, and keeps its rendering when its bytes are the same', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      const before = built.bodies.entries.get('p1.md');
      await site.write('p1.md');
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([
        [
          {
            sourcePath: 'p1.md',
            previous: { headHash: before?.headHash, bodyHash: before?.bodyHash },
          },
        ],
      ]);
      expect(run.bodies.rendered).toBe(0);
      expect(run.bodies.entries.get('p1.md')?.contentHtml).toBe(before?.contentHtml);
    });

    it('renders a re-read file again when its body changed, and counts it', async () => {
      const site = await siteOf(2);
      const built = await buildOnce(site);
      await site.write('p1.md', post(1, {}, 'A new body.\n'));
      const { cache } = await reopen(site);
      const run = await readAndRender(cache, site);
      expect(run.stages.calls.render).toEqual([
        [{ sourcePath: 'p1.md', previous: expect.any(Object) }],
      ]);
      expect(run.bodies.rendered).toBe(1);
      const after = run.bodies.entries.get('p1.md');
      expect(after?.contentHtml).toBe('<p>A new body.</p>');
      expect(after?.headHash).toBe(built.bodies.entries.get('p1.md')?.headHash);
      expect(after?.bodyHash).not.toBe(built.bodies.entries.get('p1.md')?.bodyHash);
    });

    it('reports the errors of a file that broke after its head was read, and leaves it out', async () => {
      const site = await siteOf(2);
      const { cache } = await reopen(site);
      const stages = stagesFor(site);
      const refs = refsOf((await cache.heads(site.files(), stages.read)).heads);
      await site.write('p1.md', postText({ title: 'No date any more' }));
      const plan = planSite(refs, config, { now: NOW });
      const bodies = await cache.bodies(plan.selected, stages.render);
      expect(bodies.rendered).toBe(1);
      expect([...bodies.entries.keys()]).toEqual(['p2.md']);
      expect(bodies.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'missing',
          field: 'date',
          file: 'posts/p1.md',
        }),
      ]);
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
      const reuse = await cache.reuse(run.plan, run.feeds, run.bodies.entries);
      const feed = (slug?: string) => {
        const doc = run.feeds.find((d) => d.category?.slug === slug);
        if (!doc) throw new Error(`no feed ${slug}`);
        return doc;
      };
      return { reuse, feed };
    }

    it('carries over a feed whose posts are unchanged, and a page whose key is the same', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      await site.write('p2.md', post(2, {}, 'Edited.\n'));
      const { reuse, feed } = await nextBuild(site);

      const files = built.written.manifest.files;
      const sport = feed('sport');
      expect(reuse.feed(sport)).toEqual([
        files[sport.paths.rss],
        files[sport.paths.atom],
        files[sport.paths.json],
      ]);
      expect(reuse.feed(feed('news'))).toBeUndefined();
      expect(reuse.feed(feed(undefined))).toBeUndefined();

      const page = 'posts/p1/index.html';
      const key = built.pageKeys[page] ?? '';
      expect(key).not.toBe('');
      expect(reuse.page(page, key)).toBe(files[page]);
      expect(files[page]).toMatch(/^[0-9a-f]{64}$/);
      expect(reuse.page(page, 'another key')).toBeUndefined();
    });

    it('carries nothing over when the output folder does not match the record', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      await site.write('p2.md', post(2, {}, 'Edited.\n'));
      await writeFile(path.join(site.outDir, 'feed.json'), '{}');
      const { reuse, feed } = await nextBuild(site);
      expect(reuse.feed(feed('sport'))).toBeUndefined();
      for (const [page, key] of Object.entries(built.pageKeys)) {
        expect(reuse.page(page, key)).toBeUndefined();
      }
    });

    it('carries nothing over when the build writes nothing', async () => {
      const site = await sportsSite();
      const built = await buildOnce(site);
      await site.write('p2.md', post(2, {}, 'Edited.\n'));
      const { reuse, feed } = await nextBuild(site, { write: false });
      expect(reuse.feed(feed('sport'))).toBeUndefined();
      const page = 'posts/p1/index.html';
      expect(reuse.page(page, built.pageKeys[page] ?? '')).toBeUndefined();
    });
  });
});
