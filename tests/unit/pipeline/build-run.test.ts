import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { hashBytes } from '../../../src/hash.js';
import type { StoryJob } from '../../../src/incremental/incremental.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import type { FeedSummary, HeadRecord, PostRef } from '../../../src/model.js';
import { type BuildProgress, BuildRun, EARLY_LOOK_FILES } from '../../../src/pipeline/build-run.js';
import {
  compilerInlines,
  FULL_COMPILER_POSTS,
  spareCompiler,
} from '../../../src/pipeline/compiler-budget.js';
import { FRUGAL_HEAP_POSTS } from '../../../src/pipeline/heap-growth.js';
import type { PageFolders } from '../../../src/pipeline/stage-outputs.js';
import type { Workers } from '../../../src/pipeline/worker-pool.js';
import { readStoredHtml } from '../../../src/stored-html.js';
import { AHEAD_THRESHOLD } from '../../../src/write/stat-ahead.js';
import { siteConfig } from '../../helpers/model.js';
import { LISTS_OPEN_FILES, openFiles } from '../../helpers/open-files.js';

const CWD = path.resolve('/srv/site');
const config = siteConfig();

const warning = (code = 'unknown-key'): Diagnostic => ({
  severity: 'warning',
  code,
  file: 'posts/a.md',
  message: 'a warning',
});
const error = (code = 'missing'): Diagnostic => ({
  severity: 'error',
  code,
  file: 'posts/b.md',
  message: 'an error',
});

/** A stand-in for the build cache: records when it is saved. */
function fakeCache(problem?: string, fail = false) {
  const events: string[] = [];
  return {
    events,
    cache: {
      problem,
      save: async () => {
        events.push('save');
        if (fail) throw new Error('disk full');
      },
    },
  };
}

