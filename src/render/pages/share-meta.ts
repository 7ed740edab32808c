/**
 * What a story's page tells search engines and social sites: `NewsArticle` JSON-LD (Google News
 * reads `headline`, `datePublished`, `dateModified`, `author`, `image`, and `correction`), and
 * Open Graph and Twitter card metadata for link previews.
 */
import type { FeedItem, SiteDocument } from '../../model.js';
import { storyText } from '../../stored-html.js';
import { httpUrl, OWN_FOLDERS } from '../../urls.js';
import { html, raw, type SafeHtml } from './html-template.js';

/**
 * The JSON-LD and the link-preview metadata of a story's page (`summary`: its summary's text, when
 * the page has read it already: a summary put aside on disk is read once a page).
 */
export function articleHead(
  site: SiteDocument,
  item: FeedItem,
  summary = storyText(item.summary),
): SafeHtml {
  const image = item.image;
  const meta = (property: string, content: string | number | undefined, name = 'property') =>
    content === undefined || content === ''
      ? ''
      : html`<meta ${raw(name)}="${property}" content="${String(content)}">\n`;
  const tags = [
    meta('og:type', 'article'),
    meta('og:site_name', site.title),
    meta('og:title', item.title),
    meta('og:description', summary),
    meta('og:url', httpUrl(item.url)),
    meta('og:locale', item.language.replace('-', '_')),
    ...(item.translations ?? [])
      .filter((t) => t.language !== item.language)
      .map((t) => meta('og:locale:alternate', t.language.replace('-', '_'))),
    meta('og:image', image?.url),
    meta('og:image:width', image?.width),
    meta('og:image:height', image?.height),
    meta('og:image:alt', image?.alt ?? image?.caption),
    meta('article:published_time', item.published.toISOString()),
    meta('article:modified_time', item.modified.toISOString()),
    meta('article:section', item.categories[0]?.name),
    ...item.tags.map((tag) => meta('article:tag', tag.name)),
    meta('twitter:card', image ? 'summary_large_image' : 'summary', 'name'),
    meta('twitter:title', item.title, 'name'),
    meta('twitter:description', summary, 'name'),
    meta('twitter:image', image?.url, 'name'),
  ];
  return html`${tags}<script type="application/ld+json">${raw(jsonLd(newsArticle(site, item, summary)))}</script>`;
}

/** The story as a schema.org `NewsArticle` (`summary`: its summary's text, when read already). */
export function newsArticle(
  site: SiteDocument,
  item: FeedItem,
  summary = storyText(item.summary),
): Record<string, unknown> {
  const image = item.image;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: item.title,
    ...(summary ? { description: summary } : {}),
    url: item.url,
    mainEntityOfPage: item.url,
    datePublished: item.published.toISOString(),
    dateModified: item.modified.toISOString(),
    inLanguage: item.language,
    author: item.authors.map((author) => {
      // Their own site, else their page here.
      const folder = site.languages.find((l) => l.tag === item.language)?.folder ?? '';
      const page =
        author.slug && new URL(`${folder}${OWN_FOLDERS.authors}${author.slug}/`, site.url).href;
      const url = httpUrl(author.url) ?? page;
      return { '@type': 'Person', name: author.name, ...(url ? { url } : {}) };
    }),
    ...(image
      ? {
          image: [
            {
              '@type': 'ImageObject',
              url: image.url,
              ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
              ...(image.caption ? { caption: image.caption } : {}),
              ...(image.credit ? { creditText: image.credit } : {}),
            },
          ],
        }
      : {}),
    ...(item.categories[0] ? { articleSection: item.categories.map((c) => c.name) } : {}),
    ...(item.tags.length > 0 ? { keywords: item.tags.map((t) => t.name) } : {}),
    publisher: {
      '@type': 'Organization',
      name: site.title,
      url: site.url,
      ...(site.icon ? { logo: { '@type': 'ImageObject', url: site.icon } } : {}),
    },
    ...(item.corrections?.length
      ? {
          correction: item.corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.text,
            datePublished: c.date.toISOString(),
          })),
        }
      : {}),
  };
}

/**
 * JSON safe inside a `<script>` element: `<` written as `\u003c`, so no text can close the
 * element or open a comment; U+2028/U+2029 escaped for old parsers.
 */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
