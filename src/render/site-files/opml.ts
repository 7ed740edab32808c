/**
 * `feeds.opml` (OPML 2.0): every subscription feed the build writes, so a reader imports the
 * whole site in one step. The site feed first, then an outline per kind (sections, authors,
 * tags), each feed by its RSS document with its page as `htmlUrl`. A site in several languages
 * has an outline per language, holding the same.
 */
import type { FeedDocument, SiteDocument } from '../../model.js';
import { escapeXml } from '../../text.js';
import { languageName } from '../pages/words.js';

export const OPML_FILE = 'feeds.opml';

/** The kinds of feed, as the outlines that group them. */
const GROUPS: { title: string; has: (doc: FeedDocument) => string | undefined }[] = [
  { title: 'Sections', has: (doc) => doc.category?.name },
  { title: 'Authors', has: (doc) => doc.writer?.name },
  { title: 'Tags', has: (doc) => doc.tag?.name },
];

export function renderOpml(site: SiteDocument): string {
  const several = site.languages.length > 1;
  const body = several
    ? site.languages.flatMap(({ tag }) => {
        const feeds = site.feeds.filter((doc) => doc.language === tag);
        if (feeds.length === 0) return [];
        const name = escapeXml(languageName(tag));
        const open = `    <outline text="${name}" title="${name}" language="${escapeXml(tag)}">`;
        return [open, ...outlines(feeds, site.title, '  '), '    </outline>'];
      })
    : outlines(site.feeds, site.title);
  const newest = Math.max(0, ...site.feeds.map((doc) => doc.updated.getTime()));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(`${site.title}: every feed`)}</title>`,
    // The newest feed's date, never the clock: the same posts give the same bytes.
    `    <dateModified>${new Date(newest).toUTCString()}</dateModified>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ];
  return lines.join('\n');
}

/** The site feed of `feeds` (their first), then an outline per kind; indented by `more`. */
function outlines(feeds: readonly FeedDocument[], siteTitle: string, more = ''): string[] {
  const [siteFeed, ...rest] = feeds;
  const at = `    ${more}`;
  return [
    ...(siteFeed ? [`${at}${outline(siteFeed, siteTitle)}`] : []),
    ...GROUPS.flatMap(({ title, has }) => {
      const lines = rest.flatMap((doc) => {
        const name = has(doc);
        return name === undefined ? [] : [`${at}  ${outline(doc, name)}`];
      });
      if (lines.length === 0) return [];
      const text = escapeXml(title);
      return [`${at}<outline text="${text}" title="${text}">`, ...lines, `${at}</outline>`];
    }),
  ];
}

/** One feed: `type="rss"` (OPML's word for any feed), its RSS document and its page. */
function outline(doc: FeedDocument, name: string): string {
  const attributes = [
    ['type', 'rss'],
    ['text', name],
    ['title', doc.title],
    ['description', doc.description],
    ['xmlUrl', doc.urls.rss],
    ['htmlUrl', doc.homeUrl],
    ['language', doc.language],
    ['version', 'RSS2'],
  ];
  return `<outline ${attributes.map(([key, value]) => `${key}="${escapeXml(value ?? '')}"`).join(' ')}/>`;
}
