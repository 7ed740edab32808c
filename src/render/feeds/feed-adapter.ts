/**
 * RSS and Atom documents, written by the `feed` package: `feed` 6.0.0 decides their structure;
 * its escaping is unsafe (control characters, a second `]]>`, `<` in attributes, `&amp;`
 * collapsing to `&`), so every piece of text reaches it as an opaque token and is escaped after
 * `feed` has written the document (`TextTokens`). The document around the items is written here;
 * each item once, for every document that shows it (`itemsXml`).
 */
import { Feed } from 'feed';
import type { FeedDocument, TextPart } from '../../model.js';
import { escapeXml, joinParts } from '../../text.js';
import { xmlProblem } from '../../xml-check.js';
import {
  atomAuthor,
  CONTENT_NAMESPACES,
  carriesContent,
  type ItemFormat,
  itemsXml,
  MEDIA_NAMESPACE,
  refuse,
} from './feed-items.js';
import { TextTokens } from './text-tokens.js';

export const GENERATOR = 'feedwright';
/** RFC 5005 Feed Paging and Archiving. */
const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0';

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

export function renderRss(doc: FeedDocument): string {
  return joinParts(rssParts(doc));
}

/** The RSS document in parts (see `OutputFile.parts`): its shell's head, its items, its tail. */
export function rssParts(doc: FeedDocument): TextPart[] {
  const t = new TextTokens();
  const feed = new Feed({ ...baseOptions(doc, t), feed: doc.urls.rss });
  // `feed` writes one hub at most; the channel's atom:link list is replaced whole instead. Its
  // URLs are tokens: xml-js writes attributes as they are (a hub's `&` would break the document).
  feed.addExtension({
    name: 'atom:link',
    objects: [
      { _attributes: { href: t.text(doc.urls.rss), rel: 'self', type: 'application/rss+xml' } },
      ...historyLinks(doc, 'rss').map(({ rel, href }) => ({
        _attributes: { href: t.text(href), rel, type: 'application/rss+xml' },
      })),
      ...doc.hubs.map((hub) => ({ _attributes: { href: t.text(hub), rel: 'hub' } })),
    ] as unknown as Record<string, unknown>,
  });
  const anyContent = doc.items.some((item) => carriesContent(doc, item));
  let shell = t.resolve(feed.rss2());
  if (anyContent)
    shell = shell.replace('<rss version="2.0"', `<rss version="2.0" ${CONTENT_NAMESPACES}`);
  if (doc.items.some((item) => item.image)) shell = declare(shell, 'rss', 'media', MEDIA_NAMESPACE);
  if (doc.archive) shell = markArchive(shell, 'rss', /<channel>/, ' '.repeat(8));
  return withItems(shell, '\n    </channel>', doc, 'rss', anyContent);
}

/**
 * The document `shell` (written without items) with its items before its closing `end`, in
 * parts: never copied into one string unless its text is asked for.
 */
function withItems(
  shell: string,
  end: string,
  doc: FeedDocument,
  format: ItemFormat,
  anyContent?: boolean,
): TextPart[] {
  refuse(xmlProblem(shell, format === 'rss' ? 'rss' : 'feed'), doc.paths[format], 'the shell');
  const at = shell.lastIndexOf(end);
  // Checked items in a checked shell, in its element content: well-formed as a whole.
  return [shell.slice(0, at), ...itemsXml(doc, format, anyContent), shell.slice(at)];
}

export function renderAtom(doc: FeedDocument): string {
  return joinParts(atomParts(doc));
}

/** The Atom document in parts (see `OutputFile.parts`): its shell's head, its entries, its tail. */
export function atomParts(doc: FeedDocument): TextPart[] {
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
  let xml = t.resolve(feed.atom1());
  if (doc.items.some((item) => item.image)) xml = declare(xml, 'feed', 'media', MEDIA_NAMESPACE);
  if (moreHubs.length > 0) {
    const all = doc.hubs.map((hub) => `<link rel="hub" href="${escapeXml(hub)}"/>`);
    xml = xml.replace(/<link rel="hub" href="[^"]*"\/>/, all.join('\n    '));
  }
  // The language of every text construct (RFC 4287 §2: xml:lang), inherited by each entry.
  xml = xml.replace(/<feed [^>]*/, (open) => `${open} xml:lang="${escapeXml(doc.language)}"`);
  return withItems(withAtomHistory(xml, doc), '\n</feed>', doc, 'atom');
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
