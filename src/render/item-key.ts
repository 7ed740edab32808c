/**
 * Keys of what an item shows, which the keys of the outputs showing it are made of, and which name
 * the XML a feed writes for it from one build to the next.
 */
import { hashBytes } from '../hash.js';
import type { Category, FeedItem, SiteDocument, TakenItemKeys } from '../model.js';
import { storyText } from '../stored-html.js';

const itemKeys = new WeakMap<FeedItem, { shown: string; withHtml?: string }>();

/**
 * A key of what an item shows, without its HTML: its `contentKey` stands for that, so
 * a key is known before the body is rendered. Taken once per item, however many outputs show it.
 * `withHtml` false: the key for an output that shows the item but not its HTML (an archive of
 * summaries, a listing page), which then stays as it was when only the rest of the body changes.
 */
export function itemKey(item: FeedItem, withHtml = true): string {
  let keys = itemKeys.get(item);
  if (keys === undefined) {
    // Hashed: an item is part of several outputs' keys (its page, listings, feeds, archives),
    // and each of them hashes its parts again; short parts keep that cheap. The summary, most of
    // an item's text, by its own hash when its story took one (base64url, so never the summary's
    // JSON, which starts with a quote). JSON never holds a raw U+0000, so the parts cannot run
    // into each other.
    const said = item.summaryKey ?? JSON.stringify(storyText(item.summary));
    const text = `${JSON.stringify(shownFields(item))}\u0000${said}\u0000${groupsJson(item.categories)}\u0000${groupsJson(item.tags)}`;
    keys = { shown: hashBytes(text) };
    itemKeys.set(item, keys);
  }
  if (!withHtml) return keys.shown;
  // Not hashed again: every key it goes into is (base64url on both sides, so `.` parts them).
  keys.withHtml ??= `${item.contentKey}.${keys.shown}`;
  return keys.withHtml;
}

/**
 * Gives each item of `site` (its published and withdrawn stories, of which its documents are
 * made) that has no key yet the one `known` has for it: the key an earlier build took of the same
 * item (see `Incremental.itemKeys`), which it would be given again. Returns `site`.
 */
export function withKnownKeys<T extends Pick<SiteDocument, 'items' | 'withdrawn'>>(
  site: T,
  known: (item: FeedItem) => string | undefined,
): T {
  for (const items of [site.items, site.withdrawn])
    for (const item of items) {
      if (itemKeys.has(item)) continue;
      const shown = known(item);
      if (shown !== undefined) itemKeys.set(item, { shown });
    }
  return site;
}

/**
 * Each item of `site` with its key if one was taken (none is taken here), to keep for the next
 * build: one made again after this one was keyed has none, and keeps the earlier build's.
 */
export function takenItemKeys(site: Pick<SiteDocument, 'items' | 'withdrawn'>): TakenItemKeys {
  const count = site.items.length + site.withdrawn.length;
  const taken = {
    sources: new Array<string>(count),
    contentKeys: new Array<string>(count),
    keys: new Array<string | undefined>(count),
  };
  let row = 0;
  for (const items of [site.items, site.withdrawn])
    for (const item of items) {
      taken.sources[row] = item.source;
      taken.contentKeys[row] = item.contentKey;
      taken.keys[row++] = itemKeys.get(item)?.shown;
    }
  return taken;
}

/** JSON of each category or tag, by object: a site's items share a few hundred of them. */
const groupTexts = new WeakMap<Category, string>();

/** The JSON of each group in `list`, one after another. */
function groupsJson(list: readonly Category[]): string {
  let out = '';
  for (const group of list) {
    let text = groupTexts.get(group);
    if (text === undefined) {
      text = JSON.stringify(group);
      groupTexts.set(group, text);
    }
    out += text;
  }
  return out;
}

/** The fields an item's key takes apart (or, its HTML and whether that is at hand, leaves out). */
type KeyedApart =
  | 'contentHtml'
  | 'pending'
  | 'contentKey'
  | 'summary'
  | 'summaryKey'
  | 'categories'
  | 'tags';

/**
 * Every other field of an item, each by name, its dates by their instants: an object of one
 * shape, where taking the rest of the item with a spread copied it field by field, and a Date's
 * ISO text (what `JSON.stringify` writes for it) takes ~0.5 µs to write, its number next to
 * nothing. The type lists every field of `FeedItem` but those taken apart: a field added to the
 * model and not named here does not compile, so no key can leave out what an item shows.
 */
function shownFields(item: FeedItem): Record<Exclude<keyof FeedItem, KeyedApart>, unknown> {
  const { corrections, expires } = item;
  return {
    source: item.source,
    id: item.id,
    idIsUrl: item.idIsUrl,
    url: item.url,
    pagePath: item.pagePath,
    title: item.title,
    language: item.language,
    translations: item.translations,
    published: item.published.getTime(),
    modified: item.modified.getTime(),
    authors: item.authors,
    image: item.image,
    corrections: corrections?.map((c) => ({ ...c, date: c.date.getTime() })),
    excerpt: item.excerpt,
    expires: expires?.getTime(),
  };
}

/** `itemKey` for an output that shows items' summaries only. */
export const summaryKey = (item: FeedItem): string => itemKey(item, false);