const feedSummary = (title: string): FeedSummary => ({
  title,
  description: `${title} feed`,
  language: 'en',
  homeUrl: 'https://news.example.com/',
  paths: { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' },
  urls: {
    rss: 'https://news.example.com/rss.xml',
    atom: 'https://news.example.com/atom.xml',
    json: 'https://news.example.com/feed.json',
  },
});

describe('BuildRun', () => {
  it('resolves the folders against cwd, with the defaults', () => {
    const before = Date.now();
    const run = new BuildRun({ cwd: CWD });
    expect(run.cwd).toBe(CWD);
    expect([run.postsArg, run.postsDir]).toEqual(['posts', path.join(CWD, 'posts')]);
    expect([run.outArg, run.outDir]).toEqual(['dist', path.join(CWD, 'dist')]);
    expect([run.publicArg, run.publicDir]).toEqual(['public', path.join(CWD, 'public')]);
    expect(run.cacheDir).toBe(path.join(CWD, 'node_modules/.cache/feedwright'));
    expect(run.selection).toEqual({ includeFuture: false, includeDrafts: false });
    expect(run.write).toBe(true);
    expect(run.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(run.now.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('uses the working folder of the process when no cwd is given', () => {
    const run = new BuildRun({});
    expect(run.cwd).toBe(process.cwd());
    expect(run.outDir).toBe(path.resolve('dist'));
  });

  it('takes the folders, time and selection given', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const run = new BuildRun({
      cwd: CWD,
      postsDir: 'content/posts',
      outDir: '/var/www',
      publicDir: 'static',
      cacheDir: '.cache',
      now,
      includeFuture: true,
      includeDrafts: true,
      write: false,
    });
    expect(run.postsDir).toBe(path.join(CWD, 'content/posts'));
    expect([run.outArg, run.outDir]).toEqual(['/var/www', path.resolve('/var/www')]);
    expect([run.publicArg, run.publicDir]).toEqual(['static', path.join(CWD, 'static')]);
    expect(run.cacheDir).toBe(path.join(CWD, '.cache'));
    expect(run.now).toBe(now);
    expect(run.selection).toEqual({ includeFuture: true, includeDrafts: true });
    expect(run.write).toBe(false);
  });

  it('strips trailing slashes from the posts folder as typed', () => {
    expect(new BuildRun({ cwd: CWD, postsDir: 'content/' }).postsArg).toBe('content');
    expect(new BuildRun({ cwd: CWD, postsDir: 'content//' }).postsArg).toBe('content');
    const run = new BuildRun({ cwd: CWD, postsDir: 'a/b/' });
    expect(run.postsDir).toBe(path.join(CWD, 'a/b'));
    expect(run.display('x.md')).toBe('a/b/x.md');
  });

  it('keeps the root folder the root', () => {
    const run = new BuildRun({ cwd: CWD, postsDir: '/' });
    expect(run.postsDir).toBe('/');
    expect(run.postsArg).toBe('/');
  });

  it('has no public folder with publicDir false, and no cache with cacheDir false', () => {
    const run = new BuildRun({ cwd: CWD, publicDir: false, cacheDir: false });
    expect(run.publicArg).toBeUndefined();
    expect(run.publicDir).toBeUndefined();
    expect(run.cacheDir).toBeUndefined();
  });

  it('shows a post file under the posts folder as typed', () => {
    expect(new BuildRun({ cwd: CWD }).display('2026/a.md')).toBe('posts/2026/a.md');
    expect(new BuildRun({ cwd: CWD, postsDir: '../notes' }).display('a.md')).toBe('../notes/a.md');
  });

  it('makes head jobs with the absolute file, the display name and the head the cache knows', () => {
    const run = new BuildRun({ cwd: CWD, postsDir: 'content' });
    const heads = [{ sourcePath: 'a.md' }, { sourcePath: '2026/b.md', known: 'head-hash' }];
    expect(run.headJobs(heads)).toEqual([
      { sourcePath: 'a.md', file: path.join(CWD, 'content/a.md'), display: 'content/a.md' },
      {
        sourcePath: '2026/b.md',
        known: 'head-hash',
        file: path.join(CWD, 'content/2026/b.md'),
        display: 'content/2026/b.md',
      },
    ]);
    expect(run.headJobs([])).toEqual([]);
  });

  it('makes body jobs that keep the hashes of the previous rendering', () => {
    const run = new BuildRun({ cwd: CWD, write: false });
    const previous = { headHash: 'h', bodyHash: 'b' };
    expect(run.bodyJobs([{ sourcePath: 'a.md', previous }, { sourcePath: 'b.md' }])).toEqual([
      { sourcePath: 'a.md', previous, file: path.join(CWD, 'posts/a.md'), display: 'posts/a.md' },
      { sourcePath: 'b.md', file: path.join(CWD, 'posts/b.md'), display: 'posts/b.md' },
    ]);
  });

  it('passes force through to the body jobs: a body whose HTML was not kept is rendered', () => {
    const run = new BuildRun({ cwd: CWD, write: false });
    const stale: StoryJob[] = [{ sourcePath: 'a.md', force: true }];
    expect(run.bodyJobs(stale)).toEqual([
      {
        sourcePath: 'a.md',
        force: true,
        file: path.join(CWD, 'posts/a.md'),
        display: 'posts/a.md',
      },
    ]);
  });

  it('has a writing build put the HTML it renders aside in one folder of its own, removed by close', async () => {
    const run = new BuildRun({ cwd: CWD });
    const jobs = [
      ...run.headJobs([{ sourcePath: 'a.md' }], true),
      ...run.bodyJobs([{ sourcePath: 'b.md' }]),
    ];
    const folder = jobs[0]?.storeHtmlIn as string;
    expect(jobs.map((job) => job.storeHtmlIn)).toEqual([folder, folder]);
    expect(path.dirname(folder)).toBe(tmpdir());
    expect(existsSync(folder)).toBe(true);
    // Reading front matter alone renders nothing: nothing to put aside.
    expect('storeHtmlIn' in (run.headJobs([{ sourcePath: 'c.md' }])[0] ?? {})).toBe(false);
    // Summaries are put aside too by a large cold build only.
    expect(jobs.some((job) => 'storeSummary' in job)).toBe(false);
    const many = Array.from({ length: FRUGAL_HEAP_POSTS }, (_, i) => ({ sourcePath: `${i}.md` }));
    const large = run.headJobs(many, true);
    expect(large.every((job) => job.storeSummary === true && job.storeHtmlIn === folder)).toBe(
      true,
    );
    expect(run.headJobs(many.slice(1), true).some((job) => 'storeSummary' in job)).toBe(false);
    await run.close();
    expect(existsSync(folder)).toBe(false);
    await run.close(); // twice is harmless
    // A build that does not write gives its files' text back: its HTML stays text.
    const dry = new BuildRun({ cwd: CWD, write: false });
    expect(dry.bodyJobs([{ sourcePath: 'b.md' }])[0]?.storeHtmlIn).toBeUndefined();
    expect(dry.headJobs(many, true).some((job) => 'storeSummary' in job)).toBe(false);
  });

  it.runIf(LISTS_OPEN_FILES)(
    'lets go, when closed, of the files it read stories’ text from: a later save may remove them',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-readers-'));
      const file = path.join(dir, 'build.stories-1.summaries-x.txt');
      await writeFile(file, 'A summary.');
      const openOn = () => openFiles().includes(file);
      const run = new BuildRun({ cwd: CWD, write: false });
      expect(readStoredHtml({ file, offset: 2, bytes: 7, key: hashBytes('summary') })).toBe(
        'summary',
      );
      expect(openOn()).toBe(true);
      await run.close();
      expect(openOn()).toBe(false);
      await rm(dir, { recursive: true, force: true });
    },
  );

  it('scopes the cache to its folders, selection and whether it writes', () => {
    const run = new BuildRun({ cwd: CWD, includeDrafts: true });
    expect(run.cacheScope()).toEqual({
      cacheDir: path.join(CWD, 'node_modules/.cache/feedwright'),
      postsDir: path.join(CWD, 'posts'),
      outDir: path.join(CWD, 'dist'),
      selection: { includeFuture: false, includeDrafts: true },
      write: true,
      // What git says of the posts (see cleanBlobs): nothing, here, outside any work tree.
      tracked: expect.any(Function),
      outputKnown: expect.any(Function),
    });
    const none = new BuildRun({ cwd: CWD, cacheDir: false, write: false }).cacheScope();
    expect('cacheDir' in none).toBe(false);
    // Git asked from a number of files given, or never.
    expect(new BuildRun({ cwd: CWD, git: 1 }).cacheScope()).toMatchObject({ askGitFrom: 1 });
    const noGit = new BuildRun({ cwd: CWD, git: false }).cacheScope();
    expect('tracked' in noGit || 'askGitFrom' in noGit).toBe(false);
    expect(none.write).toBe(false);
  });

  it('has the cache tell it the last output, to look at a large one as soon as it is known', async () => {
    const many = Array.from({ length: EARLY_LOOK_FILES }, (_, i) => `p/${i}/index.html`);
    const stamps = {
      files: { paths: many, stamps: new Float64Array(many.length * 2) },
      folders: { paths: [''], stamps: Float64Array.of(4096, 3) },
    };
    const run = new BuildRun({ cwd: await mkdtemp(path.join(tmpdir(), 'feedwright-known-')) });
    run.cacheScope().outputKnown(stamps);
    // The look under way is the one the up-to-date check and the writer are given.
    const files = run.lookAhead(stamps, true);
    expect(files).toBeTypeOf('function');
    expect(run.writeTarget(stamps).ahead).toBeInstanceOf(Promise);
    await run.close();
    await expect(files?.()).resolves.toBeUndefined();
    // A smaller output is looked at only once the build knows it writes something.
    const paths = many.slice(0, AHEAD_THRESHOLD);
    const fewer = { ...stamps, files: { paths, stamps: new Float64Array(paths.length * 2) } };
    const small = new BuildRun({ cwd: await mkdtemp(path.join(tmpdir(), 'feedwright-few-')) });
    small.cacheScope().outputKnown(fewer);
    expect(small.lookAhead(fewer, true)).toBeUndefined();
    expect(small.lookAhead(fewer)).toBeTypeOf('function');
    await small.close();
  });

  describe('check', () => {
    it('lets the build go on with no problems or only warnings', async () => {
      const run = new BuildRun({ cwd: CWD });
      await run.check();
      await run.check([warning()]);
      expect(run.diagnostics).toEqual([warning()]);
    });

    it('throws FeedwrightError with every diagnostic reported so far on an error', async () => {
      const run = new BuildRun({ cwd: CWD });
      run.report([warning('first')]);
      await run.check([warning('second')]);
      const thrown = await run.check([error()]).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(FeedwrightError);
      expect((thrown as FeedwrightError).diagnostics).toEqual([
        warning('first'),
        warning('second'),
        error(),
      ]);
    });

    it('throws on an error reported earlier, even when given nothing new', async () => {
      const run = new BuildRun({ cwd: CWD });
      run.report([error()]);
      await expect(run.check()).rejects.toThrow(FeedwrightError);
    });

    it('with strict throws on a warning', async () => {
      const run = new BuildRun({ cwd: CWD, strict: true });
      await run.check([]);
      const thrown = await run.check([warning()]).catch((e: unknown) => e);
      expect((thrown as FeedwrightError).diagnostics).toEqual([warning()]);
    });

    it("passed: checks a stage's problems, then times it, only when it passed", async () => {
      const run = new BuildRun({ cwd: CWD });
      run.opened(config, 1, fakeCache().cache);
      await run.passed('read', [warning()]);
      await expect(run.passed('render', [error()])).rejects.toThrow(FeedwrightError);
      const result = run.unchanged(
        { record: { summaries: [], nextDue: Number.POSITIVE_INFINITY }, paths: [] },
        0,
      );
      expect(result.stats.timings).toEqual({ read: expect.any(Number) });
      expect(result.diagnostics).toEqual([warning(), error()]);
    });

    it('saves the cache before it throws, and throws even when saving fails', async () => {
      const run = new BuildRun({ cwd: CWD });
      const { events, cache } = fakeCache();
      run.opened(config, 1, cache);
      await run.check([warning()]);
      expect(events).toEqual([]);
      await run.check([error()]).catch((e: unknown) => {
        events.push(e instanceof FeedwrightError ? 'threw' : 'other');
      });
      expect(events).toEqual(['save', 'threw']);

      const failing = new BuildRun({ cwd: CWD });
      const broken = fakeCache(undefined, true);
      failing.opened(config, 1, broken.cache);
      await expect(failing.check([error()])).rejects.toThrow(FeedwrightError);
      expect(broken.events).toEqual(['save']);
    });
  });

  describe('unchanged', () => {
    it('says the output is up to date, listing its files as unchanged', () => {
      const run = new BuildRun({ cwd: CWD });
      run.opened(config, 7, fakeCache().cache);
      run.report([warning()]);
      run.lap('discover');
      const feeds = [feedSummary('Site'), feedSummary('Tech')];
      const paths = ['rss.xml', 'index.html'];
      const result = run.unchanged(
        { record: { summaries: feeds, nextDue: Number.POSITIVE_INFINITY }, paths },
        5,
      );
      expect(result).toEqual({
        config,
        postFiles: 7,
        published: 5,
        feedCount: 2,
        upToDate: true,
        feeds,
        files: [],
        written: [],
        unchanged: ['rss.xml', 'index.html'],
        diagnostics: [warning()],
        stats: { parsed: 0, rendered: 0, timings: { discover: expect.any(Number) } },
        durationMs: expect.any(Number),
      });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
      // A list of its own: not the record's, which the cache keeps.
      expect(result.unchanged).not.toBe(paths);
    });

    it('says when the next scheduled post is due, as the record has it', () => {
      const run = new BuildRun({ cwd: CWD });
      run.opened(config, 1, fakeCache().cache);
      const due = Date.parse('2026-06-01T04:00:00Z');
      const result = run.unchanged({ record: { summaries: [], nextDue: due }, paths: [] }, 1);
      expect(result.nextDue).toEqual(new Date(due));
    });

    it('says why the cache was not used, when it was not', () => {
      const run = new BuildRun({ cwd: CWD });
      run.opened(config, 0, fakeCache('the build cache was corrupt').cache);
      const result = run.unchanged({ record: { summaries: [], nextDue: Infinity }, paths: [] }, 0);
      expect(result.stats.cacheProblem).toBe('the build cache was corrupt');
    });
  });

  describe('heads', () => {
    it('counts the heads read, reports their problems, and gives the posts without errors', () => {
      const run = new BuildRun({ cwd: CWD });
      run.opened(config, 2, fakeCache().cache);
      const warning = { severity: 'warning', code: 'w', file: 'posts/a.md', message: 'm' } as const;
      const error = { severity: 'error', code: 'e', file: 'posts/b.md', message: 'm' } as const;
      const ref = { sourcePath: 'a.md' } as unknown as PostRef;
      const heads = [
        { sourcePath: 'a.md', ref, diagnostics: [warning] },
        { sourcePath: 'b.md', diagnostics: [error] },
      ] as unknown as HeadRecord[];
      expect(run.heads({ heads, read: 1 })).toEqual([ref]);
      expect(run.diagnostics).toEqual([warning, error]);
      const result = run.unchanged({ record: { summaries: [], nextDue: Infinity }, paths: [] }, 1);
      expect(result.stats.parsed).toBe(1);
      expect(Object.keys(result.stats.timings)).toContain('read');
    });
  });

  describe('built', () => {
    it('returns only the files rendered this time, read back from the output, and what the writer did', async () => {
      const outDir = await mkdtemp(path.join(tmpdir(), 'feedwright-built-'));
      await writeFile(path.join(outDir, 'rss.xml'), '<rss>written</rss>');
      const run = new BuildRun({ cwd: CWD, outDir });
      run.opened(config, 3, fakeCache().cache);
      run.heads({ heads: [], read: 2 });
      const feeds = [feedSummary('Site')];
      const rss = { path: 'rss.xml', content: '<rss/>' };
      const plan = { published: ['a', 'b', 'c'], nextDue: Number.POSITIVE_INFINITY };
      const result = run.built({ plan, feeds }, 1, [rss, { path: 'atom.xml', keep: 'digest' }], {
        written: ['rss.xml'],
        unchanged: ['atom.xml'],
      });
      expect(result).toMatchObject({
        postFiles: 3,
        published: 3,
        feedCount: 1,
        upToDate: false,
        feeds,
        written: ['rss.xml'],
        unchanged: ['atom.xml'],
        diagnostics: [],
        stats: { parsed: 2, rendered: 1, timings: {} },
      });
      // The HTML the file was rendered from is gone with the build: its text is what was written.
      expect(result.files.map((file) => [file.path, file.content])).toEqual([
        ['rss.xml', '<rss>written</rss>'],
      ]);
      expect('cacheProblem' in result.stats).toBe(false);
      expect('nextDue' in result).toBe(false);
      await rm(outDir, { recursive: true });
    });

    it('says when the next scheduled post is due, when one is', () => {
      const run = new BuildRun({ cwd: CWD });
      run.opened(config, 2, fakeCache().cache);
      const due = Date.parse('2026-06-01T04:00:00Z');
      const result = run.built({ plan: { published: ['a'], nextDue: due }, feeds: [] }, 0, [], {
        written: [],
        unchanged: [],
      });
      expect(result).toMatchObject({ published: 1, nextDue: new Date(due), upToDate: false });
    });

    it('reports nothing written or unchanged when the build did not write', () => {
      const run = new BuildRun({ cwd: CWD, write: false });
      run.opened(config, 1, fakeCache().cache);
      const file = { path: 'rss.xml', content: '<rss/>' };
      const plan = { published: ['a'], nextDue: Number.POSITIVE_INFINITY };
      const result = run.built({ plan, feeds: [] }, 1, [file], undefined);
      expect(result).toMatchObject({ files: [file], written: [], unchanged: [], feedCount: 0 });
    });
  });

  it('records the time of each stage under its name, in order', () => {
    const run = new BuildRun({ cwd: CWD });
    run.lap('discover');
    run.lap('read');
    run.lap('write');
    const plan = { published: [], nextDue: Number.POSITIVE_INFINITY };
    const { timings } = run.built({ plan, feeds: [] }, 0, [], undefined).stats;
    expect(Object.keys(timings)).toEqual(['discover', 'read', 'write']);
    for (const ms of Object.values(timings)) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('forwards progress to onProgress with its stage and total', () => {
    const seen: BuildProgress[] = [];
    const run = new BuildRun({ cwd: CWD, onProgress: (p) => seen.push(p) });
    const read = run.progress('read', 5);
    read(2);
    read(5);
    run.progress('render', 1)(1);
    expect(seen).toEqual([
      { stage: 'read', done: 2, total: 5 },
      { stage: 'read', done: 5, total: 5 },
      { stage: 'render', done: 1, total: 1 },
    ]);
    expect(() => new BuildRun({ cwd: CWD }).progress('read', 1)(1)).not.toThrow();
  });

  it("shares a stage's work on the build's threads, reporting its progress", () => {
    const seen: BuildProgress[] = [];
    const run = new BuildRun({ cwd: CWD, onProgress: (p) => seen.push(p) });
    const workers = { name: 'the pool' };
    const options = run.threads(workers, 'render', 3);
    expect(options.workers).toBe(workers);
    options.onProgress(3);
    expect(seen).toEqual([{ stage: 'render', done: 3, total: 3 }]);
  });

  it('says where and how to write, forwarding write progress', () => {
    const seen: BuildProgress[] = [];
    const stamps = { paths: ['rss.xml'], stamps: Float64Array.of(10, 5) };
    const folders = { paths: [''], stamps: Float64Array.of(4096, 3) };
    const run = new BuildRun({
      cwd: CWD,
      outDir: 'out',
      force: true,
      onProgress: (p) => seen.push(p),
    });
    const target = run.writeTarget({ files: stamps, folders });
    expect(target).toMatchObject({
      outDir: path.join(CWD, 'out'),
      display: 'out',
      force: true,
      stamps,
      folders,
    });
    target.onProgress?.(0, 4);
    target.onProgress?.(4, 4);
    expect(seen).toEqual([
      { stage: 'write', done: 0, total: 4 },
      { stage: 'write', done: 4, total: 4 },
    ]);
    expect(new BuildRun({ cwd: CWD }).writeTarget(undefined)).toMatchObject({
      force: false,
      stamps: undefined,
      display: 'dist',
    });
  });

  it('looks at the live output ahead only for a build that writes, and stops looking once closed', async () => {
    const many = Array.from({ length: AHEAD_THRESHOLD }, (_, i) => `p/${i}/index.html`);
    const stamps = {
      files: { paths: many, stamps: new Float64Array(many.length * 2) },
      folders: { paths: [''], stamps: Float64Array.of(4096, 3) },
    };
    const dry = new BuildRun({ cwd: CWD, write: false });
    expect(dry.lookAhead(stamps)).toBeUndefined();
    expect(dry.writeTarget(stamps).ahead).toBeUndefined();
    // Before anything is known to have changed: only for an output of many files.
    const early = new BuildRun({ cwd: await mkdtemp(path.join(tmpdir(), 'feedwright-early-')) });
    expect(early.lookAhead(stamps, true)).toBeUndefined();
    expect(early.writeTarget(stamps).ahead).toBeUndefined();
    expect(AHEAD_THRESHOLD).toBeLessThan(EARLY_LOOK_FILES);
    const run = new BuildRun({ cwd: await mkdtemp(path.join(tmpdir(), 'feedwright-ahead-run-')) });
    run.lookAhead(undefined);
    expect(run.writeTarget(undefined).ahead).toBeUndefined();
    const files = run.lookAhead(stamps);
    expect(files).toBeTypeOf('function');
    // One look a build: asked again, the same.
    expect(run.lookAhead(stamps, true)).toBe(files);
    const ahead = run.writeTarget(stamps).ahead;
    expect(ahead).toBeInstanceOf(Promise);
    await run.close();
    // Stopped before its thread could start: the writer gets an answer (look yourself), no wait.
    await expect(ahead).resolves.toBeUndefined();
    await expect(files?.()).resolves.toBeUndefined();
    // A build that fails stops looking too.
    const failing = new BuildRun({ cwd: await mkdtemp(path.join(tmpdir(), 'feedwright-fail-')) });
    const looking = failing.lookAhead(stamps);
    failing.failure(new Error('a bug'));
    await expect(looking?.()).resolves.toBeUndefined();
  });

  it('has a worker make a first write’s page folders in a staging folder made now, for the write', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'feedwright-prestage-'));
    const asked: unknown[] = [];
    let finish = (_: boolean) => {};
    const workers = {
      running: true,
      aside: (kind: string, jobs: readonly unknown[]) => {
        asked.push(kind, ...jobs);
        return new Promise<boolean>((resolve) => {
          finish = resolve;
        });
      },
    } as unknown as Workers;
    const hosted = [
      { pagePath: 'posts/b/index.html' },
      { pagePath: 'index.html' },
      {},
      { pagePath: '2026/a/index.html' },
      { pagePath: 'posts/b/index.html' },
    ];
    const run = new BuildRun({ cwd });
    run.aheadOfWrite(undefined, hosted, workers);
    const { stage, taken } = asked[1] as PageFolders;
    expect(asked).toEqual(['folders', { stage, folders: ['2026/a', 'posts/b'], taken }]);
    // Shared with the worker, none taken yet.
    expect(taken.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...taken]).toEqual([0, 0]);
    expect(path.dirname(stage)).toBe(cwd);
    expect(path.basename(stage)).toMatch(/^\.dist\.early-\d+-[0-9a-f]{8}$/);
    expect(existsSync(stage)).toBe(true);
    const target = run.writeTarget(undefined).stage;
    expect(path.basename(stage)).toBe(`.dist.early-${target?.suffix}`);
    // Ready to write with the worker not done: this thread makes the folders from the other end.
    await target?.help?.();
    for (const folder of ['2026/a', 'posts/b'])
      expect(existsSync(path.join(stage, folder))).toBe(true);
    expect([...taken]).toEqual([0, 3]);
    // Once: a second call makes no second folder.
    run.prestage(hosted, undefined, workers);
    expect(asked).toHaveLength(2);
    // Closed without a write: the staging folder goes, once the worker is done with it.
    const closed = run.close();
    await Promise.resolve();
    expect(existsSync(stage)).toBe(true);
    finish(false);
    await closed;
    expect(existsSync(stage)).toBe(false);
    await expect(target?.ready).resolves.toBeUndefined();
  });

  it('makes no staging folder ahead for a build that does not write, has an output (recorded or not) or no worker', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'feedwright-no-prestage-'));
    const asked: string[] = [];
    const workers = (running: boolean) =>
      ({
        running,
        aside: async (kind: string) => {
          asked.push(kind);
          return true;
        },
      }) as unknown as Workers;
    const hosted = [{ pagePath: 'posts/a/index.html' }];
    const many = Array.from({ length: AHEAD_THRESHOLD }, (_, i) => `p/${i}/index.html`);
    const stamps = {
      files: { paths: many, stamps: new Float64Array(many.length * 2) },
      folders: { paths: [''], stamps: Float64Array.of(4096, 3) },
    };
    new BuildRun({ cwd, write: false }).prestage(hosted, undefined, workers(true));
    // With an output recorded, the write is got ready by looking at it instead.
    const incremental = new BuildRun({ cwd });
    incremental.aheadOfWrite(stamps, hosted, workers(true));
    expect(incremental.writeTarget(stamps).ahead).toBeInstanceOf(Promise);
    expect(incremental.writeTarget(stamps).stage).toBeUndefined();
    await incremental.close();
    const alone = new BuildRun({ cwd });
    alone.prestage(hosted, undefined, workers(false));
    expect(asked).toEqual([]);
    expect(alone.writeTarget(undefined).stage).toBeUndefined();
    expect(await readdir(cwd)).toEqual([]);
    // An output the cache has no record of (the cache lost): its pages may be in place already.
    await mkdir(path.join(cwd, 'dist'));
    await writeFile(path.join(cwd, 'dist', MANIFEST_FILE), '{}');
    const unrecorded = new BuildRun({ cwd });
    unrecorded.prestage(hosted, undefined, workers(true));
    expect(asked).toEqual([]);
    expect(unrecorded.writeTarget(undefined).stage).toBeUndefined();
    expect(await readdir(cwd)).toEqual(['dist']);
  });

  describe('checkNotEmpty', () => {
    const sites: string[] = [];
    afterAll(async () => {
      await Promise.all(sites.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    /** A project folder whose output folder `out` holds a published site (or nothing). */
    async function project(out: string | undefined) {
      const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-build-run-'));
      sites.push(dir);
      if (out) {
        await mkdir(path.join(dir, out), { recursive: true });
        await writeFile(
          path.join(dir, out, MANIFEST_FILE),
          '{"generator":"feedwright","files":{}}',
        );
      }
      return dir;
    }

    it('stops a build with no posts that would empty a published site', async () => {
      const cwd = await project('public_html');
      const run = new BuildRun({ cwd, postsDir: 'content/', outDir: 'public_html' });
      const thrown = (() => {
        try {
          run.checkNotEmpty(0);
        } catch (e) {
          return e;
        }
      })();
      expect(thrown).toBeInstanceOf(FeedwrightError);
      expect((thrown as FeedwrightError).diagnostics).toEqual([
        {
          severity: 'error',
          code: 'no-posts',
          file: 'content',
          message:
            'no post files found, but public_html holds a published site that this build would empty',
          fix: 'check that the posts folder is where it should be (--posts), or pass --allow-empty if the site really is to be emptied',
        },
      ]);
    });

    it('lets the build go on with posts, with allowEmpty, without writing, or with no site', async () => {
      const cwd = await project('dist');
      expect(() => new BuildRun({ cwd }).checkNotEmpty(1)).not.toThrow();
      expect(() => new BuildRun({ cwd, allowEmpty: true }).checkNotEmpty(0)).not.toThrow();
      expect(() => new BuildRun({ cwd, write: false }).checkNotEmpty(0)).not.toThrow();
      expect(() => new BuildRun({ cwd, outDir: 'other' }).checkNotEmpty(0)).not.toThrow();
      const bare = await project(undefined);
      await mkdir(path.join(bare, 'dist'));
      expect(() => new BuildRun({ cwd: bare }).checkNotEmpty(0)).not.toThrow();
    });
  });

  describe('note', () => {
    it('reports a note about the output folder, which never stops the build', async () => {
      const run = new BuildRun({ cwd: CWD, outDir: 'site', strict: true });
      run.note('removed 1 temporary folder');
      expect(run.diagnostics).toEqual([
        {
          severity: 'note',
          code: 'output-note',
          file: 'site',
          message: 'removed 1 temporary folder',
        },
      ]);
      await run.check();
    });
  });

  describe('saveCache', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: path.join(CWD, 'node_modules/.cache/feedwright/heads.json'),
    });

    it('saves the cache, reporting nothing', async () => {
      const run = new BuildRun({ cwd: CWD });
      const { events, cache } = fakeCache();
      await run.saveCache(cache.save);
      expect(events).toEqual(['save']);
      expect(run.diagnostics).toEqual([]);
    });

    it('turns a file-system fault while saving into a warning naming the file', async () => {
      const run = new BuildRun({ cwd: CWD });
      await expect(run.saveCache(() => Promise.reject(full))).resolves.toBeUndefined();
      expect(run.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'cache-not-saved',
          file: 'node_modules/.cache/feedwright/heads.json',
          message:
            'the build cache could not be saved: no space left on the device while writing it (ENOSPC); the output was written, the next build will be slower',
          fix: 'free some space on that disk and build again',
        },
      ]);
    });

    it('turns any other failure into a warning naming the cache folder', async () => {
      const run = new BuildRun({ cwd: CWD, cacheDir: '.cache' });
      await run.saveCache(fakeCache(undefined, true).cache.save);
      expect(run.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'cache-not-saved',
          file: path.join(CWD, '.cache'),
          message:
            'the build cache could not be saved: Error: disk full; the output was written, the next build will be slower',
          fix: 'delete the cache folder',
        },
      ]);
      const none = new BuildRun({ cwd: CWD, cacheDir: false });
      await none.saveCache(() => {
        throw new TypeError('no cache');
      });
      expect(none.diagnostics).toMatchObject([{ code: 'cache-not-saved', file: 'cache' }]);
    });
  });

  describe('failure', () => {
    it('passes a FeedwrightError through as it is', () => {
      const run = new BuildRun({ cwd: CWD });
      run.report([warning()]);
      const stopped = new FeedwrightError([error()]);
      expect(run.failure(stopped)).toBe(stopped);
    });

    it('makes a file-system fault a FeedwrightError after what was reported so far', () => {
      const run = new BuildRun({ cwd: CWD });
      run.report([warning()]);
      const cause = Object.assign(new Error('ENOENT: no such file or directory'), {
        code: 'ENOENT',
        syscall: 'open',
        path: path.join(CWD, 'posts/2026/a.md'),
      });
      const made = run.failure(cause);
      expect(made).toBeInstanceOf(FeedwrightError);
      expect((made as FeedwrightError).cause).toBe(cause);
      expect((made as FeedwrightError).diagnostics).toEqual([
        warning(),
        {
          severity: 'error',
          code: 'fs-enoent',
          file: 'posts/2026/a.md',
          message: 'no such file or folder while opening it (ENOENT)',
          fix: 'check the path, and create the folder it should be in',
        },
      ]);
      expect(run.diagnostics).toEqual([warning()]);
    });

    it('shows a path outside the working folder as it is', () => {
      const outside = path.resolve('/var/www/rss.xml');
      const cause = Object.assign(new Error('EACCES'), {
        code: 'EACCES',
        syscall: 'rename',
        path: outside,
      });
      const made = new BuildRun({ cwd: CWD }).failure(cause) as FeedwrightError;
      expect(made.diagnostics.map((d) => d.file)).toEqual([outside]);
    });

    it('returns anything else as it is: a bug keeps its stack', () => {
      const bug = new TypeError('cannot read properties of undefined');
      expect(new BuildRun({ cwd: CWD }).failure(bug)).toBe(bug);
    });
  });
});

