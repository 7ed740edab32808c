import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import {
  BuildCache,
  cacheKey,
  type OutputRecord,
  type RenderedEntry,
} from './cache/build-cache.js';
import { codeFingerprint } from './cache/code-fingerprint.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from './config/load-config.js';
import { type UserConfig, validateConfig } from './config/validate-config.js';
import {
  type FeedPlan,
  feedDocuments,
  findCollisions,
  planFeeds,
  postsInFeeds,
  selectPublished,
} from './derive/derive-feeds.js';
import { type Diagnostic, FeedwrightError } from './diagnostics.js';
import { discoverAssets } from './load/discover-assets.js';
import { discoverPosts } from './load/discover-posts.js';
import type { FileJob, ParsedFile } from './load/parse-file.js';
import type { RenderJob } from './load/render-file.js';
import { statFiles } from './load/stat-files.js';
import { WorkerPool } from './load/worker-pool.js';
import type { FeedDocument, OutputFile, PostRef, SiteConfig } from './model.js';
import { MANIFEST_FILE, readManifest } from './write/manifest.js';
import type { CopiedFile, KeptFile } from './write/write-output.js';

// Parsing, rendering and writing pull in large libraries; a build that finds everything up to
// date never loads them, so they are imported when first needed.
const loadParsing = () => import('./load/parse-files.js');
const loadRendering = async () => ({
  ...(await import('./load/render-files.js')),
  ...(await import('./render/render-feeds.js')),
  ...(await import('./write/write-output.js')),
  ...(await import('./render/html-pages.js')),
  ...(await import('./write/write-output.js')),
});

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
  /** Set to false to render without writing anything. */
  write?: boolean;
  /**
   * Folder of the persistent build cache, or false for none. Default
   * `node_modules/.cache/feedwright` under `cwd`.
   */
  cacheDir?: string | false;
  /** Threads for reading front matter; default the machine's cores. Output never depends on it. */
  threads?: number;
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
   * True when nothing the output depends on changed since the last build and the output
   * folder is as it left it: nothing was rendered or written, and `feeds`/`files` are empty.
   */
  upToDate: boolean;
  feeds: FeedDocument[];
  /** Files rendered this time; a feed carried over unchanged from the last build is not among them. */
  files: OutputFile[];
  /** Warnings (errors throw). */
  diagnostics: Diagnostic[];
  written: string[];
  unchanged: string[];
  stats: BuildStats;
  durationMs: number;
}

