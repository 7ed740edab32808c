/** One build's options as resolved, its running tally (problems, timings), and its result. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { UserConfig } from '../config/validate-config.js';
import { type Diagnostic, FeedwrightError, fileSystemProblem } from '../diagnostics.js';
import type { Input } from '../incremental/input-identities.js';
import type { OutputRecord } from '../incremental/output-record.js';
import type { Asset } from '../load/discover-assets.js';
import type { DiscoveredPosts } from '../load/discover-posts.js';
import { cleanBlobs } from '../load/git-index.js';
import type { ImagePost } from '../load/image-files.js';
import { MANIFEST_FILE } from '../manifest.js';
import type {
  BodyJob,
  FeedSummary,
  FileJob,
  HeadRecord,
  KeptFile,
  OutputFile,
  OutputStamps,
  PostRef,
  SeenAt,
  SiteConfig,
} from '../model.js';
import { closeHtmlReaders, removeHtmlStore } from '../stored-html.js';
import { servedPath } from '../urls.js';
import { fileNameOf } from '../validate/file-name.js';
import { earlyStage } from '../write/output-space.js';
import { type StatAhead, statAhead } from '../write/stat-ahead.js';
import { FULL_COMPILER_POSTS, fullCompiler } from './compiler-budget.js';
import { FRUGAL_HEAP_POSTS } from './heap-growth.js';
import { makeHtmlStore } from './html-store.js';
import type { PageFolders } from './stage-outputs.js';
import type { Workers } from './worker-pool.js';
import type { WriteSiteOptions } from './write-site.js';

/**
 * From this many files in the output, the look ahead (see `BuildRun.lookAhead`) starts before the
 * build knows whether anything changed, and checks the output for it: its thread starts in ~30
 * ms, and looking at this many files takes this one ~80 ms, while it has the posts' own files to
 * look at meanwhile (at 100,000 posts, ~118,000 output files: ~0.5 s of a 2.4 s up-to-date build).
 */
export const EARLY_LOOK_FILES = 20_000;

/** A file the output depends on, by its size and mtime. */
type Stamped = { path: string; file: string; size: number; mtimeMs: number };

/** A file of the posts folder that is not a post (an image beside one, say). */
type Other = DiscoveredPosts['others'][number];

