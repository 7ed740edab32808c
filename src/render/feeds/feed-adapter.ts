/**
 * The one module that uses the `feed` package. `feed` 6.0.0 decides the structure of RSS and
 * Atom documents; its escaping is unsafe (control characters, a second `]]>`, `<` in
 * attributes, `&amp;` collapsing to `&`), so every piece of text reaches it as an opaque token
 * and is escaped here, after `feed` has written the document.
 */
import { Feed, type Item } from 'feed';
import type { FeedDocument, FeedItem, ItemImage, Person } from '../../model.js';
import { cdata, escapeHtmlText, escapeXml } from '../../text.js';
import { OWN_FOLDERS } from '../../urls.js';

export const GENERATOR = 'feedwright';
const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';
/** RFC 5005 Feed Paging and Archiving. */
const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0';
/** Media RSS, which newsletter tools, MSN and Google News read images from. */
const MEDIA_NAMESPACE = 'http://search.yahoo.com/mrss/';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

type TokenKind = 'text' | 'html';

/**
 * Stands in for text while `feed` writes. U+0001/U+0002 can never occur in our text
 * (validation removes every C0 control), and neither `feed` nor xml-js alter them.
 */
class TextTokens {
  private readonly values: { value: string; kind: TokenKind }[] = [];

  text(value: string): string {
    return this.add(value, 'text');
  }
  html(value: string): string {
    return this.add(value, 'html');
  }
  optionalText(value: string | undefined): string | undefined {
    return value ? this.text(value) : undefined;
  }

  private add(value: string, kind: TokenKind): string {
    this.values.push({ value, kind });
    return `\u0001${this.values.length - 1}\u0002`;
  }

  /** Replaces every token with correctly escaped text; Atom text constructs become `type="text"`. */
  resolve(xml: string): string {
    const out = xml.replace(
      /<(title|summary|subtitle|rights) type="html"><!\[CDATA\[\u0001(\d+)\u0002\]\]>|<!\[CDATA\[\u0001(\d+)\u0002\]\]>|\u0001(\d+)\u0002/g,
      (
        _match,
        element: string | undefined,
        atomIndex?: string,
        cdataIndex?: string,
        bareIndex?: string,
      ) => {
        const token = this.values[Number(atomIndex ?? cdataIndex ?? bareIndex)];
        if (!token) throw new Error('feed adapter: unknown text token');
        const body =
          token.kind === 'html' && bareIndex === undefined
            ? cdata(token.value)
            : escapeXml(token.value);
        if (element) return `<${element} type="${token.kind}">${body}`;
        return body;
      },
    );
    if (/[\u0001\u0002]/.test(out)) throw new Error('feed adapter: a text token was not resolved');
    return out;
  }
}

/** The image's media type: from its file when the site has it, else from its name. */
function imageType(image: ItemImage): string | undefined {
  if (image.type) return image.type;
  const ext = new URL(image.url).pathname.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_TYPES[ext];
}

/** True when the feeds carry the item's full text (not in an archive of excerpts, not `feed: summary`). */
function carriesContent(doc: FeedDocument, item: FeedItem): boolean {
  return !doc.excerpts && !item.excerpt && item.contentHtml !== '';
}

function baseOptions(doc: FeedDocument, t: TextTokens) {
  return {
    title: t.text(doc.title),
    description: t.text(doc.description),
    link: doc.homeUrl,
    language: doc.language,
    // Always the newest item's date: `feed` would otherwise stamp the clock.
    updated: doc.updated,
    generator: GENERATOR,
    copyright: t.optionalText(doc.copyright),
    ...(doc.logo ? { image: doc.logo } : {}),
    ...(doc.icon ? { favicon: doc.icon } : {}),
  };
}

/** RFC 5005 links of one format: `current`, `prev-archive`, `next-archive`, as they exist. */
function historyLinks(doc: FeedDocument, format: 'rss' | 'atom'): { rel: string; href: string }[] {
  const h = doc.history;
  const links = [
    { rel: 'current', href: h?.current?.[format] },
    { rel: 'prev-archive', href: h?.prev?.[format] },
    { rel: 'next-archive', href: h?.next?.[format] },
  ];
  return links.filter((link): link is { rel: string; href: string } => link.href !== undefined);
}

/** `xml` with a namespace declared on its root element. */
function declare(xml: string, root: 'rss' | 'feed', prefix: string, uri: string): string {
  return xml.replace(`<${root} `, `<${root} xmlns:${prefix}="${uri}" `);
}

/** An archive document says so (`<fh:archive/>`), with the namespace declared on the root. */
function markArchive(xml: string, root: 'rss' | 'feed', after: RegExp, indent: string): string {
  const declared = declare(xml, root, 'fh', FH_NAMESPACE);
  return declared.replace(after, (line) => `${line}\n${indent}<fh:archive/>`);
}

/**
 * Sections, then tags, each with the URL of the taxonomy it belongs to (RSS `domain`, Atom
 * `scheme`), so aggregators can tell them apart.
 */
