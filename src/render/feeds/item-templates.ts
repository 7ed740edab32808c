/**
 * Items written by `feed` once per shape, then filled for every item of that shape. What `feed`
 * writes of an item follows from which of its parts it has — a summary or not, its full text or
 * not, sections or tags or neither, its authors and which of their email and page — and from its
 * format and form; each value only fills a place, and each section and tag is a `category`
 * element like the last. So `feed` writes one stand-in item per shape (one section and one tag at
 * most), with a token or a mark for every value; each item of the shape takes the template, its
 * `category` element once for each of its own, with its own values escaped as they would have
 * been: texts as `TextTokens` resolves them, URLs as `feed` (`new URL`, then `&` escaped) and
 * xml-js (text or attribute) write them, dates as `feed` formats them. A site of 10,000 stories
 * has ~40,000 items in one form or another, and a few dozen shapes: xml-js and `new URL` ran
 * 40,000 times. A property test holds every item to what `feed` writes with its own values.
 */
import { Feed, type Item } from 'feed';
import type { FeedItem, ItemText } from '../../model.js';
import { escapeRegExp } from '../../text.js';
import { TextTokens, type TokenTemplate } from './text-tokens.js';

export type ItemFormat = 'rss' | 'atom';

/**
 * What `feed` is given for one item, its texts taken as tokens of `t`; `content`: the token of
 * its full text, where the element is cut (see `ItemXml`), when it carries one.
 */
export type EntryWriter = (item: FeedItem, t: TextTokens) => { entry: Item; content?: string };

/** The part of `item` a raw token of a template stands for, written as it goes there. */
type SlotValue = (item: FeedItem) => string;

/** Where a hole's value is: the token at `path` in the entry (or list element), or a slot. */
type Binding = { path: readonly (string | number)[] } | { slot: number };

/** A stretch of the element: its template, and where each of its holes' values is. */
interface Piece {
  template: TokenTemplate;
  bindings: readonly Binding[];
}

/** The element's stretches in order; a repeat is written once for each section or tag. */
type Segment = Piece | { repeat: 'sections' | 'tags'; piece: Piece };

interface ItemTemplate {
  /** The element, cut where the full text goes. */
  parts: readonly (readonly Segment[])[];
  /** The values of the raw tokens, in their order. */
  slots: readonly SlotValue[];
}

const SITE = 'https://site.feedwright.invalid/';
const EPOCH = new Date(0);
/** Marks no text can hold: a valid URL, as `new URL` writes it back, for each URL of the item. */
const mark = (name: string) => `https://${name}.feedwright.invalid/`;
const MODIFIED = new Date(Date.UTC(1901, 1, 3, 4, 5, 6, 7));
const PUBLISHED = new Date(Date.UTC(1902, 2, 4, 5, 6, 7, 8));
const DATES: Record<string, SlotValue> = {
  [MODIFIED.toUTCString()]: (item) => item.modified.toUTCString(),
  [MODIFIED.toISOString()]: (item) => item.modified.toISOString(),
  [PUBLISHED.toUTCString()]: (item) => item.published.toUTCString(),
  [PUBLISHED.toISOString()]: (item) => item.published.toISOString(),
};
const MARKS = new RegExp(
  [
    'https://(link|id|author-\\d+)\\.feedwright\\.invalid/',
    ...Object.keys(DATES).map(escapeRegExp),
  ].join('|'),
  'g',
);

/** `feed`'s `sanitizeUrl`. */
function sanitizeUrl(url: string): string {
  return new URL(url).toString().replace(/&/g, '&amp;');
}