export interface BuildOptions {
  /** Folder that relative paths are resolved against; default `process.cwd()`. */
  cwd?: string;
  /** Default `posts`. */
  postsDir?: string;
  /** Default `dist`. */
  outDir?: string;
  /**
   * Folder of files published as they are (images, say), copied into the output; default
   * `public` (nothing if it does not exist), or false for none.
   */
  publicDir?: string | false;
  /** Default `feedwright.config.json`; ignored when `config` is given. */
  configFile?: string;
  /** Config as an object instead of a file. */
  config?: UserConfig;
  /** Reference time for scheduled posts; default now. */
  now?: Date;
  /** Include posts dated in the future. */
  includeFuture?: boolean;
  /** Include posts with `draft: true`. */
  includeDrafts?: boolean;
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Replace an output folder holding files feedwright did not write. */
  force?: boolean;
  /**
   * Build even when no post file is found although the output folder holds a published site
   * (a checkout gone wrong would otherwise replace the live site with an empty one).
   */
  allowEmpty?: boolean;
  /** Set to false to render without writing anything. */
  write?: boolean;
  /**
   * Folder of the persistent build cache, or false for none. Default
   * `node_modules/.cache/feedwright` under `cwd`.
   */
  cacheDir?: string | false;
  /** Threads for reading and rendering posts; default the machine's cores. Output never depends on it. */
  threads?: number;
  /**
   * Whether files with a new mtime (after a checkout, every one) may be found unchanged by git's
   * index: post files then not read again, public files not counted as changed. Default true,
   * where they are in a git work tree. Or the number of post files with a new mtime from which
   * git is asked (default 32, and at least a sixteenth of the posts: fewer are quicker to read).
   * Output never depends on it.
   */
  git?: boolean | number;
  /** Called as the build goes, for progress displays. */
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildProgress {
  stage: 'read' | 'render' | 'write';
  done: number;
  total: number;
}

export interface BuildStats {
  /** Files whose front matter was read this time (the rest came from the cache). */
  parsed: number;
  /** Bodies rendered this time (the rest came from the cache). */
  rendered: number;
  /** Why the cache was not used, if it was not. */
  cacheProblem?: string;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

export interface BuildResult {
  config: SiteConfig;
  /** Post files read. */
  postFiles: number;
  /** Posts that are in the site feed's pool (published, not drafts). */
  published: number;
  /** Feeds built: the site's and one per category. */
  feedCount: number;
  /**
   * True when nothing the output depends on changed since the last build and the output folder
   * is as it left it: nothing was rendered or written.
   */
  upToDate: boolean;
  /** Every feed of the site, the site feed first, whether or not it was rendered this time. */
  feeds: FeedSummary[];
  /**
   * When the next post now left out for its date comes due (and the output will change without
   * any file changing), if one is.
   */
  nextDue?: Date;
  /**
   * Files rendered this time; a feed or page carried over unchanged is not among them. Their text
   * is not held: reading a file's `content` reads it from the output folder (the bytes written),
   * or, for a build that does not write, renders it again (the same bytes each time).
   */
  files: OutputFile[];
  /** Warnings (errors throw). */
  diagnostics: Diagnostic[];
  written: string[];
  unchanged: string[];
  stats: BuildStats;
  durationMs: number;
}

/** What the result says about the posts and feeds, once they are known. */
export interface BuiltSite {
  published: number;
  feeds: FeedSummary[];
  /** Epoch ms, or Infinity. */
  nextDue: number;
  /** Bodies rendered this time. */
  rendered: number;
}

export class BuildRun {
  readonly cwd: string;
  /** As typed (for messages), and resolved. */
  readonly postsArg: string;
  readonly postsDir: string;
  readonly outArg: string;
  readonly outDir: string;
  readonly publicArg: string | undefined;
  readonly publicDir: string | undefined;
  readonly cacheDir: string | undefined;
  readonly now: Date;
  readonly selection: { includeFuture: boolean; includeDrafts: boolean };
  readonly write: boolean;
  readonly diagnostics: Diagnostic[] = [];
  private readonly timings: Record<string, number> = {};
  private readonly started = performance.now();
  private mark = this.started;
  private save: (() => Promise<void>) | undefined;
  private config: SiteConfig | undefined;
  private postFiles = 0;
  private parsed = 0;
  private cacheProblem: string | undefined;
  private ahead: StatAhead | undefined;

  constructor(readonly options: BuildOptions) {
    this.cwd = options.cwd ?? process.cwd();
    // A trailing slash is dropped from messages, but `/` stays the root it names.
    this.postsArg = (options.postsDir ?? 'posts').replace(/(.)[\\/]+$/, '$1') || '.';
    this.postsDir = path.resolve(this.cwd, this.postsArg);
    this.outArg = options.outDir ?? 'dist';
    this.outDir = path.resolve(this.cwd, this.outArg);
    this.publicArg = options.publicDir === false ? undefined : (options.publicDir ?? 'public');
    this.publicDir = this.publicArg && path.resolve(this.cwd, this.publicArg);
    const cacheDir = options.cacheDir ?? 'node_modules/.cache/feedwright';
    this.cacheDir = cacheDir === false ? undefined : path.resolve(this.cwd, cacheDir);
    this.now = options.now ?? new Date();
    this.selection = {
      includeFuture: options.includeFuture ?? false,
      includeDrafts: options.includeDrafts ?? false,
    };
    this.write = options.write !== false;
  }

  /**
   * What the cache is for: these folders, this selection, and whether the output is written;
   * where it may ask git which post files are as it checked them out; and whom to tell the last
   * output's stamps as soon as it knows them.
   */
  cacheScope() {
    const { cacheDir, postsDir, outDir, selection, write } = this;
    const { git = true } = this.options;
    const tracked = git === false ? {} : { tracked: cleanBlobs };
    const from = typeof git === 'number' ? { askGitFrom: git } : {};
    const scope = { postsDir, outDir, selection, write, ...tracked, ...from };
    // A large output is looked at as soon as the cache knows it (see `lookAhead`).
    const outputKnown = (stamps: OutputStamps) => void this.lookAhead(stamps, true);
    return { ...(cacheDir ? { cacheDir } : {}), ...scope, outputKnown };
  }

  /** The end of stage `name`: its `diagnostics` checked (see `check`), then its time recorded. */
  async passed(name: string, diagnostics: readonly Diagnostic[]): Promise<void> {
    await this.check(diagnostics);
    this.lap(name);
  }