function categoryEntries(doc: FeedDocument, item: FeedItem, t: TextTokens) {
  const { sections, tags } = taxonomiesOf(doc.siteUrl);
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

/**
 * Each item's image — its format's `enclosure` and the Media RSS elements — inserted at the end of
 * its element (`</item>` or `</entry>`) while every text is still a token, so no text can hold
 * the closing tag; the namespace declared.
 */
function withMedia(
  xml: string,
  doc: FeedDocument,
  root: 'rss' | 'feed',
  enclosure: (image: ItemImage, type: string | undefined) => string,
): string {
  if (!doc.items.some((item) => item.image)) return xml;
  const close = root === 'rss' ? '</item>' : '</entry>';
  const parts = xml.split(close);
  const indent = root === 'rss' ? ' '.repeat(12) : ' '.repeat(8);
  const out = parts.map((part, i) => {
    const item = doc.items[i];
    if (!item?.image || i === parts.length - 1) return part;
    const type = imageType(item.image);
    const lines = `${enclosure(item.image, type)}${mediaElements(item.image, type)}`;
    return `${part.replace(/\s*$/, '')}\n${indent}${lines.replaceAll('><', `>\n${indent}<`)}\n${indent.slice(4)}`;
  });
  return declare(out.join(close), root, 'media', MEDIA_NAMESPACE);
}

export function renderRss(doc: FeedDocument): string {
  const t = new TextTokens();
  const feed = new Feed({ ...baseOptions(doc, t), feed: doc.urls.rss });
  // `feed` writes one hub at most; the channel's atom:link list is replaced whole instead.
  feed.addExtension({
    name: 'atom:link',
    objects: [
      { _attributes: { href: doc.urls.rss, rel: 'self', type: 'application/rss+xml' } },
      ...historyLinks(doc, 'rss').map(({ rel, href }) => ({
        _attributes: { href, rel, type: 'application/rss+xml' },
      })),
      ...doc.hubs.map((hub) => ({ _attributes: { href: hub, rel: 'hub' } })),
    ] as unknown as Record<string, unknown>,
  });
  const anyContent = doc.items.some((item) => carriesContent(doc, item));
  for (const item of doc.items) {
    const entry: Item = {
      title: t.text(item.title),
      link: item.url,
      date: item.modified,
      published: item.published,
      // RSS description is HTML; the summary is plain text, so it is escaped as HTML first.
      description: item.summary ? t.html(escapeHtmlText(item.summary)) : undefined,
      content: carriesContent(doc, item) ? t.html(item.contentHtml) : undefined,
      // `feed` writes `domain` as it is: a token, escaped when resolved.
      category: categoryEntries(doc, item, t).map(({ name, scheme }) => ({
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
    feed.addItem(entry);
  }
  const xml = t.resolve(withMedia(feed.rss2(), doc, 'rss', rssEnclosure));
  return doc.archive ? markArchive(xml, 'rss', /<channel>/, ' '.repeat(8)) : xml;
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

function atomAuthor(person: Person, t: TextTokens) {
  return {
    name: t.text(person.name),
    ...(person.email ? { email: t.text(person.email) } : {}),
    ...(person.url ? { link: person.url } : {}),
  };
}

export function renderAtom(doc: FeedDocument): string {
  const t = new TextTokens();
  const [firstHub, ...moreHubs] = doc.hubs;
  const feed = new Feed({
    ...baseOptions(doc, t),
    // An archive document is part of the same feed: it shares the subscription document's id.
    id: doc.history?.current?.atom ?? doc.urls.atom,
    feed: doc.urls.atom,
    author: atomAuthor(doc.author, t),
    ...(firstHub ? { hub: firstHub } : {}),
  });
  for (const item of doc.items) {
    feed.addItem({
      title: t.text(item.title),
      id: item.id,
      link: item.url,
      date: item.modified,
      published: item.published,
      description: item.summary ? t.text(item.summary) : undefined,
      content: carriesContent(doc, item) ? t.html(item.contentHtml) : undefined,
      author: item.authors.map((a) => atomAuthor(a, t)),
      category: categoryEntries(doc, item, t).map(({ name, scheme }) => ({
        name,
        term: name,
        scheme,
      })),
    });
  }
  let xml = t.resolve(withMedia(feed.atom1(), doc, 'feed', atomEnclosure));
  if (moreHubs.length > 0) {
    const all = doc.hubs.map((hub) => `<link rel="hub" href="${escapeXml(hub)}"/>`);
    xml = xml.replace(/<link rel="hub" href="[^"]*"\/>/, all.join('\n    '));
  }
  // The language of every text construct (RFC 4287 §2: xml:lang), inherited by each entry.
  xml = xml.replace(/<feed [^>]*/, (open) => `${open} xml:lang="${escapeXml(doc.language)}"`);
  return withAtomHistory(xml, doc);
}

/** RFC 5005 links after the self link, and `<fh:archive/>` in an archive document. */
function withAtomHistory(xml: string, doc: FeedDocument): string {
  const links = historyLinks(doc, 'atom').map(
    ({ rel, href }) => `<link rel="${rel}" href="${escapeXml(href)}" type="application/atom+xml"/>`,
  );
  const self = /<link rel="self" href="[^"]*"\/>/;
  const linked = links.length ? xml.replace(self, (line) => [line, ...links].join('\n    ')) : xml;
  return doc.archive ? markArchive(linked, 'feed', self, ' '.repeat(4)) : linked;
}