/** load → validate → derive → render → write. Throws `FeedwrightError` listing every problem. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const workers: { pool?: WorkerPool } = {};
  try {
    return await runBuild(options, workers);
  } finally {
    await workers.pool?.close();
  }
}

async function runBuild(
  options: BuildOptions,
  workers: { pool?: WorkerPool },
): Promise<BuildResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - mark;
    mark = now;
  };
  const progress = options.onProgress ?? (() => {});

  const cwd = options.cwd ?? process.cwd();
  const postsArg = (options.postsDir ?? 'posts').replace(/[\\/]+$/, '') || '.';
  const outArg = options.outDir ?? 'dist';
  const postsDir = path.resolve(cwd, postsArg);
  const outDir = path.resolve(cwd, outArg);

  const diagnostics: Diagnostic[] = [];
  const config = await resolveConfig(options, cwd, diagnostics);

  const { files, warnings } = await discoverPosts(postsDir, postsArg).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
        throw new FeedwrightError([
          {
            severity: 'error',
            code: 'posts-missing',
            file: postsArg,
            message: 'posts folder not found',
            fix: 'create it, or pass --posts DIR',
          },
        ]);
      }
      throw error;
    },
  );
  diagnostics.push(...warnings);
  const display = (sourcePath: string) => `${postsArg}/${sourcePath}`;
  const jobOf = (sourcePath: string): FileJob => ({
    file: path.join(postsDir, sourcePath),
    sourcePath,
    display: display(sourcePath),
  });
  lap('discover');

  const cacheFile =
    options.cacheDir === false
      ? undefined
      : path.join(
          path.resolve(cwd, options.cacheDir ?? 'node_modules/.cache/feedwright'),
          `build-${cacheKey([postsDir, outDir]).slice(0, 16)}.bin`,
        );
  const key = cacheKey([config, await codeFingerprint()]);
  const { cache, problem: cacheProblem } = cacheFile
    ? await BuildCache.open(cacheFile, key)
    : { cache: BuildCache.none(key) };
  // Threads asked for explicitly are used even for a few files (tests compare outputs).
  const threadsFor = (jobs: number, threshold: number) =>
    options.threads ?? (jobs >= threshold ? availableParallelism() : 1);
  lap('cache-load');

  const now = options.now ?? new Date();
  const selection = JSON.stringify([
    options.includeFuture ?? false,
    options.includeDrafts ?? false,
  ]);
  const publicArg = options.publicDir === false ? undefined : (options.publicDir ?? 'public');
  const assets = publicArg ? discoverAssets(path.resolve(cwd, publicArg)) : [];
  // The output depends on the public files too: their list, sizes and mtimes.
  const outputKey = cacheKey([key, assets.map((a) => [a.path, a.size, a.mtimeMs])]);
  const stamps = cache.hasFiles ? statFiles(files.map((f) => path.join(postsDir, f))) : undefined;

  // The result of a build that found its output already right: nothing rendered or written.
  const upToDate = (
    published: number,
    feedCount: number,
    parsed: number,
    record: OutputRecord,
  ): BuildResult => ({
    config,
    postFiles: files.length,
    published,
    feedCount,
    upToDate: true,
    feeds: [],
    files: [],
    diagnostics,
    written: [],
    unchanged: Object.keys(record.files),
    stats: { parsed, rendered: 0, timings, ...(cacheProblem ? { cacheProblem } : {}) },
    durationMs: performance.now() - started,
  });

  // No post changed since a build that succeeded, no left-out post has come due, and the output
  // is as it was left: there is nothing to do, and no need to look at any post's front matter.
  const last = cache.output;
  if (
    options.write !== false &&
    stamps &&
    last &&
    cache.collisionFree &&
    last.selection === selection &&
    last.outputKey === outputKey &&
    now.getTime() < last.nextDue &&
    cache.unchanged(files, stamps)
  ) {
    const stored = cache.storedDiagnostics(files);
    if (!stored.some((d) => d.severity === 'error') && (await outputMatches(outDir, last))) {
      diagnostics.push(...stored, ...last.diagnostics);
      if (options.strict && diagnostics.length > 0) throw new FeedwrightError(diagnostics);
      lap('read');
      return upToDate(last.published, last.feedCount, 0, last);
    }
  }

  // Front matter: from the cache when the file's size and mtime are unchanged, else read.
  const parsed = new Array<ParsedFile>(files.length);
  const toParse: number[] = [];
  files.forEach((sourcePath, i) => {
    const cached = cache.files.get(sourcePath);
    if (cached && stamps && stamps[2 * i] === cached.size && stamps[2 * i + 1] === cached.mtimeMs) {
      parsed[i] = cached;
    } else {
      toParse.push(i);
    }
  });
  let fresh: ParsedFile[] = [];
  if (toParse.length > 0) {
    const { parseFiles, PARALLEL_THRESHOLD } = await loadParsing();
    workers.pool = WorkerPool.start(config, threadsFor(toParse.length, PARALLEL_THRESHOLD));
    fresh = await parseFiles(
      toParse.map((i) => jobOf(files[i] as string)),
      config,
      workers.pool,
      (done) => progress({ stage: 'read', done, total: toParse.length }),
    );
    // The workers load the rendering libraries while this thread plans the feeds.
    workers.pool.preload('render');
  }
  const readNow = new Set<string>();
  fresh.forEach((entry, k) => {
    parsed[toParse[k] as number] = entry;
    cache.setFile(entry);
    readNow.add(entry.sourcePath);
  });
  const removed = cache.keepOnly(new Set(files));
  lap('read');

  const refs: PostRef[] = [];
  const headHashes = new Map<string, string>();
  for (const entry of parsed) {
    diagnostics.push(...entry.diagnostics);
    headHashes.set(entry.sourcePath, entry.headHash);
    if (entry.ref) refs.push(entry.ref);
  }
  // Checking 100,000 posts for shared slugs, ids and URLs takes a while; when no file changed
  // since a check that found none, there is nothing new to find.
  if (toParse.length > 0 || removed || !cache.collisionFree) {
    const collisions = findCollisions(refs, config, (ref) => display(ref.sourcePath));
    diagnostics.push(...collisions);
    cache.setCollisionFree(collisions.length === 0);
  }
  const fail = () => diagnostics.some((d) => d.severity === 'error' || options.strict);
  const stop = async (): Promise<never> => {
    // Keep what was learned, so fixing one post and building again is quick.
    await cache.save().catch(() => {});
    throw new FeedwrightError(diagnostics);
  };
  if (fail()) await stop();

  const published = selectPublished(refs, {
    now,
    includeFuture: options.includeFuture ?? false,
    includeDrafts: options.includeDrafts ?? false,
  });
  // When the first post now left out for its date comes due, the output will change.
  let nextDue = Number.POSITIVE_INFINITY;
  if (!options.includeFuture) {
    for (const ref of refs) {
      const at = ref.date.getTime();
      if (at > now.getTime() && at < nextDue && (options.includeDrafts || !ref.draft)) nextDue = at;
    }
  }
  const plan = planFeeds(published, config);
  const selected = postsInFeeds(plan);
  lap('plan');

  // Nothing that goes into the output changed, and the output is as we left it: done. A post
  // read from the cache is unchanged on disk, so the body hash recorded last time still holds.
  const lastOutput = cache.output;
  const before = outputFingerprint(outputKey, plan, (ref) => {
    const hashes = lastOutput?.posts[ref.sourcePath];
    return hashes && !readNow.has(ref.sourcePath) && hashes[0] === headHashes.get(ref.sourcePath)
      ? hashes
      : undefined;
  });
  if (
    options.write !== false &&
    lastOutput &&
    before === lastOutput.fingerprint &&
    (await outputMatches(outDir, lastOutput))
  ) {
    diagnostics.push(...lastOutput.diagnostics);
    if (options.strict && lastOutput.diagnostics.length > 0) await stop();
    await cache.save();
    lap('render');
    return upToDate(published.length, plan.feeds.length, toParse.length, lastOutput);
  }

  // Only posts that land in some feed are read in full and rendered: from the cache when their
  // file is unchanged, else read (and rendered, unless the bytes match the cached rendering).
  const {
    renderFiles,
    RENDER_PARALLEL_THRESHOLD,
    renderFeed,
    renderSitePagesReusing,
    writeOutput,
    KEPT_FILE_CHANGED,
  } = await loadRendering();
  const renderedCache = await cache.rendered();
  const entries = new Map<string, RenderedEntry>();
  const jobs: RenderJob[] = [];
  for (const ref of selected) {
    const cached = renderedCache.get(ref.sourcePath);
    if (
      cached &&
      !readNow.has(ref.sourcePath) &&
      cached.headHash === headHashes.get(ref.sourcePath)
    ) {
      entries.set(ref.sourcePath, cached);
    } else {
      jobs.push({
        ...jobOf(ref.sourcePath),
        ...(cached ? { previous: { headHash: cached.headHash, bodyHash: cached.bodyHash } } : {}),
      });
    }
  }
  if (!workers.pool?.size && jobs.length > 0) {
    await workers.pool?.close();
    workers.pool = WorkerPool.start(config, threadsFor(jobs.length, RENDER_PARALLEL_THRESHOLD));
  }
  const outcomes =
    jobs.length === 0 || !workers.pool
      ? []
      : await renderFiles(jobs, config, workers.pool, (done) =>
          progress({ stage: 'render', done, total: jobs.length }),
        );
  lap('render-bodies');
  let renderedCount = 0;
  for (const outcome of outcomes) {
    const cached = renderedCache.get(outcome.sourcePath);
    if (!outcome.post) diagnostics.push(...outcome.diagnostics);
    else if (outcome.reused && cached)
      entries.set(outcome.sourcePath, { ...cached, post: outcome.post });
    else if (outcome.rendered) {
      const entry: RenderedEntry = {
        ...outcome.rendered,
        post: outcome.post,
        headHash: outcome.headHash,
        bodyHash: outcome.bodyHash,
        diagnostics: outcome.diagnostics,
      };
      await cache.setRendered(outcome.sourcePath, entry);
      entries.set(outcome.sourcePath, entry);
      renderedCount++;
    } else diagnostics.push(...outcome.diagnostics);
  }
  const bodyDiagnostics = selected.flatMap((ref) => entries.get(ref.sourcePath)?.diagnostics ?? []);
  diagnostics.push(...bodyDiagnostics);
  if (fail()) await stop();

  const entryOf = (ref: PostRef) => entries.get(ref.sourcePath) as RenderedEntry;
  const feeds = feedDocuments(
    plan,
    config,
    (ref) => entryOf(ref).post,
    (post) => entryOf(post),
  );
  // A feed whose posts and their bytes are what they were last time is carried over as written.
  const feedKeys = plan.feeds.map((feed) =>
    cacheKey([
      key,
      feed.category ?? null,
      feed.posts.map((ref) => [ref.sourcePath, entryOf(ref).headHash, entryOf(ref).bodyHash]),
    ]),
  );
  const canKeep = lastOutput !== undefined && (await outputMatches(outDir, lastOutput));
  let pageKeys: Record<string, string> = {};
  const render = (keep: boolean): (OutputFile | KeptFile)[] => [
    ...feeds.flatMap<OutputFile | KeptFile>((doc, i) => {
      const paths = [doc.paths.rss, doc.paths.atom, doc.paths.json];
      const kept = paths.map((p) => lastOutput?.files[p]);
      if (keep && lastOutput?.feeds[doc.paths.rss] === feedKeys[i] && kept.every(Boolean)) {
        return paths.map((p, k) => ({ path: p, keep: kept[k] as string }));
      }
      return renderFeed(doc);
    }),
    // Then the landing page, category pages and a page per post, each kept when unchanged.
    ...(() => {
      const pages = renderSitePagesReusing(feeds, config, (page, pageKey) =>
        keep && lastOutput?.pages[page] === pageKey ? lastOutput.files[page] : undefined,
      );
      pageKeys = pages.keys;
      return pages.files;
    })(),
  ];
  let outputs = render(canKeep && options.write !== false);
  const generated = new Set(outputs.map((file) => file.path));
  for (const asset of assets) {
    if (generated.has(asset.path) || asset.path === MANIFEST_FILE) {
      diagnostics.push({
        severity: 'error',
        code: 'public-clash',
        file: `${publicArg}/${asset.path}`,
        message: 'this file would replace one that feedwright writes',
        fix: 'rename it or move it to another folder',
      });
    }
  }
  if (fail()) await stop();
  const copied: CopiedFile[] = assets.map((asset) => ({ path: asset.path, source: asset.file }));
  lap('render');

  let written: string[] = [];
  let unchanged: string[] = [];
  if (options.write !== false) {
    progress({ stage: 'write', done: 0, total: outputs.length });
    const write = () =>
      writeOutput(outDir, [...outputs, ...copied], {
        force: options.force ?? false,
        display: outArg,
        ...(lastOutput ? { stamps: lastOutput.stamps } : {}),
      });
    const result = await write().catch(async (error: unknown) => {
      // Someone edited a file we meant to keep: render everything and write again.
      if (!(error instanceof FeedwrightError) || error.diagnostics[0]?.code !== KEPT_FILE_CHANGED)
        throw error;
      outputs = render(false);
      return write();
    });
    ({ written, unchanged } = result);
    const posts: OutputRecord['posts'] = {};
    for (const ref of selected)
      posts[ref.sourcePath] = [entryOf(ref).headHash, entryOf(ref).bodyHash];
    const fingerprint = outputFingerprint(outputKey, plan, (ref) => posts[ref.sourcePath]);
    if (fingerprint) {
      cache.setOutput({
        fingerprint,
        files: result.manifest.files,
        posts,
        diagnostics: bodyDiagnostics,
        feeds: Object.fromEntries(feeds.map((doc, i) => [doc.paths.rss, feedKeys[i] as string])),
        stamps: result.stamps,
        pages: pageKeys,
        nextDue,
        selection,
        outputKey,
        published: published.length,
        feedCount: feeds.length,
      });
    }
    progress({ stage: 'write', done: outputs.length, total: outputs.length });
  }
  lap('write');
  await cache.save(new Set(selected.map((ref) => ref.sourcePath)));
  lap('cache-save');

  return {
    config,
    postFiles: files.length,
    published: published.length,
    feedCount: feeds.length,
    upToDate: false,
    feeds,
    files: outputs.filter((file): file is OutputFile => 'content' in file),
    diagnostics,
    written,
    unchanged,
    stats: {
      parsed: toParse.length,
      rendered: renderedCount,
      timings,
      ...(cacheProblem ? { cacheProblem } : {}),
    },
    durationMs: performance.now() - started,
  };
}

/**
 * Everything the output depends on besides the config and feedwright's code (both in `key`):
 * which posts are in which feed, in order, and the bytes of each one's front matter and body.
 * Undefined when some post's hashes are not known without reading it.
 */
