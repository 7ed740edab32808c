/**
 * The items of RSS and Atom documents, each written once (from its shape's template, made by
 * `feed`: see `writeItem`) and kept for every other document that shows it in the same form (a
 * story is in its site feed, its sections', its author's and their archives: ten documents or
 * more), and those of the documents a new story changes for the next build too (`carryItems`).
 * Only what surrounds the full text is kept; the text itself is put in its place each time.
 */
import type { Item } from 'feed';
import { outputInvalid } from '../../diagnostics.js';
import type {
  FeedDocument,
  FeedItem,
  ItemImage,
  ItemShelf,
  ItemText,
  ItemXml,
  KeptItems,
  Person,
  TextPart,
} from '../../model.js';
import { htmlCdata, htmlText, isEmptyHtml, storyText } from '../../stored-html.js';
import { cdata, escapeHtmlText, escapeXml, utf8Kept } from '../../text.js';
import { OWN_FOLDERS } from '../../urls.js';
import { elementsProblem, xmlTextProblem } from '../../xml-check.js';
import { CarriedItems, changesWithNewStories } from './carried-items.js';
import { type EntryWriter, forgetTemplates, type ItemFormat, writeItem } from './item-templates.js';
import type { TextTokens } from './text-tokens.js';

export type { ItemFormat } from './item-templates.js';

const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';
/** What `feed` declares on the root of an RSS document when some item carries its full text. */
export const CONTENT_NAMESPACES = `xmlns:dc="${DC_NAMESPACE}" xmlns:content="http://purl.org/rss/1.0/modules/content/"`;
/** Media RSS, which newsletter tools, MSN and Google News read images from. */
export const MEDIA_NAMESPACE = 'http://search.yahoo.com/mrss/';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/**
 * True when `doc` shows the item's full text in every format (not an archive of excerpts, not
 * `feed: summary`): then its output's key must change with the item's body.
 */
export function showsFullText(doc: Pick<FeedDocument, 'excerpts'>, item: FeedItem): boolean {
  return !doc.excerpts && !item.excerpt;
}

/** True when the feeds carry the item's full text: it shows one (`showsFullText`), and has one. */
export function carriesContent(doc: FeedDocument, item: FeedItem): boolean {
  return showsFullText(doc, item) && !isEmptyHtml(item.contentHtml);
}

/**
 * Items' fragments, by format and by what of its document they depend on: the latest written, up
 * to `budget` bytes (a site of 100,000 stories has gigabytes of them), the oldest forgotten
 * first — the documents that share an item (its site, section and author feeds) come together.
 */
export class FragmentStore {
  private readonly byItem = new Map<FeedItem, Map<string, ItemXml>>();
  private readonly order: { item: FeedItem; key: string; size: number }[] = [];
  private oldest = 0;
  private size = 0;

  constructor(private readonly budget: number) {}

  get(item: FeedItem, key: string): ItemXml | undefined {
    return this.byItem.get(item)?.get(key);
  }

  set(item: FeedItem, key: string, fragment: ItemXml): void {
    let known = this.byItem.get(item);
    if (!known) {
      known = new Map();
      this.byItem.set(item, known);
    }
    let size = 0;
    for (const part of fragment) size += part.byteLength;
    known.set(key, fragment);
    this.order.push({ item, key, size });
    this.size += size;
    while (this.size > this.budget && this.oldest < this.order.length) this.forgetOldest();
    if (this.oldest > 4096 && this.oldest * 2 > this.order.length) {
      this.order.splice(0, this.oldest);
      this.oldest = 0;
    }
  }

  /** Forgets every fragment (a new site is being rendered). */
  clear(): void {
    this.byItem.clear();
    this.order.length = 0;
    this.oldest = 0;
    this.size = 0;
  }

  private forgetOldest(): void {
    const { item, key, size } = this.order[this.oldest++] as (typeof this.order)[number];
    const known = this.byItem.get(item);
    known?.delete(key);
    if (known?.size === 0) this.byItem.delete(item);
    this.size -= size;
  }
}

/** 32 MiB: every item of a site of a few thousand stories, in each form it takes. */
export const FRAGMENT_BUDGET = 32 * 1024 * 1024;
const fragments = new FragmentStore(FRAGMENT_BUDGET);

/**
 * The item's fragment in `form` from this thread's store, else `make`'s, kept there: for a format
 * whose items are not written from templates (JSON Feed), with the same budget as the others.
 */
export function storedFragment(item: FeedItem, form: string, make: () => string): Uint8Array {
  const known = fragments.get(item, form);
  if (known) return known[0];
  const made = utf8Kept(make());
  fragments.set(item, form, [made]);
  return made;
}

