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

/** The manifest's text: `JSON.stringify(manifest, null, 2)` and a newline (see `manifestParts`). */
export function formatManifest(manifest: Manifest): string {
  return [...manifestParts(manifest)].join('');
}

/** Members of an array or object field a part of `manifestParts` holds at most. */
const MEMBERS_PER_PART = 1024;

/**
 * The manifest's text (`JSON.stringify(manifest, null, 2)` and a newline, byte for byte) in parts
 * of at most `MEMBERS_PER_PART` files or items, each cut between members: written and hashed one
 * after another, no part is kept. At 100,000 posts the text is 55 MB (twice that in memory when a
 * title holds a character past Latin-1), and as one string it was copied again to add the newline
 * and encoded into a buffer of its own: ~165 MB held at once at the height of a build.
 */
export function* manifestParts(
  manifest: Manifest,
  perPart = MEMBERS_PER_PART,
): Generator<string, void, undefined> {
  let first = true;
  for (const [key, value] of Object.entries(manifest)) {
    const head = first ? '{\n' : ',\n';
    const members = membersOf(value);
    if (!members || members.length <= perPart) {
      const entry = JSON.stringify({ [key]: value }, null, 2);
      if (entry === '{}') continue; // a value JSON leaves out (undefined)
      yield `${head}${entry.slice(2, -2)}`;
    } else yield* partsOf(key, value as object, members, head, perPart);
    first = false;
  }
  yield first ? '{}\n' : '\n}\n';
}

/** The members of an array or plain object, the keys JSON writes in its order; else undefined. */
function membersOf(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null || 'toJSON' in value) return undefined;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? Object.keys(value) : undefined;
}

/**
 * One field of many members, as `JSON.stringify` writes it at the manifest's first level: its
 * members in runs of `perPart`, each run written by `JSON.stringify` as the field's whole value
 * and cut out of it (its indentation is then the same), the runs joined as JSON joins members.
 */
function* partsOf(
  key: string,
  value: object,
  members: readonly unknown[],
  head: string,
  perPart: number,
): Generator<string, void, undefined> {
  const array = Array.isArray(value);
  const [open, close] = array ? ['[', ']'] : ['{', '}'];
  const opening = `{\n  ${JSON.stringify(key)}: ${open}\n`;
  const closing = `\n  ${close}\n}`;
  let written = false;
  for (let at = 0; at < members.length; at += perPart) {
    const run = members.slice(at, at + perPart);
    const text = JSON.stringify({ [key]: array ? run : pick(value, run as string[]) }, null, 2);
    if (!text.startsWith(opening)) continue; // every member one JSON leaves out: `{}`
    yield written ? ',\n' : `${head}${opening.slice(2)}`;
    // A slice of the run's text, yielded as it is: joined to another string it is copied whole
    // when encoded (~55 MB more at 100,000 posts).
    yield text.slice(opening.length, -closing.length);
    written = true;
  }
  yield written ? closing.slice(0, -2) : `${head}  ${JSON.stringify(key)}: ${open}${close}`;
}

/** The fields `keys` of `record`, each its own property (a key `__proto__` included). */
function pick(record: object, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) setOwn(picked, key, (record as Record<string, unknown>)[key]);
  return picked;
}

/** Sets `key` of `record` as its own property: a path named `__proto__` is a path like any other. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else record[key] = value;
}
