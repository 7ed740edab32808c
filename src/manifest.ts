/**
 * The manifest every build writes into its output: what it wrote, with a digest per file, and
 * what readers have been shown (every published item, every feed's items), so the next build can
 * say what they will be notified of (`feedwright diff`) and which hubs to ping.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_FILE = '.feedwright-manifest.json';

/** Deterministic: the same output gives the same manifest. */
export interface Manifest {
  generator: 'feedwright';
  /** Output path → sha256 of its bytes. */
  files: Record<string, string>;
  /** When the next post left out for its date comes due (ISO 8601, UTC): the output changes then. */
  nextDue?: string;
  /** Every published item, newest first (absent in manifests of older versions). */
  items?: ManifestItem[];
  /** Every subscription feed, by its RSS path: its title and its items' ids, newest first. */
  feeds?: Record<string, ManifestFeed>;
  /** Ids of the stories past their `expires`: gone from every feed on purpose. */
  withdrawn?: string[];
}

/** What a reader has seen of one item: enough to tell, next time, what changed. */
export interface ManifestItem {
  /** The same string as the RSS guid, Atom id and JSON Feed id. */
  id: string;
  url: string;
  /** The post file, relative to the posts folder, `/`-separated. */
  source: string;
  title: string;
  /** ISO 8601, UTC. */
  published: string;
  /** ISO 8601, UTC; only when the post says it was updated. */
  updated?: string;
  /** Changes whenever the post file's bytes change (front matter or body). */
  hash: string;
  /** Old site paths that redirect to it (front matter `aliases`), when it has any. */
  aliases?: string[];
}

export interface ManifestFeed {
  title: string;
  /** Ids of the items in the subscription document, newest first. */
  items: string[];
}

export type ManifestParse =
  | { ok: true; manifest: Manifest }
  | { ok: false; problem: 'not-json' | 'not-manifest'; message: string };

export function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Manifest>;
  if (m.generator !== 'feedwright') return false;
  if (typeof m.files !== 'object' || m.files === null || Array.isArray(m.files)) return false;
  return Object.values(m.files).every((digest) => typeof digest === 'string');
}

/** The manifest in `text`, or why it is not one. */
export function parseManifest(text: string): ManifestParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'not-json', message: (error as Error).message };
  }
  return isManifest(value)
    ? { ok: true, manifest: value }
    : { ok: false, problem: 'not-manifest', message: 'not a feedwright manifest' };
}

/** The manifest in the output folder `dir`, or null when there is none (or it is not ours). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return null;
  const parsed = parseManifest(text);
  return parsed.ok ? parsed.manifest : null;
}

export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