/** Forgets the items kept so far: a thread starting on another site's outputs lets them go. */
export function forgetItems(): void {
  fragments.clear();
  forgetTemplates();
  checkedStructures.clear();
}

/** The items carried between builds, on the thread that renders a build's site (see `carryItems`). */
let carried: CarriedItems | undefined;

/**
 * From now on, this thread's documents take the items an earlier build wrote (`earlier`, the shelf
 * kept of what `carriedItems` gave it) instead of writing them again — a build after one new story writes one
 * new item, not every item of the documents that show it — and note the items of the documents
 * a new story changes, for the next build. Called again, it starts afresh.
 */
export function carryItems(earlier: () => ItemShelf = () => new Map()): void {
  carried = new CarriedItems(earlier);
}

/**
 * The items of `docs` for the next build, as this thread wrote them since `carryItems` or, by
 * key, took them from its shelf; it stops carrying; undefined when it rendered no feed document (they are then the ones it
 * was given), or was not carrying.
 */
export function carriedItems(docs: readonly FeedDocument[]): KeptItems | undefined {
  const kept = carried?.keep(docs);
  carried = undefined;
  return kept;
}

/**
 * The XML of each item of `doc` (`<item>` or `<entry>`, with the line break and indentation
 * before it) exactly as `feed` writes it in a document of that format. `anyContent` (RSS):
 * whether some item of the document carries its full text, which decides where `dc` is declared.
 * The items not written before are written together, in one document of their own.
 */
export function itemsXml(doc: FeedDocument, format: ItemFormat, anyContent = true): TextPart[] {
  const variant = `${format}\u0000${anyContent}\u0000${doc.siteUrl}\u0000`;
  // Each item's form, taken once: it names the item in this thread's store and the carried one.
  const forms = doc.items.map((item) => `${variant}${carriesContent(doc, item)}`);
  const known = doc.items.map(
    (item, i) => fragments.get(item, forms[i] as string) ?? taken(item, forms[i] as string),
  );
  const missingAt = doc.items.flatMap((_, i) => (known[i] === undefined ? [i] : []));
  const missing = missingAt.map((i) => doc.items[i] as FeedItem);
  const rendered = renderFragments(
    doc,
    missing,
    missingAt.map((i) => forms[i] as string),
    format,
    anyContent,
  );
  const file = doc.paths[format];
  checkWritten(missing, rendered, format, anyContent, file);
  // Checked as text, kept as the bytes every document holding them is written from.
  const written = rendered.map(({ xml }) => xml.map(utf8Kept) as unknown as ItemXml);
  let next = 0;
  carried?.rendering();
  const noted = carried && changesWithNewStories(doc) ? carried : undefined;
  const parts: TextPart[] = [];
  doc.items.forEach((item, i) => {
    let fragment = known[i];
    const form = forms[i] as string;
    if (!fragment) {
      fragment = written[next++] as ItemXml;
      fragments.set(item, form, fragment);
    }
    noted?.note(item, form, fragment);
    if (fragment.length === 1) {
      parts.push(fragment[0]);
      return;
    }
    // Checked as text where this thread first writes it; after that, put in as stored.
    if (checkedTexts.has(item)) {
      parts.push(fragment[0], ...htmlCdata(item.contentHtml), fragment[1]);
      return;
    }
    const html = htmlText(item.contentHtml);
    refuse(xmlTextProblem(html), file, 'full text');
    checkedTexts.add(item);
    parts.push(fragment[0], cdata(html), fragment[1]);
  });
  return parts;
}

/** The item as an earlier build wrote it in this form, kept with this thread's own when there is. */
function taken(item: FeedItem, form: string): ItemXml | undefined {
  const fragment = carried?.take(item, form);
  if (fragment) fragments.set(item, form, fragment);
  return fragment;
}

/** The structures (see `renderFragments`) of items checked whole on this thread. */
const checkedStructures = new Set<string>();

/**
 * Checks items just written: the first of each structure whole (`checkFragments`), and the
 * others, which differ from it only in escaped values, for characters XML cannot carry.
 */
function checkWritten(
  items: readonly FeedItem[],
  rendered: readonly { xml: ItemText; structure: string }[],
  format: ItemFormat,
  anyContent: boolean,
  file: string,
): void {
  const whole = new Map<string, { xml: ItemText; image: boolean }>();
  rendered.forEach(({ xml, structure }, i) => {
    if (checkedStructures.has(structure) || whole.has(structure)) {
      for (const part of xml) refuse(xmlTextProblem(part), file, 'an item');
    } else whole.set(structure, { xml, image: Boolean(items[i]?.image) });
  });
  // Those with an image and those without: each group in a root that declares what it may use.
  for (const withImage of [true, false]) {
    const group = [...whole.values()].flatMap(({ xml, image }) =>
      image === withImage ? [xml] : [],
    );
    checkFragments(group, format, anyContent, withImage, file);
  }
  for (const structure of whole.keys()) checkedStructures.add(structure);
}

