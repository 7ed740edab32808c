/**
 * The parsed heads as the cache stores them: one array per field. Typed arrays and arrays of
 * strings deserialize many times faster than 100,000 small objects, and this is read on every
 * build.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { HeadRecord } from '../model.js';
import { sharedName } from '../text.js';

export interface HeadColumns {
  sourcePath: string[];
  size: Float64Array;
  mtimeMs: Float64Array;
  headHash: string[];
  /** '' where the body's hash is not known (see `HeadRecord.bodyHash`). */
  bodyHash: string[];
  /** '' where the file's blob id is not known (see `HeadRecord.blob`). */
  blob: string[];
  /** NaN where the file has no valid post. */
  date: Float64Array;
  /** NaN where the post has no `updated`. */
  updated: Float64Array;
  slug: string[];
  /** The post's language tag. */
  language: string[];
  /** '' where absent. */
  translationKey: string[];
  /**
   * Every category and tag name the posts write, once: 10,000 posts of 20 tags write a few
   * hundred names 200,000 times, which the cache would otherwise store, and every build decode,
   * that often.
   */
  names: string[];
  /** Each post's categories as places in `names`, post after post; `categoryEnds` cuts them. */
  categories: Uint32Array;
  /** Where each post's categories end in `categories` (the next post's begin there). */
  categoryEnds: Uint32Array;
  /** Tags, kept like categories. */
  tags: Uint32Array;
  tagEnds: Uint32Array;
  /** Bylines as JSON `[name, key?][]`; '' for none. */
  authors: string[];
  /** 0 full, 1 summary, 2 none (`feed:`). */
  feed: Uint8Array;
  /** NaN where the post does not expire. */
  expires: Float64Array;
  draft: Uint8Array;
  /** '' where absent. */
  id: string[];
  link: string[];
  url: string[];
  pagePath: string[];
  /** Only files that have any: [row, diagnostics]. */
  diagnostics: [number, Diagnostic[]][];
}

/** Name lists kept as places in one table of names (see `HeadColumns.names`). */
class NameLists {
  readonly names: string[] = [];
  private readonly place = new Map<string, number>();
  readonly categories: number[] = [];
  readonly tags: number[] = [];
  readonly categoryEnds: Uint32Array;
  readonly tagEnds: Uint32Array;

  constructor(rows: number) {
    this.categoryEnds = new Uint32Array(rows);
    this.tagEnds = new Uint32Array(rows);
  }

  add(row: number, categories: readonly string[], tags: readonly string[]): void {
    for (const name of categories) this.categories.push(this.placeOf(name));
    for (const name of tags) this.tags.push(this.placeOf(name));
    this.categoryEnds[row] = this.categories.length;
    this.tagEnds[row] = this.tags.length;
  }

  private placeOf(name: string): number {
    let at = this.place.get(name);
    if (at === undefined) {
      at = this.names.length;
      this.names.push(name);
      this.place.set(name, at);
    }
    return at;
  }
}

export function toColumns(heads: ReadonlyMap<string, HeadRecord>): HeadColumns {
  const n = heads.size;
  const lists = new NameLists(n);
  const c: Omit<HeadColumns, 'names' | 'categories' | 'categoryEnds' | 'tags' | 'tagEnds'> = {
    sourcePath: [],
    size: new Float64Array(n),
    mtimeMs: new Float64Array(n),
    headHash: [],
    bodyHash: [],
    blob: [],
    date: new Float64Array(n),
    updated: new Float64Array(n),
    slug: [],
    language: [],
    translationKey: [],
    authors: [],
    feed: new Uint8Array(n),
    expires: new Float64Array(n),
    draft: new Uint8Array(n),
    id: [],
    link: [],
    url: [],
    pagePath: [],
    diagnostics: [],
  };
  let i = 0;
  for (const f of heads.values()) {
    c.sourcePath.push(f.sourcePath);
    c.size[i] = f.size;
    c.mtimeMs[i] = f.mtimeMs;
    c.headHash.push(f.headHash);
    c.bodyHash.push(f.bodyHash ?? '');
    c.blob.push(f.blob ?? '');
    c.date[i] = f.ref ? f.ref.date.getTime() : Number.NaN;
    c.updated[i] = f.ref?.updated ? f.ref.updated.getTime() : Number.NaN;
    c.slug.push(f.ref?.slug ?? '');
    c.language.push(f.ref?.language ?? '');
    c.translationKey.push(f.ref?.translationKey ?? '');
    lists.add(i, f.ref?.categories ?? [], f.ref?.tags ?? []);
    const authors = f.ref?.authors.map((a) => (a.key ? [a.name, a.key] : [a.name]));
    c.authors.push(authors?.length ? JSON.stringify(authors) : '');
    c.feed[i] = FEED_CODES.indexOf(f.ref?.feed ?? 'full');
    c.expires[i] = f.ref?.expires ? f.ref.expires.getTime() : Number.NaN;
    c.draft[i] = f.ref?.draft ? 1 : 0;
    c.id.push(f.ref?.id ?? '');
    c.link.push(f.ref?.link ?? '');
    c.url.push(f.ref?.url ?? '');
    c.pagePath.push(f.ref?.pagePath ?? '');
    if (f.diagnostics.length > 0) c.diagnostics.push([i, f.diagnostics]);
    i++;
  }
  const { names, categoryEnds, tagEnds } = lists;
  const categories = Uint32Array.from(lists.categories);
  return { ...c, names, categories, categoryEnds, tags: Uint32Array.from(lists.tags), tagEnds };
}