  /** Records the time since the last lap as stage `name`'s. */
  lap(name: string): void {
    const now = performance.now();
    this.timings[name] = now - this.mark;
    this.mark = now;
  }

  /** How a stage of `total` items shares its work: the build's threads, and progress. */
  threads<W>(workers: W, stage: 'read' | 'render', total: number) {
    return { workers, onProgress: this.progress(stage, total) };
  }

  /** A progress callback for a stage of `total` items. */
  progress(stage: BuildProgress['stage'], total: number): (done: number) => void {
    return (done) => this.options.onProgress?.({ stage, done, total });
  }

  /** A post file as messages show it. */
  display(sourcePath: string): string {
    return `${this.postsArg}/${sourcePath}`;
  }

  /** A post as messages show its file. */
  readonly named = (ref: { sourcePath: string }): string => this.display(ref.sourcePath);

  /** The post files found: their warnings reported, an empty folder refused (`checkNotEmpty`). */
  found<F extends { files: string[]; others: Other[]; warnings: Diagnostic[] }>(posts: F): F {
    // Before anything runs hot: a large site's build runs long enough for TurboFan's inlining.
    if (posts.files.length >= FULL_COMPILER_POSTS) this.compilerHeld ??= fullCompiler();
    this.report(posts.warnings);
    this.checkNotEmpty(posts.files.length);
    this.others = posts.others;
    return posts;
  }

  /** What `found` asked of V8's compiler for this build, given back when it ends either way. */
  private compilerHeld: (() => void) | undefined;

  private ended(): void {
    this.compilerHeld?.();
    this.compilerHeld = undefined;
  }

  /**
   * Every file besides the posts that the output depends on: the public folder's, and the posts
   * folder's other files (a post may publish an image beside it).
   */
  inputs(assets: readonly Stamped[]): Input[] {
    const under = (root: string) => (file: Stamped) => ({ ...file, root });
    return [...assets.map(under(this.publicDir ?? '')), ...this.others.map(under(this.postsDir))];
  }

  private others: Other[] = [];

  /** The posts with a lead image, with their files, for reading the images' own files. */
  imagePosts<R extends { sourcePath: string }>(
    refs: readonly R[],
    view: (ref: R) => { post: ImagePost['post'] },
  ): ImagePost[] {
    const others = new Map(this.others.map((other) => [other.path, other]));
    const posts: ImagePost[] = [];
    for (const ref of refs) {
      const { post } = view(ref);
      if (!post.image) continue;
      // Found when the folder was walked (and counted among the inputs): not looked up again.
      const found = post.image.source === undefined ? undefined : others.get(post.image.source);
      posts.push(new LeadImagePost(post, ref.sourcePath, this, found));
    }
    return posts;
  }

  /**
   * `assets`, and, for posts written for another tool (`conventions`), the files of every page bundle (`my-post/index.md` and what is beside it,
   * sub-folders too) where its page's links find them: each at its path relative to the post's
   * URL (once, when it is a lead image among `assets` too).
   */
  withBundles(
    assets: readonly Asset[],
    refs: readonly Pick<PostRef, 'sourcePath' | 'url' | 'pagePath'>[],
    config: Pick<SiteConfig, 'url' | 'conventions'>,
  ): Asset[] {
    // Bundles are other tools' (Hugo's, Zola's): a site of feedwright's own publishes no folder.
    if (!config.conventions) return [...assets];
    const siteUrl = config.url;
    const bundles = refs.filter((ref) => ref.pagePath && fileNameOf(ref.sourcePath).bundle);
    if (bundles.length === 0) return [...assets];
    const taken = new Set(assets.map((asset) => asset.path));
    const files = bundles.flatMap((ref) => {
      const folder = ref.sourcePath.slice(0, ref.sourcePath.lastIndexOf('/') + 1);
      return this.others.flatMap((other) => {
        if (!other.path.startsWith(folder) || other.size < 0) return [];
        const relative = other.path.slice(folder.length).split('/').map(encodeURIComponent);
        const at = servedPath(new URL(relative.join('/'), ref.url).href, siteUrl);
        return at && !taken.has(at) && taken.add(at) ? [{ ...other, path: at }] : [];
      });
    });
    return [...assets, ...files];
  }