/** xml-js's text: `&amp;` taken back to `&`, then `&`, `<` and `>` escaped. */
function xmlJsText(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** xml-js's attribute value: only `"` escaped. */
function xmlJsAttribute(text: string): string {
  return text.replace(/"/g, '&quot;');
}

/** The URL of `item` a mark named `name` stands for. */
function urlSlot(name: string, attribute: boolean): SlotValue {
  const urlOf =
    name === 'link'
      ? (item: FeedItem) => item.url
      : name === 'id'
        ? (item: FeedItem) => item.id
        : (item: FeedItem) => item.authors[Number(name.slice('author-'.length))]?.url;
  return (item) => {
    const url = urlOf(item);
    if (url === undefined) throw new Error(`feed adapter: ${item.source} has no ${name} URL`);
    const sanitized = sanitizeUrl(url);
    return attribute ? xmlJsAttribute(sanitized) : xmlJsText(sanitized);
  };
}

/**
 * Everything of `item` that decides which elements and attributes `feed` writes for it. Its
 * sections and tags are each written alike (a `category` element), so only whether it has any
 * counts: each is written from one template.
 */
export function shapeOf(item: FeedItem): string {
  let authors = '';
  for (const author of item.authors)
    authors += `${author.email ? 'e' : '-'}${author.url ? 'u' : '-'}`;
  const lists = `${item.categories.length ? 'c' : '-'}${item.tags.length ? 't' : '-'}`;
  return `${item.summary ? 's' : '-'}${item.idIsUrl ? 'u' : '-'}${lists}${authors}`;
}

/** `item` with every URL and date replaced by a mark, and one section and one tag at most. */
function standIn(item: FeedItem): FeedItem {
  return {
    ...item,
    url: mark('link'),
    id: mark('id'),
    modified: MODIFIED,
    published: PUBLISHED,
    categories: item.categories.slice(0, 1),
    tags: item.tags.slice(0, 1),
    authors: item.authors.map((author, k) =>
      author.url ? { ...author, url: mark(`author-${k}`) } : author,
    ),
  };
}

/** The path of every token in `value` (objects and arrays gone into), by the token's number. */
function tokenPaths(
  value: unknown,
  path: readonly (string | number)[] = [],
  found = new Map<number, readonly (string | number)[]>(),
  skip?: string,
): Map<number, readonly (string | number)[]> {
  const number = TextTokens.numberOf(value);
  if (number !== undefined) {
    if (!found.has(number)) found.set(number, path);
  } else if (Array.isArray(value)) {
    for (const [i, part] of value.entries()) tokenPaths(part, [...path, i], found);
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, part] of Object.entries(value))
      if (key !== skip) tokenPaths(part, [...path, key], found);
  }
  return found;
}

/** `xml` compiled, each hole bound to a token of `scope` (by path) or to a slot (`first` on). */
function piece(
  xml: string,
  scope: ReadonlyMap<number, readonly (string | number)[]>,
  first: number,
) {
  const template = TextTokens.compile(xml);
  const bindings = template.holes.map(({ index }): Binding => {
    if (index >= first) return { slot: index - first };
    const path = scope.get(index);
    if (!path) throw new Error(`feed adapter: token ${index} is not where it was expected`);
    return { path };
  });
  return { template, bindings };
}

/** A `category` element, on a line of its own: xml-js writes one per section and tag. */
const CATEGORY = /\n *<category[ >][^\n]*/g;

/**
 * `part` as segments: each `category` element of the stand-in (its section, then its tag, as it
 * has them: `lists`, taken from as they are met) becomes a repeat bound to its own element of the
 * entry's `category` list; the rest is bound to the entry.
 */
function segmentsOf(part: string, entry: Item, lists: ('sections' | 'tags')[], first: number) {
  const root = tokenPaths(entry, [], new Map(), 'category');
  const categories = (entry.category ?? []) as unknown[];
  const segments: Segment[] = [];
  let from = 0;
  for (const found of part.matchAll(CATEGORY)) {
    const at = categories.length - lists.length;
    const repeat = lists.shift();
    if (!repeat) throw new Error('feed adapter: more category elements than the item has');
    segments.push(piece(part.slice(from, found.index), root, first));
    segments.push({ repeat, piece: piece(found[0], tokenPaths(categories[at]), first) });
    from = found.index + found[0].length;
  }
  segments.push(piece(part.slice(from), root, first));
  return segments;
}

