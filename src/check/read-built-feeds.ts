/**
 * The feeds a build wrote, read from its output folder: the manifest says which subscription
 * feeds there are (by their RSS path) and which items came from which post; each feed's Atom and
 * JSON documents sit beside its RSS document. Archive documents (RFC 5005) are left out: an
 * aggregator polls the subscription document, never an archive.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import { MANIFEST_FILE, type Manifest, type ManifestItem, readManifest } from '../manifest.js';
import { FEED_FILES, feedPaths, isFeedPath } from '../urls.js';
import { type ParsedFeed, parseBuiltFeed } from './parse-feed.js';
import type { FeedFormat } from './profiles.js';

/** One subscription feed: its title and the output path of each format it was written in. */
export interface FeedSet {
  title: string;
  paths: Partial<Record<FeedFormat, string>>;
}

/** A built document, parsed, with its size. */
export interface BuiltDocument extends ParsedFeed {
  /** Output path, relative to the output folder, `/`-separated. */
  path: string;
  format: FeedFormat;
  bytes: number;
}

export interface BuiltSite {
  manifest: Manifest;
  feeds: FeedSet[];
  /** Each published item's post file (relative to the posts folder), by item id. */
  sources: Map<string, ManifestItem>;
}

const BUILD_FIRST = 'run `feedwright build` first (or pass the --out folder it wrote to)';

/** The build in `outDir`; throws `FeedwrightError` (naming `display`) when there is none. */
export async function readBuiltSite(outDir: string, display = outDir): Promise<BuiltSite> {
  const manifest = await readManifest(outDir);
  if (!manifest) {
    throw new FeedwrightError([
      {
        severity: 'error',
        code: 'check-no-build',
        file: path.join(display, MANIFEST_FILE),
        message: 'no feedwright build here (the manifest is missing or not feedwright’s)',
        fix: BUILD_FIRST,
      },
    ]);
  }
  const sources = new Map((manifest.items ?? []).map((item) => [item.id, item]));
  return { manifest, feeds: subscriptionFeeds(manifest), sources };
}

/**
 * Every subscription feed of a build, the site feed first: from the manifest's `feeds`, or, for
 * a manifest of an older version without them, from the feed files it lists outside archives.
 */
export function subscriptionFeeds(manifest: Manifest): FeedSet[] {
  const files = new Set(Object.keys(manifest.files));
  if (manifest.feeds) {
    return Object.entries(manifest.feeds).map(([rss, feed]) =>
      feedSet(rss.slice(0, rss.length - FEED_FILES.rss.length), feed.title, files),
    );
  }
  const folders = new Set(
    [...files]
      .filter((file) => isFeedPath(file) && !/(^|\/)archive\/\d+\//.test(file))
      .map((file) => file.slice(0, file.lastIndexOf('/') + 1)),
  );
  return [...folders].map((folder) => feedSet(folder, '', files));
}

function feedSet(folder: string, title: string, files: ReadonlySet<string>): FeedSet {
  const all = feedPaths(folder);
  const paths: FeedSet['paths'] = {};
  for (const format of ['rss', 'atom', 'json'] as const) {
    if (files.has(all[format])) paths[format] = all[format];
  }
  return { title, paths };
}

/** The document at output path `file`, parsed; throws `FeedwrightError` when it cannot be. */
export async function readBuiltDocument(
  outDir: string,
  file: string,
  format: FeedFormat,
  display = outDir,
): Promise<BuiltDocument> {
  const shown = path.join(display, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(outDir, ...file.split('/')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw unreadable(shown, `the manifest lists it, but it cannot be read (${code})`);
  }
  try {
    const parsed = await parseBuiltFeed(format, bytes.toString('utf8'));
    return { ...parsed, path: file, format, bytes: bytes.length };
  } catch (error) {
    const cause = (error as Error).cause;
    const detail = cause instanceof Error ? cause.message : (error as Error).message;
    throw unreadable(shown, `it is not a readable ${format.toUpperCase()} feed (${detail})`);
  }
}

function unreadable(file: string, message: string): FeedwrightError {
  return new FeedwrightError([
    {
      severity: 'error',
      code: 'check-unreadable-feed',
      file,
      message,
      fix: `${BUILD_FIRST} again`,
    },
  ]);
}

/**
 * The site root a document was built for: its self URL without its output path
 * (`https://x.org/blog/categories/a/rss.xml` at `categories/a/rss.xml` → `https://x.org/blog/`);
 * undefined when it does not say where it is served.
 */
export function siteUrlOf(doc: Pick<BuiltDocument, 'selfUrl' | 'path'>): string | undefined {
  const self = doc.selfUrl;
  if (!self || !URL.canParse(self)) return undefined;
  const url = new URL(self);
  if (url.search || url.hash || !url.pathname.endsWith(`/${doc.path}`)) return undefined;
  url.pathname = url.pathname.slice(0, url.pathname.length - doc.path.length);
  return url.href;
}
