/**
 * Manifests written by hand for the continuity tests (what a build records of its items and
 * feeds), and feed files as other generators write them.
 */
import type { Manifest, ManifestItem } from '../../src/manifest.js';

/** The test site's URL (`makeConfig`); its time zone is America/Toronto. */
export const SITE = 'https://news.example.com/';

/**
 * The item a build records for `posts/<slug>.md` with the default permalink: id = URL, published
 * 2026-03-0N 10:00 Toronto time for the Nth letter of the alphabet (a = 1), title = Slug.
 */
export function manifestItem(slug: string, overrides: Partial<ManifestItem> = {}): ManifestItem {
  const url = `${SITE}posts/${slug}/`;
  const day = String(slug.charCodeAt(0) - 96).padStart(2, '0');
  return {
    id: url,
    url,
    source: `${slug}.md`,
    title: slug.charAt(0).toUpperCase() + slug.slice(1),
    published: `2026-03-${day}T15:00:00.000Z`,
    hash: `sha-${slug}`,
    ...overrides,
  };
}

/** A manifest holding `items` (newest first), all in the site feed unless `feeds` says. */
export function manifestWith(
  items: ManifestItem[],
  feeds: Manifest['feeds'] = { 'rss.xml': { title: 'Test News', items: items.map((i) => i.id) } },
): Manifest {
  return { generator: 'feedwright', files: { 'rss.xml': 'x'.repeat(64) }, items, feeds };
}

/**
 * An Atom feed as jekyll-feed writes it: `type="html"` titles (escaped twice), ids that are not
 * the links, and dates with the site's offset. Entries: [link, id, title, published, updated?].
 */
export function jekyllAtom(
  entries: [link: string, id: string, title: string, published: string, updated?: string][],
): string {
  const xml = entries
    .map(
      ([link, id, title, published, updated]) =>
        `<entry><title type="html">${title}</title><link href="${link}" rel="alternate" type="text/html" title="${title}" /><published>${published}</published><updated>${updated ?? published}</updated><id>${id}</id><content type="html" xml:base="${link}">&lt;p&gt;Text.&lt;/p&gt;</content><author><name>Desk</name></author><summary type="html">Text.</summary></entry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" ><generator uri="https://jekyllrb.com/" version="4.3.4">Jekyll</generator><link href="${SITE}feed.xml" rel="self" type="application/atom+xml" /><link href="${SITE}" rel="alternate" type="text/html" /><updated>2026-03-04T10:00:00-05:00</updated><id>${SITE}feed.xml</id><title type="html">Test News</title><subtitle>News for tests</subtitle>${xml}</feed>\n`;
}

/** An RSS feed as Hugo's default template writes it. Items: [link, title, pubDate]. */
export function hugoRss(items: [link: string, title: string, pubDate: string][]): string {
  const xml = items
    .map(
      ([link, title, pubDate]) => `
    <item>
      <title>${title}</title>
      <link>${link}</link>
      <pubDate>${pubDate}</pubDate>
      <guid>${link}</guid>
      <description>&lt;p&gt;Text.&lt;/p&gt;</description>
    </item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Test News</title>
    <link>${SITE}</link>
    <description>Recent content on Test News</description>
    <generator>Hugo</generator>
    <language>en</language>
    <lastBuildDate>Wed, 04 Mar 2026 10:00:00 -0500</lastBuildDate>
    <atom:link href="${SITE}index.xml" rel="self" type="application/rss+xml" />${xml}
  </channel>
</rss>
`;
}