/** `feed`'s element for `item`'s shape, its texts tokens and its URLs and dates raw tokens. */
function makeTemplate(item: FeedItem, format: ItemFormat, write: EntryWriter): ItemTemplate {
  const t = new TextTokens();
  const { entry, content } = write(standIn(item), t);
  const feed = new Feed({ id: SITE, title: '', link: SITE, copyright: '', updated: EPOCH });
  feed.addItem(entry);
  const xml = format === 'rss' ? feed.rss2() : feed.atom1();
  const [open, close] =
    format === 'rss' ? ['\n        <item>', '</item>'] : ['\n    <entry>', '</entry>'];
  const from = xml.indexOf(open);
  const first = t.size;
  const slots: SlotValue[] = [];
  const numbers = new Map<string, number>();
  const element = xml
    .slice(from, xml.indexOf(close, from) + close.length)
    .replace(MARKS, (found: string, name: string | undefined, at: number, whole: string) => {
      const attribute = whole[at - 1] === '"';
      const key = name ? `${name}${attribute ? '@' : ''}` : found;
      let number = numbers.get(key);
      if (number === undefined) {
        number = slots.push(name ? urlSlot(name, attribute) : (DATES[found] as SlotValue)) - 1;
        numbers.set(key, number);
      }
      return `\u0001${first + number}\u0002`;
    });
  const parts = content ? element.split(`<![CDATA[${content}]]>`) : [element];
  if (from === -1 || parts.length !== (content ? 2 : 1))
    throw new Error(`feed adapter: no ${format} element for ${item.source}`);
  const lists: ('sections' | 'tags')[] = [];
  if (item.categories.length) lists.push('sections');
  if (item.tags.length) lists.push('tags');
  const segments = parts.map((part) => segmentsOf(part, entry, lists, first));
  if (lists.length) throw new Error(`feed adapter: no category element for ${item.source}`);
  return { parts: segments, slots };
}

/** Templates by form and shape, on this thread; at most this many (a site has a few dozen). */
const LIMIT = 4096;
const templates = new Map<string, ItemTemplate>();

/** The number of the token at `path` in `scope`; refuses (a bug) anything else there. */
function tokenAt(scope: unknown, path: readonly (string | number)[]): number {
  let value = scope;
  for (const key of path) value = (value as Record<string | number, unknown> | undefined)?.[key];
  const number = TextTokens.numberOf(value);
  if (number === undefined)
    throw new Error(`feed adapter: no text token at ${path.join('.')} of an entry`);
  return number;
}

/** Forgets every template (a thread starting on another site's outputs). */
export function forgetTemplates(): void {
  templates.clear();
}

/**
 * `item`'s element (`<item>` or `<entry>`, with the line break and indentation before it) as
 * `feed` writes it in a document of `format`, in `form` (everything of the document the element
 * depends on), cut where its full text goes; and its template's key: items of one key differ only
 * in the escaped values that fill the same places.
 */
export function writeItem(
  item: FeedItem,
  format: ItemFormat,
  form: string,
  write: EntryWriter,
): { xml: ItemText; template: string } {
  const key = `${form}\u0000${shapeOf(item)}`;
  let template = templates.get(key);
  if (!template) {
    if (templates.size >= LIMIT) templates.clear();
    template = makeTemplate(item, format, write);
    templates.set(key, template);
  }
  const t = new TextTokens();
  const { entry, content } = write(item, t);
  const first = t.size;
  for (const slot of template.slots) t.raw(slot(item));
  const categories = (entry.category ?? []) as unknown[];
  const split = item.categories.length;
  if (categories.length !== split + item.tags.length)
    throw new Error(`feed adapter: ${item.source} has other categories than its entry`);
  const lists = { sections: categories.slice(0, split), tags: categories.slice(split) };
  // Every text the entry took must have a place: a template of another shape would drop some.
  const used = new Uint8Array(first);
  // The full text's goes where the element is cut.
  if (content) used[TextTokens.numberOf(content) ?? first] = 1;
  const fill = ({ template, bindings }: Piece, scope: unknown) =>
    t.fill(
      template,
      bindings.map((binding) => {
        if ('slot' in binding) return first + binding.slot;
        const number = tokenAt(scope, binding.path);
        used[number] = 1;
        return number;
      }),
    );
  const xml = template.parts.map((segments) => {
    let out = '';
    for (const segment of segments) {
      if (!('repeat' in segment)) out += fill(segment, entry);
      else for (const element of lists[segment.repeat]) out += fill(segment.piece, element);
    }
    return out;
  });
  if (used.includes(0))
    throw new Error(`feed adapter: ${item.source} does not take its shape's template`);
  return { xml: xml as unknown as ItemText, template: key };
}
