import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from './config/load-config.js';
import { type UserConfig, validateConfig } from './config/validate-config.js';
import { deriveFeeds, findCollisions, selectPublished } from './derive/derive-feeds.js';
import { type Diagnostic, FeedwrightError } from './diagnostics.js';
import { loadPosts } from './load/load-posts.js';
import type { FeedDocument, OutputFile, SiteConfig } from './model.js';
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
  durationMs: number;
}

/** load → validate → derive → render → write. Throws `FeedwrightError` listing every problem. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const postsArg = options.postsDir ?? 'posts';
  const outArg = options.outDir ?? 'dist';
  const postsDir = path.resolve(cwd, postsArg);
  const outDir = path.resolve(cwd, outArg);

  const diagnostics: Diagnostic[] = [];
  let config: SiteConfig;
  if (options.config) {
    const result = validateConfig(options.config, 'config');
    if (!result.ok) throw new FeedwrightError(result.diagnostics);
    config = result.config;
    diagnostics.push(...result.diagnostics);
  } else {
    const configArg = options.configFile ?? DEFAULT_CONFIG_FILE;
    const loaded = await loadConfig(path.resolve(cwd, configArg), configArg);
    config = loaded.config;
    diagnostics.push(...loaded.result.diagnostics);
  }

  const loaded = await loadPosts(postsDir, config, postsArg).catch(
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
  diagnostics.push(...loaded.diagnostics);
  const display = (post: { sourcePath: string }) =>
    `${postsArg.replace(/\/+$/, '')}/${post.sourcePath}`;
  diagnostics.push(...findCollisions(loaded.posts, config, display));

  const failing = diagnostics.filter((d) => d.severity === 'error' || options.strict);
  if (failing.length > 0) throw new FeedwrightError(diagnostics);

  const published = selectPublished(loaded.posts, {
    now: options.now ?? new Date(),
    includeFuture: options.includeFuture ?? false,
    includeDrafts: options.includeDrafts ?? false,
  });
  const feeds = deriveFeeds(published, config);
  // Feeds first, then the landing page, category pages and a page per post.
  const files = [...renderFeeds(feeds), ...renderSitePages(feeds, config)];

  let written: string[] = [];
  let unchanged: string[] = [];
  if (options.write !== false) {
    ({ written, unchanged } = await writeOutput(outDir, files, {
      force: options.force ?? false,
      display: outArg,
    }));
  }
  return {
    config,
    postFiles: loaded.files,
    published: published.length,
    feeds,
    files,
    diagnostics,
    written,
    unchanged,
    durationMs: performance.now() - started,
  };
}