/** Items whose full text (in CDATA) was checked: once an item, not once a document. */
const checkedTexts = new WeakSet<FeedItem>();

/**
 * Checks items' elements once, when written: whole (with a stand-in for the full text, which is
 * checked apart), together, inside a root that declares no more namespaces than every document
 * holding them declares (Media RSS only for items with an image). A document made of a checked
 * shell and checked items needs no parsing of its own.
 */
function checkFragments(
  group: readonly ItemText[],
  format: ItemFormat,
  anyContent: boolean,
  withImage: boolean,
  file: string,
): void {
  if (group.length === 0) return;
  const media = withImage ? ` xmlns:media="${MEDIA_NAMESPACE}"` : '';
  const [open, close] =
    format === 'rss'
      ? [
          `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"${anyContent ? ` ${CONTENT_NAMESPACES}` : ''}${media}><channel>`,
          '</channel></rss>',
        ]
      : [`<feed xmlns="http://www.w3.org/2005/Atom"${media}>`, '</feed>'];
  const elements = group.map((fragment) => fragment.join('<![CDATA[full text]]>'));
  refuse(elementsProblem(open, elements, close), file, 'an item');
}

/** Throws (a feedwright bug) when a part of a feed document is not well-formed. */
export function refuse(problem: string | undefined, file: string, part: string): void {
  if (problem) throw outputInvalid(file, `${part} of ${file}: ${problem}`);
}

/** Stands in for the full text while `feed` writes an item: the real one is put in each time. */
const FULL_TEXT = '\u0003';

/**
 * `items` as `feed` writes them (`writeItem`), each in its form (`forms`), with its image; and
 * what decides its structure (its template's key and its image's parts).
 */
function renderFragments(
  doc: FeedDocument,
  items: readonly FeedItem[],
  forms: readonly string[],
  format: ItemFormat,
  anyContent: boolean,
): { xml: ItemText; structure: string }[] {
  const write = entryWriter(doc, format, anyContent);
  return items.map((item, i) => {
    const { xml, template } = writeItem(item, format, forms[i] as string, write);
    const last = xml.length - 1;
    const parts = [...xml];
    parts[last] = withMedia(parts[last] as string, item, format);
    return { xml: parts as unknown as ItemText, structure: `${template}\u0000${mediaShape(item)}` };
  });
}

/** What `feed` is given for an item of `doc` in `format`, with a stand-in for its full text. */
export function entryWriter(
  doc: FeedDocument,
  format: ItemFormat,
  anyContent: boolean,
): EntryWriter {
  const siteUrl = doc.siteUrl;
  return (item, t) => {
    const content = carriesContent(doc, item) ? t.html(FULL_TEXT) : undefined;
    const entry =
      format === 'rss'
        ? rssEntry(siteUrl, item, t, content, anyContent)
        : atomEntry(siteUrl, item, t, content);
    return content ? { entry, content } : { entry };
  };
}

function rssEntry(
  siteUrl: string,
  item: FeedItem,
  t: TextTokens,
  content: string | undefined,
  anyContent: boolean,
): Item {
  return {
    title: t.text(item.title),
    link: item.url,
    date: item.modified,
    published: item.published,
    // RSS description is HTML; the summary is plain text, so it is escaped as HTML first.
    description: item.summary ? t.html(escapeHtmlText(storyText(item.summary))) : undefined,
    content,
    // `feed` writes `domain` as it is: a token, escaped when resolved.
    category: categoryEntries(siteUrl, item, t).map(({ name, scheme }) => ({
      name,
      domain: t.text(scheme),
    })),
    // Never `author`: RSS wants an email there, and a name alone is invalid.
    extensions: [
      {
        name: 'dc:creator',
        objects: item.authors.map((a) => ({
          _text: t.text(a.name),
          // `feed` declares xmlns:dc on the root only when some item has content.
          ...(anyContent ? {} : { _attributes: { 'xmlns:dc': DC_NAMESPACE } }),
        })) as unknown as Record<string, unknown>,
      },
    ],
    ...(item.idIsUrl ? {} : { guid: t.text(item.id) }),
  };
}

function atomEntry(
  siteUrl: string,
  item: FeedItem,
  t: TextTokens,
  content: string | undefined,
): Item {
  return {
    title: t.text(item.title),
    id: item.id,
    link: item.url,
    date: item.modified,
    published: item.published,
    description: item.summary ? t.text(storyText(item.summary)) : undefined,
    content,
    author: item.authors.map((a) => atomAuthor(a, t)),
    category: categoryEntries(siteUrl, item, t).map(({ name, scheme }) => ({
      name,
      term: name,
      scheme,
    })),
  };
}