function outputFingerprint<P extends PostRef>(
  key: string,
  plan: FeedPlan<P>,
  hashesOf: (ref: P) => [string, string] | undefined,
): string | undefined {
  const feeds: unknown[] = [];
  for (const feed of plan.feeds) {
    const posts: unknown[] = [];
    for (const ref of feed.posts) {
      const hashes = hashesOf(ref);
      if (!hashes) return undefined;
      posts.push([ref.sourcePath, ...hashes]);
    }
    feeds.push([feed.category?.slug ?? '', feed.category?.name ?? '', posts]);
  }
  return cacheKey([key, feeds]);
}

/**
 * True when the output folder is as the last build left it: the same manifest, and every file
 * with the size and mtime it had when written (a file edited by hand is noticed and rewritten).
 */
async function outputMatches(outDir: string, last: OutputRecord): Promise<boolean> {
  const manifest = await readManifest(outDir);
  if (manifest === null || JSON.stringify(manifest.files) !== JSON.stringify(last.files))
    return false;
  for (const [file, stamp] of Object.entries(last.stamps)) {
    const info = statSync(path.join(outDir, file), { throwIfNoEntry: false });
    if (!info || info.size !== stamp.size || info.mtimeMs !== stamp.mtimeMs) return false;
  }
  return true;
}

async function resolveConfig(
  options: BuildOptions,
  cwd: string,
  diagnostics: Diagnostic[],
): Promise<SiteConfig> {
  if (options.config) {
    const result = validateConfig(options.config, 'config');
    if (!result.ok) throw new FeedwrightError(result.diagnostics);
    diagnostics.push(...result.diagnostics);
    return result.config;
  }
  const configArg = options.configFile ?? DEFAULT_CONFIG_FILE;
  const loaded = await loadConfig(path.resolve(cwd, configArg), configArg);
  diagnostics.push(...loaded.result.diagnostics);
  return loaded.config;
}
