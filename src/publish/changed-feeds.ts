/** Which feeds changed since what was published: what the hubs are told about. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import { MANIFEST_FILE, type Manifest, parseManifest, readManifest } from '../manifest.js';
import { feedPaths, isFeedPath } from '../urls.js';

/** One feed the hubs are told about. */
export interface ChangedFeed {
  /** Output path relative to the output folder, e.g. `categories/tech/atom.xml`. */
  path: string;
  /** Absolute URL, the `hub.url` sent. */
  url: string;
}

/**
 * The feeds in `manifest` whose digest differs from `previous` (new feeds included), in manifest
 * order; every feed when there is nothing to compare with. The manifest is published with the
 * feeds and is deterministic, so only a previous one (e.g. fetched from the live site) says what
 * changed.
 */
export function changedFeeds(
  manifest: Manifest,
  previous: Manifest | null,
  siteUrl: URL,
): ChangedFeed[] {
  const subscribed = subscriptionPaths(manifest);
  return Object.keys(manifest.files)
    .filter((p) => !previous || previous.files[p] !== manifest.files[p])
    .filter((p) => (subscribed ? subscribed.has(p) : isFeedPath(p)))
    .map((p) => ({ path: p, url: new URL(p, siteUrl).href }));
}

/**
 * The files of the documents readers subscribe to, when the manifest says which they are: an
 * archive document (RFC 5005) is a feed file too, but no hub is told about it.
 */
function subscriptionPaths(manifest: Manifest): Set<string> | undefined {
  if (!manifest.feeds) return undefined;
  const dirs = Object.keys(manifest.feeds).map((rss) => rss.slice(0, rss.lastIndexOf('/') + 1));
  return new Set(dirs.flatMap((dir) => Object.values(feedPaths(dir))));
}

/** The manifest of the output folder `outDir`; throws when there is none. */
export async function loadCurrentManifest(outDir: string): Promise<Manifest> {
  const manifest = await readManifest(outDir);
  if (manifest) return manifest;
  throw inputError(
    'ping-no-manifest',
    path.join(outDir, MANIFEST_FILE),
    `no readable ${MANIFEST_FILE} in ${outDir}`,
    'run feedwright build first (or pass the --out folder it wrote)',
  );
}

/** A manifest saved from an earlier build; throws when it cannot be read or is not one. */
export async function loadPreviousManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw inputError(
      'ping-previous-missing',
      file,
      `previous manifest not readable (${reason})`,
      'pass the path of a manifest saved from an earlier build, or leave --previous out',
    );
  }
  const parsed = parseManifest(text);
  if (parsed.ok) return parsed.manifest;
  throw inputError(
    'ping-previous-invalid',
    file,
    parsed.problem === 'not-json'
      ? `previous manifest is not JSON (${parsed.message})`
      : 'previous manifest is not a feedwright manifest',
    'pass a .feedwright-manifest.json written by feedwright build',
  );
}

export function inputError(
  code: string,
  file: string,
  message: string,
  fix: string,
): FeedwrightError {
  return new FeedwrightError([{ severity: 'error', code, file, message, fix }]);
}