/** A person as `feed` takes an Atom author. */
export function atomAuthor(person: Person, t: TextTokens) {
  return {
    name: t.text(person.name),
    ...(person.email ? { email: t.text(person.email) } : {}),
    ...(person.url ? { link: person.url } : {}),
  };
}

/**
 * Sections, then tags, each with the URL of the taxonomy it belongs to (RSS `domain`, Atom
 * `scheme`), so aggregators can tell them apart.
 */
function categoryEntries(siteUrl: string, item: FeedItem, t: TextTokens) {
  const { sections, tags } = taxonomiesOf(siteUrl);
  return [
    ...item.categories.map((c) => ({ name: t.text(c.name), scheme: sections })),
    ...item.tags.map((tag) => ({ name: t.text(tag.name), scheme: tags })),
  ];
}

const taxonomies = new Map<string, { sections: string; tags: string }>();

/** The taxonomy URLs of a site (one per site, not one per item: `new URL` is not free). */
function taxonomiesOf(siteUrl: string): { sections: string; tags: string } {
  let known = taxonomies.get(siteUrl);
  if (!known) {
    known = {
      sections: new URL(OWN_FOLDERS.categories, siteUrl).href,
      tags: new URL(OWN_FOLDERS.tags, siteUrl).href,
    };
    taxonomies.set(siteUrl, known);
  }
  return known;
}

/** The image's media type: from its file when the site has it, else from its name. */
function imageType(image: ItemImage): string | undefined {
  if (image.type) return image.type;
  const ext = new URL(image.url).pathname.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_TYPES[ext];
}

/**
 * An item's image — its format's `enclosure` and the Media RSS elements — inserted at the end of
 * its element `xml` (before `</item>` or `</entry>`).
 */
function withMedia(xml: string, item: FeedItem, format: ItemFormat): string {
  if (!item.image) return xml;
  const close = format === 'rss' ? '</item>' : '</entry>';
  const at = xml.lastIndexOf(close);
  const indent = format === 'rss' ? ' '.repeat(12) : ' '.repeat(8);
  const type = imageType(item.image);
  const enclosure = format === 'rss' ? rssEnclosure : atomEnclosure;
  const lines = `${enclosure(item.image, type)}${mediaElements(item.image, type)}`;
  const media = `\n${indent}${lines.replaceAll('><', `>\n${indent}<`)}\n${indent.slice(4)}`;
  // `trimEnd` strips what `/\s*$/` would, without the pattern's tries at every whitespace run.
  return `${xml.slice(0, at).trimEnd()}${media}${xml.slice(at)}`;
}

/** Which parts of its image `withMedia` writes for `item`. */
function mediaShape(item: FeedItem): string {
  const image = item.image;
  if (!image) return '-';
  const parts = [
    image.credit,
    image.caption ?? image.alt,
    imageType(image),
    image.length !== undefined,
    image.width && image.height,
  ];
  return parts.map((part) => (part ? 'y' : 'n')).join('');
}

/** Media RSS of a lead image: `media:content` with its credit and caption, and `media:thumbnail`. */
function mediaElements(image: ItemImage, type: string | undefined): string {
  const size =
    image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
  const about = [
    image.credit &&
      `<media:credit role="photographer" scheme="urn:ebu">${escapeXml(image.credit)}</media:credit>`,
    (image.caption ?? image.alt) &&
      `<media:description type="plain">${escapeXml(image.caption ?? image.alt ?? '')}</media:description>`,
  ].filter(Boolean);
  const attributes = [
    `url="${escapeXml(image.url)}"`,
    'medium="image"',
    type && `type="${escapeXml(type)}"`,
    image.length !== undefined && `fileSize="${image.length}"`,
  ].filter(Boolean);
  const content = about.length
    ? `<media:content ${attributes.join(' ')}${size}>${about.join('')}</media:content>`
    : `<media:content ${attributes.join(' ')}${size}/>`;
  return `${content}<media:thumbnail url="${escapeXml(image.url)}"${size}/>`;
}

/** RSS `enclosure`: the image's URL, its real length (0 when the site does not have it), its type. */
function rssEnclosure(image: ItemImage, type: string | undefined): string {
  if (!type) return '';
  return `<enclosure url="${escapeXml(image.url)}" length="${image.length ?? 0}" type="${escapeXml(type)}"/>`;
}

/** Atom `link rel="enclosure"`, with the image's length when the site has its file. */
function atomEnclosure(image: ItemImage, type: string | undefined): string {
  const length = image.length !== undefined ? ` length="${image.length}"` : '';
  const typed = type ? ` type="${escapeXml(type)}"` : '';
  return `<link rel="enclosure" href="${escapeXml(image.url)}"${typed}${length}/>`;
}