describe('BuildRun: the files besides the posts', () => {
  it('counts the posts folder’s other files among the inputs, and finds an image beside its post', () => {
    const run = new BuildRun({ cwd: CWD });
    const other = { path: '2026/a.png', file: '/x/a.png', size: 3, mtimeMs: 4 };
    run.found({ files: ['2026/a.md'], others: [other], warnings: [] });
    const asset = {
      path: 'icon.png',
      file: path.join(CWD, 'public/icon.png'),
      size: 1,
      mtimeMs: 2,
    };
    // Each with the folder it is under: git's listing of that folder names it by `path`.
    expect(run.inputs([asset])).toEqual([
      { ...asset, root: path.join(CWD, 'public') },
      { ...other, root: path.join(CWD, 'posts') },
    ]);
    const image = { url: 'https://x.example/posts/a/a.png', source: '2026/a.png' };
    const posts = run.imagePosts([{ sourcePath: '2026/a.md' }, { sourcePath: 'b.md' }], (ref) => ({
      post: ref.sourcePath === 'b.md' ? {} : { image },
    }));
    expect(posts).toHaveLength(1);
    const [only] = posts;
    // Its file and name worked out when read (only a warning reads them).
    expect({
      post: only?.post,
      file: only?.file,
      display: only?.display,
      beside: only?.beside,
    }).toEqual({
      post: { image },
      file: path.join(CWD, 'posts', '2026/a.md'),
      display: 'posts/2026/a.md',
      beside: other,
    });
    expect(only && Object.keys(only)).not.toContain('file');
  });
});

