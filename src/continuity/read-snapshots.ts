/**
 * The two sides of a diff, from the text of their files: the new build's manifest, and the
 * previous one — a manifest or a published feed file, told apart by content. feedsmith is loaded
 * only when a feed file is given.
 */
import type { AnyFeed } from 'feedsmith';
import { FeedwrightError } from '../diagnostics.js';
import { isManifest, type Manifest, parseManifest } from '../manifest.js';
import { feedFileSnapshot } from './feed-snapshot.js';
import { type ManifestSnapshot, manifestSnapshot, type Snapshot } from './snapshot.js';

const BUILD_FIRST = 'run feedwright build first (or pass the --out folder it wrote)';

/**
 * The new build's items and feeds from its manifest's text (undefined: the file is missing).
 * Throws `FeedwrightError` naming `file` when it is missing, not a manifest, or records no items.
 */
export function readCurrent(text: string | undefined, file: string): ManifestSnapshot {
  if (text === undefined) throw inputError('diff-no-manifest', file, 'not found', BUILD_FIRST);
  const parsed = parseManifest(text);
  if (!parsed.ok) {
    const why = parsed.problem === 'not-json' ? `not JSON (${parsed.message})` : parsed.message;
    throw inputError('diff-bad-manifest', file, why, BUILD_FIRST);
  }
  const read = manifestSnapshot(parsed.manifest);
  if (read.ok) return read.snapshot;
  throw inputError(
    'diff-manifest-items',
    file,
    read.problem === 'no-items'
      ? 'the manifest records no items (an older feedwright wrote it)'
      : `the manifest's items are damaged: ${read.message}`,
    'build again with this version of feedwright',
  );
}

/**
 * What readers were shown before, from the text of `file`: a feedwright manifest, or an RSS 2.0,
 * Atom 1.0 or JSON Feed file. Throws `FeedwrightError` naming `file` when it is neither.
 */
export async function readPrevious(saved: string, file: string): Promise<Snapshot> {
  const text = saved.replace(/^\uFEFF/, ''); // a byte order mark, as some servers send
  const manifest = jsonManifest(text);
  if (manifest) return previousManifest(manifest, file);
  const snapshot = feedFileSnapshot(await parseFeedText(text, file));
  if (snapshot) return snapshot;
  throw inputError('diff-previous-rdf', file, 'RSS 1.0 (RDF) feeds are not compared', FEED_FIX);
}

async function parseFeedText(text: string, file: string): Promise<AnyFeed> {
  const feedsmith = await import('feedsmith');
  try {
    return feedsmith.parseFeed<string>(text);
  } catch (error) {
    if (error instanceof feedsmith.DetectError) {
      throw inputError(
        'diff-previous-unknown',
        file,
        'neither a feedwright manifest nor an RSS 2.0, Atom 1.0 or JSON Feed file',
        'pass the .feedwright-manifest.json of the published build, or one of its published feeds',
      );
    }
    const cause = (error as Error).cause;
    const detail = cause instanceof Error ? cause.message : (error as Error).message;
    throw inputError('diff-previous-feed', file, `the feed cannot be read (${detail})`, FEED_FIX);
  }
}

const FEED_FIX = 'pass the published RSS 2.0, Atom 1.0 or JSON Feed file as it was served';

function jsonManifest(text: string): Manifest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isManifest(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function previousManifest(manifest: Manifest, file: string): ManifestSnapshot {
  const read = manifestSnapshot(manifest);
  if (read.ok) return read.snapshot;
  throw inputError(
    'diff-previous-items',
    file,
    read.problem === 'no-items'
      ? 'the previous manifest records no items (an older feedwright wrote it)'
      : `the previous manifest's items are damaged: ${read.message}`,
    'compare with a feed the site published instead, e.g. --previous rss.xml saved from it',
  );
}

function inputError(code: string, file: string, message: string, fix: string): FeedwrightError {
  return new FeedwrightError([{ severity: 'error', code, file, message, fix }]);
}
