import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { BuildCache, cacheKey, type RenderedEntry } from './cache/build-cache.js';
import { codeFingerprint } from './cache/code-fingerprint.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from './config/load-config.js';
import { type UserConfig, validateConfig } from './config/validate-config.js';
import {
  feedDocuments,
  findCollisions,
  planFeeds,
  postsInFeeds,
  type RenderedBody,
  renderBody,
  selectPublished,
} from './derive/derive-feeds.js';
import { type Diagnostic, FeedwrightError } from './diagnostics.js';
import { discoverPosts } from './load/discover-posts.js';
import { type FileJob, hashBytes, type ParsedFile } from './load/parse-file.js';
import { parseFiles } from './load/parse-files.js';
import { decodeBody, parsePostHead } from './load/parse-post.js';
import { readPostBytes, readPostHead } from './load/read-source.js';
import type { FeedDocument, OutputFile, Post, PostRef, SiteConfig } from './model.js';
import { renderSitePages } from './render/html-pages.js';
import { renderFeeds } from './render/render-feeds.js';
import { writeOutput } from './write/write-output.js';

export interface BuildOptions {
  /** Folder that relative paths are resolved against; default `process.cwd()`. */
  cwd?: string;
  /** Default `posts`. */
  postsDir?: string;
  /** Default `dist`. */
  outDir?: string;
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
  feeds: FeedDocument[];
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
    : { cache: BuildCache.empty(key) };
  lap('cache-load');

  // Front matter: from the cache when the file's size and mtime are unchanged, else read.
  const parsed = new Array<ParsedFile | undefined>(files.length);
  const toParse: number[] = [];
  files.forEach((sourcePath, i) => {
    const cached = cache.files.get(sourcePath);
    if (cached) {
      try {
        const { size, mtimeMs } = statSync(path.join(postsDir, sourcePath));
        if (size === cached.size && mtimeMs === cached.mtimeMs) {
          parsed[i] = cached;
          return;
        }
      } catch {
        // Gone since discovery: reading it will say so.
      }
    }
    toParse.push(i);
  });
  const fresh = await parseFiles(
    toParse.map((i) => jobOf(files[i] as string)),
    config,
    {
      threads: options.threads ?? availableParallelism(),
      onProgress: (done) => progress({ stage: 'read', done, total: toParse.length }),
    },
  );
  fresh.forEach((entry, k) => {
    parsed[toParse[k] as number] = entry;
    cache.setFile(entry);
  });
  cache.keepOnly(new Set(files));
  lap('read');

  const refs: PostRef[] = [];
  for (const entry of parsed) {
    if (!entry) continue;
    diagnostics.push(...entry.diagnostics);
    if (entry.ref) refs.push(entry.ref);
  }
  diagnostics.push(...findCollisions(refs, config, (ref) => display(ref.sourcePath)));
  const fail = () => diagnostics.some((d) => d.severity === 'error' || options.strict);
  if (fail()) {
    // Keep what was learned, so fixing one post and building again is quick.
    if (cacheFile) await cache.save(cacheFile).catch(() => {});
    throw new FeedwrightError(diagnostics);
  }

  const published = selectPublished(refs, {
    now: options.now ?? new Date(),
    includeFuture: options.includeFuture ?? false,
    includeDrafts: options.includeDrafts ?? false,
  });
  const plan = planFeeds(published, config);
  lap('plan');

  // Only posts that land in some feed are read in full and rendered.
  const selected = postsInFeeds(plan);
  const fullPosts = new Map<PostRef, Post>();
  const bodies = new Map<Post, RenderedBody>();
  let renderedCount = 0;
  for (const [i, ref] of selected.entries()) {
    const job = jobOf(ref.sourcePath);
    const head = readPostHead(job.file);
    const result = parsePostHead(head, job.sourcePath, job.display, config);
    if (!result.post) {
      // The file changed while we worked; its problems are what the writer needs to see.
      diagnostics.push(...result.diagnostics);
      continue;
    }
    const post = result.post;
    fullPosts.set(ref, post);
    const headHash = hashBytes(head.bytes);
    const bodyBytes = readPostBytes(job.file, head.bodyOffset);
    const bodyHash = hashBytes(bodyBytes);
    const cached = cache.rendered.get(ref.sourcePath);
    if (cached && cached.headHash === headHash && cached.bodyHash === bodyHash) {
      bodies.set(post, cached);
      diagnostics.push(...cached.diagnostics);
    } else {
      const decoded = decodeBody(bodyBytes, job.display, post.bodyLine);
      diagnostics.push(...decoded.diagnostics);
      if (decoded.body === undefined) continue;
      const rendered = renderBody(post, decoded.body, config);
      const entry: RenderedEntry = {
        ...rendered,
        headHash,
        bodyHash,
        diagnostics: decoded.diagnostics,
      };
      cache.setRendered(ref.sourcePath, entry);
      bodies.set(post, rendered);
      renderedCount++;
    }
    progress({ stage: 'render', done: i + 1, total: selected.length });
  }
  if (fail()) {
    // Keep what was learned, so fixing one post and building again is quick.
    if (cacheFile) await cache.save(cacheFile).catch(() => {});
    throw new FeedwrightError(diagnostics);
  }
  const feeds = feedDocuments(
    plan,
    config,
    (ref) => fullPosts.get(ref) as Post,
    (post) => bodies.get(post) as RenderedBody,
  );
  // Feeds first, then the landing page, category pages and a page per post.
  const outputs = [...renderFeeds(feeds), ...renderSitePages(feeds, config)];
  lap('render');

  let written: string[] = [];
  let unchanged: string[] = [];
  if (options.write !== false) {
    progress({ stage: 'write', done: 0, total: outputs.length });
    ({ written, unchanged } = await writeOutput(outDir, outputs, {
      force: options.force ?? false,
      display: outArg,
    }));
    progress({ stage: 'write', done: outputs.length, total: outputs.length });
  }
  lap('write');
  if (cacheFile) await cache.save(cacheFile);
  lap('cache-save');

  return {
    config,
    postFiles: files.length,
    published: published.length,
    feeds,
    files: outputs,
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
