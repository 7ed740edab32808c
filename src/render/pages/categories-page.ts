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
import { formatLinks, pageNeighbours, pager } from './parts.js';
import { sayCount, sayText } from './words.js';

/** Page `page` (from 1) of the categories index. */
export function categoriesPage(ctx: Context, index: CategoryIndex, page: number): string {
  const { site, siteFeed } = ctx;
  const { text, folder } = ctx.language;
  const dirOf = (n: number) => indexDir(n, folder);
  const at = here(indexPath(page, folder));
  const of = { page, pages: index.pages.length };
  const rows = (index.pages[page - 1] ?? []).map((entry) => html`${categoryRow(ctx, at, entry)}\n`);
  const words = {
    label: text.moreCategories,
    prev: text.previousCategories,
    next: text.nextCategories,
    pageOf: text.pageOf,
  };
  const lede = sayCount(ctx.language, 'categoriesLede', index.entries.length, {
    site: html`<bdi>${site.title}</bdi>`,
  });
  const main = html`<div class="intro">
<h1>${text.categories}</h1>
<p class="lede">${lede}</p>
</div>
${contents(ctx, at, index, page)}<ul class="feeds category-index">
${rows}</ul>
${pager(at, dirOf, of, words)}`;
  const title = page === 1 ? text.categories : sayText(text.categoriesPageTitle, { page });
  return layout(ctx, at, {
    title: `${title} — ${site.title}`,
    description: sayText(text.categoriesDescription, { site: site.title }),
    alternates: siteFeed,
    canonical: httpUrl(new URL(dirOf(page), site.url).href),
    current: 'categories',
    pages: pageNeighbours(at, dirOf, of),
    main,
  });
}

function categoryRow(ctx: Context, at: Here, { feed, count: posts }: CategoryEntry): SafeHtml {
  const name = feed.category?.name ?? feed.title;
  return html`<li>
<a class="feed-name" href="${rel(at, feedDir(feed))}" dir="auto">${name}</a>
<span class="count">${sayCount(ctx.language, 'storyCount', posts)}</span>
<span class="formats">${formatLinks(ctx, at, feed, name)}</span>
</li>`;
}

/** Every page of the index by the names it runs from and to; nothing when there is one page. */
function contents(ctx: Context, at: Here, index: CategoryIndex, current: number): SafeHtml | false {
  if (index.pages.length <= 1) return false;
  const links = index.pages.map((entries, i) => {
    const first = entries[0]?.feed.category?.name ?? '';
    const last = entries.at(-1)?.feed.category?.name ?? '';
    const mark = i + 1 === current ? html` aria-current="page"` : '';
    return html`<li><a href="${rel(at, indexDir(i + 1, ctx.language.folder))}"${mark}><bdi>${first}</bdi> – <bdi>${last}</bdi></a></li>\n`;
  });
  return html`<nav class="index-pages" aria-label="${ctx.language.text.categoriesByPage}">
<ol>
${links}</ol>
</nav>
`;
}