  jobs<J extends { sourcePath: string }>(files: readonly J[]): (J & FileJob)[] {
    return files.map((job) => ({
      ...job,
      file: path.join(this.postsDir, job.sourcePath),
      display: this.display(job.sourcePath),
    }));
  }

  /**
   * Jobs reading the heads of `files` (each with the hash of its head the cache knows, if any),
   * and their bodies too when `withBodies` (a cold build).
   */
  headJobs(files: readonly Pick<FileJob, 'sourcePath' | 'known'>[], withBodies = false): FileJob[] {
    const jobs = this.jobs(files);
    if (!withBodies) return jobs;
    const store = this.htmlStore();
    // A large cold build puts its summaries aside too (see `FileJob.storeSummary`).
    const summaries = store.storeHtmlIn && files.length >= FRUGAL_HEAP_POSTS;
    const asked = summaries ? { ...store, storeSummary: true as const } : store;
    return jobs.map((job) => ({ ...job, withBody: true as const, ...asked }));
  }

  bodyJobs(stale: readonly Pick<BodyJob, 'sourcePath' | 'previous'>[]): BodyJob[] {
    const store = this.htmlStore();
    return this.jobs(stale).map((job) => ({ ...job, ...store }));
  }

  private htmlFolder: string | undefined;

  /**
   * Where a writing build's threads put the HTML they render aside (see `stored-html.ts`): made
   * when first asked, removed by `close`. A build that does not write gives its files' text back
   * and keeps the HTML as text.
   */
  private htmlStore(): { storeHtmlIn?: string } {
    if (!this.write) return {};
    this.htmlFolder ??= makeHtmlStore();
    return { storeHtmlIn: this.htmlFolder };
  }

  /**
   * Starts looking at the live output's files and folders (those `stamps` records) on a thread
   * of its own, for the writer (see `statAhead`): a build that will write, from now on. `early`:
   * before it is known that anything changed, and only for an output of `EARLY_LOOK_FILES` or
   * more files, whose look then also serves the check that the output is as it was left. How to
   * ask for the files as seen, when a look is under way (one look a build; see `StatAhead.files`).
   */
  lookAhead(
    stamps: OutputStamps | undefined,
    early = false,
  ): (() => Promise<SeenAt | undefined>) | undefined {
    const wanted = !early || (stamps?.files.paths.length ?? 0) >= EARLY_LOOK_FILES;
    if (!this.ahead && this.write && stamps && wanted) this.ahead = statAhead(this.outDir, stamps);
    return this.ahead?.files;
  }

  /**
   * What the write needs, made ready on other threads while this one renders: the live output
   * looked at (`lookAhead`), or a first write's staging folder and its pages' folders (`prestage`).
   */
  aheadOfWrite(
    stamps: OutputStamps | undefined,
    hosted: readonly { pagePath?: string }[],
    workers: Workers,
  ): void {
    this.lookAhead(stamps);
    this.prestage(hosted, stamps, workers);
  }

  /**
   * Makes a first write's staging folder now, and has a worker make the folders of the pages in
   * it while this thread plans the site: at 10,000 posts ~10,000 folders, 0.2–0.7 s of mkdir
   * that the write's threads otherwise make while the worker takes in the site. This thread makes
   * the rest from the other end once it is ready to write (see `makePageFolders`). Only when the
   * build writes with no output recorded and none in place (every page is staged: over an output
   * whose record the cache lost, pages rendered the same are not) and has a worker running, which
   * would otherwise sit idle meanwhile.
   */
  prestage(
    hosted: readonly { pagePath?: string }[],
    stamps: OutputStamps | undefined,
    workers: Workers,
  ): void {
    if (!this.write || stamps || !workers.running || this.early) return;
    if (existsSync(path.join(this.outDir, MANIFEST_FILE))) return;
    const folders = new Set<string>();
    for (const { pagePath } of hosted) if (pagePath) folders.add(path.posix.dirname(pagePath));
    folders.delete('.');
    let made: { suffix: string; stage: string };
    try {
      made = earlyStage(this.outDir, this.outArg);
    } catch {
      return; // The write makes its own, and reports what stops it.
    }
    const job: PageFolders = {
      stage: made.stage,
      folders: [...folders].sort(),
      taken: new Int32Array(new SharedArrayBuffer(8)),
    };
    // Staging's module, loaded by then with the stages (an up-to-date build loads none of them).
    const staging = () => import('./stage-outputs.js');
    const ready = workers.aside('folders', [job]).then(async (done) => {
      if (done) (await staging()).notePageFolders(job);
    });
    const help = async () => (await staging()).makePageFolders(job, 'last');
    this.early = { ...made, ready, help };
  }

