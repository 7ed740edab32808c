/**
 * The categories index (`categories/`, then `categories/page/2/`, …): every category A to Z with
 * its number of stories and its feeds, `INDEX_PAGE_SIZE` a page, so that every category can be
 * reached from every page however many there are, while no page lists more than that.
 */
import { httpUrl } from '../../urls.js';
import { type CategoryEntry, type CategoryIndex, indexDir, indexPath } from './category-lists.js';
import { html, type SafeHtml } from './html-template.js';
import { layout } from './layout.js';
import { type Context, feedDir, type Here, here, rel } from './links.js';
import { count, formatLinks, type PagerWords, pageNeighbours, pager } from './parts.js';

const INDEX_PAGER: PagerWords = {
  label: 'More categories',
  prev: 'Previous categories',
  next: 'Next categories',
};

/** Page `page` (from 1) of the categories index. */
export function categoriesPage(ctx: Context, index: CategoryIndex, page: number): string {
  const { site, siteFeed } = ctx;
  const at = here(indexPath(page));
  const of = { page, pages: index.pages.length };
  const rows = (index.pages[page - 1] ?? []).map((entry) => html`${categoryRow(at, entry)}\n`);
  const main = html`<div class="intro">
<h1>Categories</h1>
<p class="lede">All ${count(index.entries.length, 'category', 'categories')} of <bdi>${site.title}</bdi>, A to Z, each with its number of stories and its own feeds.</p>
</div>
${contents(at, index, page)}<ul class="feeds category-index">
${rows}</ul>
${pager(at, indexDir, of, INDEX_PAGER)}`;
  const title = page === 1 ? 'Categories' : `Categories — page ${page}`;
  return layout(ctx, at, {
    title: `${title} — ${site.title}`,
    description: `Every category of ${site.title}, with its feeds.`,
    alternates: siteFeed,
    canonical: httpUrl(new URL(indexDir(page), site.url).href),
    current: 'categories',
    pages: pageNeighbours(at, indexDir, of),
    main,
  });
}

function categoryRow(at: Here, { feed, count: posts }: CategoryEntry): SafeHtml {
  const name = feed.category?.name ?? feed.title;
  return html`<li>
<a class="feed-name" href="${rel(at, feedDir(feed))}" dir="auto">${name}</a>
<span class="count">${count(posts, 'story', 'stories')}</span>
<span class="formats">${formatLinks(at, feed, name)}</span>
</li>`;
}

/** Every page of the index by the names it runs from and to; nothing when there is one page. */
function contents(at: Here, index: CategoryIndex, current: number): SafeHtml | false {
  if (index.pages.length <= 1) return false;
  const links = index.pages.map((entries, i) => {
    const first = entries[0]?.feed.category?.name ?? '';
    const last = entries.at(-1)?.feed.category?.name ?? '';
    const mark = i + 1 === current ? html` aria-current="page"` : '';
    return html`<li><a href="${rel(at, indexDir(i + 1))}"${mark}><bdi>${first}</bdi> – <bdi>${last}</bdi></a></li>\n`;
  });
  return html`<nav class="index-pages" aria-label="Categories by page">
<ol>
${links}</ol>
</nav>
`;
}
