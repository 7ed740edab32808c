import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import {
  build,
  contentKeyOf,
  continuityRecords,
  discoverAssets,
  discoverPosts,
  FeedwrightError,
  feedBytes,
  feedDocuments,
  fitFeeds,
  MANIFEST_FILE,
  type Post,
  planSite,
  publicCopies,
  readHeads,
  readImageFiles,
  renderBodies,
  renderSite,
  resolveConfig,
  type StoredHtml,
  siteDocument,
  siteWideProblems,
  writeSite,
} from '../../src/index.js';
import { png } from '../helpers/png.js';
import { hashTree, makeConfig, postText, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

const STAGES = [
  'resolveConfig',
  'loadConfig',
  'discoverPosts',
  'discoverAssets',
  'readHeads',
  'readHead',
  'siteWideProblems',
  'findCollisions',
  'categoryLimits',
  'planSite',
  'renderBodies',
  'renderPostFile',
  'feedDocuments',
  'feedSummary',
  'siteDocument',
  'readImageFiles',
  'fitFeeds',
  'feedBytes',
  'siteOutputs',
  'renderSite',
  'publicCopies',
  'continuityRecords',
  'writeSite',
  'writeOutput',
];

/** Everything the package exports, by name. */
const exported = new Map<string, unknown>(Object.entries(api));

describe('the public API', () => {
  it('exports build and every stage build runs, as functions', () => {
    expect(typeof api.build).toBe('function');
    for (const name of STAGES) expect(typeof exported.get(name), name).toBe('function');
  });

  it('exports FeedwrightError as an Error class carrying diagnostics', () => {
    const diagnostic = {
      severity: 'error' as const,
      code: 'x',
      file: 'posts/a.md',
      message: 'broken',
    };
    const error = new FeedwrightError([diagnostic]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('FeedwrightError');
    expect(error.message).toBe('posts/a.md  broken');
    expect(error.diagnostics).toEqual([diagnostic]);
  });

  it('exports the renderers and helpers a caller uses on their own', () => {
    for (const name of [
      'renderBody',
      'deriveSummary',
      'renderRss',
      'renderAtom',
      'renderJsonFeed',
      'renderFeed',
      'renderFeeds',
      'renderSitePages',
      'validatePost',
      'validateConfig',
      'pingHubs',
      'readManifest',
      'formatDiagnostic',
      'verifyXml',
      'verifyJsonFeed',
      'readCurrent',
      'readPrevious',
      'diffSnapshots',
      'formatReportText',
      'formatReportJson',
    ])
      expect(typeof exported.get(name), name).toBe('function');
    expect(api.MANIFEST_FILE).toBe('.feedwright-manifest.json');
    expect(typeof api.Workers).toBe('function');
  });

  it('exports no defineConfig: the config is JSON (checked by its JSON Schema), and UserConfig types an object', () => {
    // A JS config file is refused ("not valid JSON"), so a helper for writing one would mislead.
    expect(exported.has('defineConfig')).toBe(false);
  });

  it('composed by hand, the exported stages give the same output as build(), byte for byte', async () => {
    // A lead image from public/ (read for its size) and a size budget that trims the feeds
    // (a story far over it), so every stage build runs has something to do.
    const long = `${'A long paragraph that the budget will not let through in full. '.repeat(300)}\n`;
    const dir = await makeSite(
      {
        '2026/a.md': postText(
          {
            title: 'A & co',
            date: '2026-04-02',
            categories: ['Tech', 'Arts'],
            tags: ['x'],
            image: '/images/lead.png',
          },
          'Intro with [a link](other/).\n\n<!--more-->\n\nRest.\n',
        ),
        'b.md': postText({ title: 'B', date: '2026-04-01', categories: ['Tech'], summary: 'Sum.' }),
        'c.md': postText({ title: 'C', date: '2026-03-01', draft: true }),
        'd.md': postText({ title: 'D', date: '2026-03-02', categories: ['Tech'] }, long),
      },
      makeConfig({ maxFeedBytes: 10_000 }),
    );
    await mkdir(path.join(dir, 'public', 'images'), { recursive: true });
    await writeFile(path.join(dir, 'public', 'images', 'lead.png'), png(1200, 675));
    const now = new Date('2026-05-01T00:00:00Z');
    const result = await build({ cwd: dir, outDir: 'by-build', now, cacheDir: false });

    const { config } = await resolveConfig({}, dir);
    const postsDir = path.join(dir, 'posts');
    const { files } = discoverPosts(postsDir, 'posts');
    const assets = discoverAssets(path.join(dir, 'public'));
    const jobs = files.map((sourcePath) => ({
      file: path.join(postsDir, sourcePath),
      sourcePath,
      display: `posts/${sourcePath}`,
    }));
    const heads = await readHeads(jobs, config);
    const refs = heads.flatMap((head) => (head.ref ? [head.ref] : []));
    expect(siteWideProblems(refs, (ref) => ref.sourcePath, config)).toEqual([]);
    const plan = planSite(refs, config, { now, includeFuture: false, includeDrafts: false });
    const bodyJobs = jobs.filter((job) =>
      plan.published.some((r) => r.sourcePath === job.sourcePath),
    );
    const outcomes = await renderBodies(bodyJobs, config);
    type View = {
      post: Post;
      summary: string | StoredHtml;
      contentHtml: string | StoredHtml;
      contentKey: string;
    };
    const rendered = new Map<string, View>();
    for (const o of outcomes) {
      const contentKey = contentKeyOf(o.headHash, o.bodyHash);
      if (o.post && o.rendered)
        rendered.set(o.sourcePath, { post: o.post, ...o.rendered, contentKey });
    }
    const story = (ref: { sourcePath: string }) => {
      const found = rendered.get(ref.sourcePath);
      if (!found) throw new Error(`${ref.sourcePath} was not rendered`);
      return found;
    };
    const leads = readImageFiles(
      [...rendered.values()].flatMap(({ post }) =>
        post.image ? [{ post, file: post.sourcePath, display: post.sourcePath }] : [],
      ),
      assets,
      config.url,
    );
    expect(leads.diagnostics).toEqual([]);
    expect([...leads.images.values()]).toMatchObject([{ width: 1200, height: 675 }]);
    const untrimmed = siteDocument(plan, config, story, leads.images);
    const { site, diagnostics: trimmed } = fitFeeds(untrimmed, config.maxFeedBytes, feedBytes);
    expect(trimmed.map((d) => d.code)).toContain('feed-over-budget');
    const output = renderSite(site);
    const fresh = output.files.flatMap((f) => ('content' in f ? [f] : []));
    expect(fresh).toHaveLength(output.files.length);
    const { copies } = publicCopies(leads.assets, fresh, 'public');
    const record = continuityRecords(site, plan.nextDue);
    const outDir = path.join(dir, 'by-hand');
    await writeSite(output, async () => output, copies, {
      outDir,
      display: 'by-hand',
      force: false,
      record,
    });

    expect(bodyJobs.map((j) => j.sourcePath)).toEqual(['2026/a.md', 'b.md', 'd.md']);
    const feeds = feedDocuments(plan, config, story, leads.images);
    expect(feeds).toEqual(untrimmed.feeds);
    expect(result.feeds.map((f) => f.paths.rss)).toEqual(feeds.map((f) => f.paths.rss));
    const byBuild = await hashTree(path.join(dir, 'by-build'));
    expect(Object.keys(byBuild)).toContain('categories/arts/atom.xml');
    expect(Object.keys(byBuild)).toContain('categories/arts/archive/1/atom.xml');
    expect(Object.keys(byBuild)).toContain('images/lead.png');
    // Every file the same bytes, the manifest (with what readers were shown) included.
    expect(await hashTree(outDir)).toEqual(byBuild);
    expect(byBuild[MANIFEST_FILE]).toBeDefined();
    // And the files build() returned are those very bytes.
    expect(result.files).toEqual(fresh);
  });

  it('exports what the manifest records, so the stages composed by hand write the same manifest', () => {
    expect(typeof exported.get('continuityRecords')).toBe('function');
  });
});