  private early:
    | { suffix: string; stage: string; ready: Promise<void>; help: () => Promise<void> }
    | undefined;

  /** Removes what the build kept aside while it ran, and stops looking at the output. */
  async close(): Promise<void> {
    this.ahead?.stop();
    const early = this.early;
    this.early = undefined;
    // A write that took it moved it in as the output, or removed it; a failed build did not.
    if (early) await early.ready.then(() => rmSync(early.stage, { recursive: true, force: true }));
    // The files this thread read stories' text from (the cache's summaries among them) let go:
    // a later save may remove one, which an open file would keep on disk.
    closeHtmlReaders();
    const folder = this.htmlFolder;
    if (!folder) return;
    this.htmlFolder = undefined;
    removeHtmlStore(folder);
  }

  report(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics.push(...diagnostics);
  }

  /** The config and cache the build runs with, and how many post files it found. */
  opened(
    config: SiteConfig,
    postFiles: number,
    cache: { problem?: string | undefined; save(): Promise<void> },
  ) {
    this.config = config;
    this.postFiles = postFiles;
    this.cacheProblem = cache.problem;
    this.save = () => cache.save();
  }

  /**
   * Takes in every file's head: counts those read this time (the rest came from the cache),
   * reports their problems, ends the `read` lap, and gives the posts that have no error.
   */
  heads(read: { heads: readonly HeadRecord[]; read: number }): PostRef[] {
    this.parsed = read.read;
    for (const head of read.heads) this.report(head.diagnostics);
    this.lap('read');
    return read.heads.flatMap((head) => (head.ref ? [head.ref] : []));
  }

  /**
   * Reports `diagnostics`, then stops the build, listing every problem, when there is an error
   * (with `strict`, any warning at all).
   */
  async check(diagnostics: readonly Diagnostic[] = []): Promise<void> {
    this.report(diagnostics);
    const stop = this.diagnostics.some(
      (d) => d.severity === 'error' || (d.severity === 'warning' && this.options.strict),
    );
    if (!stop) return;
    await this.save?.().catch(() => {});
    throw new FeedwrightError(this.diagnostics);
  }

  /**
   * Stops a build that found no post file while the output holds a published site: a checkout
   * gone wrong must not replace the live site with an empty one.
   */
  checkNotEmpty(postFiles: number): void {
    if (postFiles > 0 || this.options.allowEmpty || !this.write) return;
    if (!existsSync(path.join(this.outDir, MANIFEST_FILE))) return;
    throw new FeedwrightError([
      {
        severity: 'error',
        code: 'no-posts',
        file: this.postsArg,
        message: `no post files found, but ${this.outArg} holds a published site that this build would empty`,
        fix: 'check that the posts folder is where it should be (--posts), or pass --allow-empty if the site really is to be emptied',
      },
    ]);
  }

  /** Tells, in the result, of something done on the user's behalf. */
  note(line: string): void {
    this.report([{ severity: 'note', code: 'output-note', file: this.outArg, message: line }]);
  }

  /**
   * Saves the cache once the output is in place: a failure then is a warning, never a failed
   * build (the next build is slower, not wrong: the cache checks the output it describes).
   */
  async saveCache(save: () => Promise<void>): Promise<void> {
    try {
      await save();
    } catch (error) {
      const problem = fileSystemProblem(error, (file) => this.shown(file));
      this.report([
        {
          severity: 'warning',
          code: 'cache-not-saved',
          file: problem?.file ?? this.cacheDir ?? 'cache',
          message: `the build cache could not be saved: ${problem?.message ?? String(error)}; the output was written, the next build will be slower`,
          fix: problem?.fix ?? 'delete the cache folder',
        },
      ]);
    }
  }

  /** A file-system fault as a clear error (path, fault, fix); anything else is a bug, as it is. */
  failure(error: unknown): unknown {
    this.ahead?.stop(); // a build can fail before `close` is due (a warning under --strict)
    this.ended();
    if (error instanceof FeedwrightError) return error;
    const problem = fileSystemProblem(error, (file) => this.shown(file));
    if (!problem) return error;
    return new FeedwrightError([...this.diagnostics, problem], { cause: error });
  }