/** The heads `c` holds, added to `heads` (a new map when not given), which is returned. */
export function fromColumns(
  c: HeadColumns,
  heads = new Map<string, HeadRecord>(),
): Map<string, HeadRecord> {
  const diagnostics = new Map(c.diagnostics);
  // Shared once per name, not once per post that writes it.
  const names = c.names.map(sharedName);
  c.sourcePath.forEach((sourcePath, i) => {
    const date = c.date[i] ?? Number.NaN;
    const entry: HeadRecord = {
      sourcePath,
      size: c.size[i] ?? -1,
      mtimeMs: c.mtimeMs[i] ?? -1,
      headHash: c.headHash[i] ?? '',
      diagnostics: diagnostics.get(i) ?? [],
    };
    const bodyHash = c.bodyHash[i];
    if (bodyHash) entry.bodyHash = bodyHash;
    const blob = c.blob[i];
    if (blob) entry.blob = blob;
    if (!Number.isNaN(date)) entry.ref = refAt(c, names, i, sourcePath, date);
    heads.set(sourcePath, entry);
  });
  return heads;
}

const FEED_CODES = ['full', 'summary', 'none'] as const;

function refAt(
  c: HeadColumns,
  names: readonly string[],
  i: number,
  sourcePath: string,
  date: number,
): HeadRecord['ref'] {
  const updated = c.updated[i] ?? Number.NaN;
  const expires = c.expires[i] ?? Number.NaN;
  const authors = c.authors[i] ? (JSON.parse(c.authors[i]) as [string, string?][]) : [];
  const feed = FEED_CODES[c.feed[i] ?? 0] ?? 'full';
  // The optional fields set one by one, not spread from small objects: a fifth of the cost.
  const ref: NonNullable<HeadRecord['ref']> = {
    sourcePath,
    date: new Date(date),
    slug: c.slug[i] ?? '',
    language: sharedName(c.language[i] ?? ''),
    categories: namesAt(names, c.categories, c.categoryEnds, i),
    tags: namesAt(names, c.tags, c.tagEnds, i),
    authors: authors.map(([written, key]) => {
      const name = sharedName(written);
      return key ? { name, key } : { name };
    }),
    draft: c.draft[i] === 1,
    url: c.url[i] ?? '',
  };
  if (c.translationKey[i]) ref.translationKey = c.translationKey[i];
  if (feed !== 'full') ref.feed = feed;
  if (!Number.isNaN(expires)) ref.expires = new Date(expires);
  if (c.pagePath[i]) ref.pagePath = c.pagePath[i];
  if (!Number.isNaN(updated)) ref.updated = new Date(updated);
  if (c.id[i]) ref.id = c.id[i];
  if (c.link[i]) ref.link = c.link[i];
  return ref;
}

/** Row `i`'s names from `places` (cut by `ends`), as `names` holds them. */
function namesAt(
  names: readonly string[],
  places: Uint32Array,
  ends: Uint32Array,
  i: number,
): string[] {
  const from = i === 0 ? 0 : (ends[i - 1] ?? 0);
  const to = ends[i] ?? from;
  const out = new Array<string>(to - from);
  for (let k = from; k < to; k++) out[k - from] = names[places[k] ?? 0] ?? '';
  return out;
}