describe('BuildRun.withBundles', () => {
  it('publishes a page bundle’s files where its page’s links find them, once each', () => {
    const run = new BuildRun({ cwd: CWD });
    const file = (p: string) => ({ path: p, file: `/x/${p}`, size: 3, mtimeMs: 4 });
    const others = [file('trip/photo.png'), file('trip/maps/a b.png'), file('other/x.png')];
    run.found({ files: ['trip/index.md', 'other/post.md'], others, warnings: [] });
    const site = 'https://x.example/';
    const refs = [
      { sourcePath: 'trip/index.md', url: `${site}posts/trip/`, pagePath: 'posts/trip/index.html' },
      { sourcePath: 'other/post.md', url: `${site}posts/post/`, pagePath: 'posts/post/index.html' },
    ];
    const lead = { ...file('trip/photo.png'), path: 'posts/trip/photo.png' };
    const config = { url: site, conventions: 'hugo' as const };
    expect(run.withBundles([lead], refs, config).map((a) => [a.path, a.file])).toEqual([
      ['posts/trip/photo.png', '/x/trip/photo.png'],
      ['posts/trip/maps/a b.png', '/x/trip/maps/a b.png'],
    ]);
    expect(run.withBundles([], refs.slice(1), config)).toEqual([]);
    // A site of feedwright's own has no bundles: nothing beside a post is published for it.
    expect(run.withBundles([lead], refs, { url: site })).toEqual([lead]);
  });
});

describe("BuildRun: TurboFan's inlining for a large site", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}.md`);

  it('is asked for once the posts are found, and given back when the build ends either way', () => {
    spareCompiler(() => {}, []); // as the CLI's launcher does (here without setting V8's flag)
    const small = new BuildRun({ cwd: CWD });
    small.found({ files: many(FULL_COMPILER_POSTS - 1), others: [], warnings: [] });
    expect(compilerInlines()).toBe(false);

    const large = new BuildRun({ cwd: CWD });
    large.found({ files: many(FULL_COMPILER_POSTS), others: [], warnings: [] });
    expect(compilerInlines()).toBe(true);
    large.opened(config, FULL_COMPILER_POSTS, fakeCache().cache);
    large.unchanged({ record: { summaries: [], nextDue: Number.POSITIVE_INFINITY }, paths: [] }, 0);
    expect(compilerInlines()).toBe(false);

    const failing = new BuildRun({ cwd: CWD });
    failing.found({ files: many(FULL_COMPILER_POSTS), others: [], warnings: [] });
    expect(compilerInlines()).toBe(true);
    failing.failure(new Error('disk full'));
    failing.failure(new Error('again')); // given back once
    expect(compilerInlines()).toBe(false);
  });
});