  /** A path relative to the working folder when it is under it. */
  private shown(file: string): string {
    const relative = path.relative(this.cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? relative.split(path.sep).join('/')
      : file;
  }

  /** Where and how the output is written. */
  writeTarget(stamps: OutputStamps | undefined, workers?: Workers): WriteSiteOptions {
    return {
      workers,
      outDir: this.outDir,
      display: this.outArg,
      cwd: this.cwd,
      force: this.options.force ?? false,
      note: (line) => this.note(line),
      stamps: stamps?.files,
      folders: stamps?.folders,
      manifest: stamps?.manifest,
      ahead: this.ahead?.taken,
      ...(this.early
        ? { stage: { suffix: this.early.suffix, ready: this.early.ready, help: this.early.help } }
        : {}),
      onProgress: (done, total) => this.options.onProgress?.({ stage: 'write', done, total }),
    };
  }

  /** The result of a build that rendered (and, unless told not to, wrote) the output. */
  built(
    site: { plan: { published: readonly unknown[]; nextDue: number }; feeds: FeedSummary[] },
    rendered: number,
    files: readonly (OutputFile | KeptFile)[],
    result: { written: string[]; unchanged: string[] } | undefined,
  ): BuildResult {
    const made = files.filter((file): file is OutputFile => 'content' in file);
    // Written, each is read back from the output: the HTML it was rendered from is gone then.
    const fresh = result ? made.map((file) => this.writtenFile(file.path)) : made;
    const { written = [], unchanged = [] } = result ?? {};
    const { published, nextDue } = site.plan;
    const counts = { published: published.length, feeds: site.feeds, nextDue, rendered };
    return this.finish(counts, { upToDate: false, files: fresh, written, unchanged });
  }

  /** A file as the build wrote it, read from the output folder when its `content` is read. */
  private writtenFile(at: string): OutputFile {
    const file = path.join(this.outDir, at);
    return {
      path: at,
      get content() {
        return readFileSync(file, 'utf8');
      },
    };
  }

  /**
   * The result of a build that found the output as its last record describes it (`paths`, its
   * files): nothing to do.
   */
  unchanged(
    {
      record,
      paths,
    }: { record: Pick<OutputRecord, 'summaries' | 'nextDue'>; paths: readonly string[] },
    published: number,
  ): BuildResult {
    this.ahead?.stop(); // nothing to write
    const site = { published, feeds: record.summaries, nextDue: record.nextDue, rendered: 0 };
    return this.finish(site, { upToDate: true, files: [], written: [], unchanged: [...paths] });
  }

  private finish(
    site: BuiltSite,
    output: Pick<BuildResult, 'upToDate' | 'files' | 'written' | 'unchanged'>,
  ): BuildResult {
    this.ended();
    const { parsed, cacheProblem } = this;
    const stats = { parsed, rendered: site.rendered, timings: this.timings };
    return {
      config: this.config as SiteConfig,
      postFiles: this.postFiles,
      published: site.published,
      feedCount: site.feeds.length,
      feeds: site.feeds,
      ...(Number.isFinite(site.nextDue) ? { nextDue: new Date(site.nextDue) } : {}),
      ...output,
      diagnostics: this.diagnostics,
      stats: cacheProblem ? { ...stats, cacheProblem } : stats,
      durationMs: performance.now() - this.started,
    };
  }
}

/**
 * A post with a lead image, as `readImageFiles` takes it: its file and the name messages give it
 * made only when a warning needs them (100,000 posts with images: ~50 ms of `path.join` and names
 * a build that finds every image there never uses).
 */
class LeadImagePost implements ImagePost {
  readonly beside?: ImagePost['beside'];

  constructor(
    readonly post: ImagePost['post'],
    private readonly sourcePath: string,
    private readonly run: Pick<BuildRun, 'postsDir' | 'display'>,
    beside: ImagePost['beside'] | undefined,
  ) {
    if (beside) this.beside = beside;
  }

  get file(): string {
    return path.join(this.run.postsDir, this.sourcePath);
  }

  get display(): string {
    return this.run.display(this.sourcePath);
  }
}
