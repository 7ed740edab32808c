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
  /** NaN where the file has no valid post. */
  date: Float64Array;
  /** NaN where the post has no `updated`. */
  updated: Float64Array;
  slug: string[];
  /** The post's language tag. */
  language: string[];
  /** '' where absent. */
  translationKey: string[];
  /** Category names joined by U+0000, which validation removes from any name. */
  categories: string[];
  /** Tag names, joined like categories. */
  tags: string[];
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

export function toColumns(heads: ReadonlyMap<string, HeadRecord>): HeadColumns {
  const n = heads.size;
  const c: HeadColumns = {
    sourcePath: [],
    size: new Float64Array(n),
    mtimeMs: new Float64Array(n),
    headHash: [],
    date: new Float64Array(n),
    updated: new Float64Array(n),
    slug: [],
    language: [],
    translationKey: [],
    categories: [],
    tags: [],
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
    c.date[i] = f.ref ? f.ref.date.getTime() : Number.NaN;
    c.updated[i] = f.ref?.updated ? f.ref.updated.getTime() : Number.NaN;
    c.slug.push(f.ref?.slug ?? '');
    c.language.push(f.ref?.language ?? '');
    c.translationKey.push(f.ref?.translationKey ?? '');
    c.categories.push(f.ref?.categories.join('\u0000') ?? '');
    c.tags.push(f.ref?.tags.join('\u0000') ?? '');
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
  return c;
}

export function fromColumns(c: HeadColumns): Map<string, HeadRecord> {
  const diagnostics = new Map(c.diagnostics);
  const heads = new Map<string, HeadRecord>();
  c.sourcePath.forEach((sourcePath, i) => {
    const date = c.date[i] ?? Number.NaN;
    const entry: HeadRecord = {
      sourcePath,
      size: c.size[i] ?? -1,
      mtimeMs: c.mtimeMs[i] ?? -1,
      headHash: c.headHash[i] ?? '',
      diagnostics: diagnostics.get(i) ?? [],
    };
    if (!Number.isNaN(date)) entry.ref = refAt(c, i, sourcePath, date);
    heads.set(sourcePath, entry);
  });
  return heads;
}

const FEED_CODES = ['full', 'summary', 'none'] as const;

function refAt(c: HeadColumns, i: number, sourcePath: string, date: number): HeadRecord['ref'] {
  const updated = c.updated[i] ?? Number.NaN;
  const expires = c.expires[i] ?? Number.NaN;
  const names = (joined: string | undefined) =>
    joined ? joined.split('\u0000').map(sharedName) : [];
  const authors = c.authors[i] ? (JSON.parse(c.authors[i]) as [string, string?][]) : [];
  const feed = FEED_CODES[c.feed[i] ?? 0] ?? 'full';
  return {
    sourcePath,
    date: new Date(date),
    slug: c.slug[i] ?? '',
    language: sharedName(c.language[i] ?? ''),
    ...(c.translationKey[i] ? { translationKey: c.translationKey[i] } : {}),
    categories: names(c.categories[i]),
    tags: names(c.tags[i]),
    authors: authors.map(([written, key]) => {
      const name = sharedName(written);
      return key ? { name, key } : { name };
    }),
    ...(feed !== 'full' ? { feed } : {}),
    ...(Number.isNaN(expires) ? {} : { expires: new Date(expires) }),
    draft: c.draft[i] === 1,
    url: c.url[i] ?? '',
    ...(c.pagePath[i] ? { pagePath: c.pagePath[i] } : {}),
    ...(Number.isNaN(updated) ? {} : { updated: new Date(updated) }),
    ...(c.id[i] ? { id: c.id[i] } : {}),
    ...(c.link[i] ? { link: c.link[i] } : {}),
  };
}
