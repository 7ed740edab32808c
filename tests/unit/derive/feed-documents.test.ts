import { describe, expect, it } from 'vitest';
import {
  feedDocuments,
  feedSummary,
  siteDocument,
  toFeedItem,
} from '../../../src/derive/feed-documents.js';
import { planFeeds } from '../../../src/derive/plan-feeds.js';
import { selectPublished } from '../../../src/derive/select.js';
import { feedsOf, makePost, siteConfig } from '../../helpers/model.js';

const config = siteConfig();
const at = (iso: string) => new Date(iso);

describe('feedDocuments', () => {
  const posts = selectPublished(
    Array.from({ length: 5 }, (_, i) =>
      makePost({
        slug: `p${i}`,
        title: `P${i}`,
        date: at(`2026-01-0${i + 1}T00:00:00Z`),
        categories: i % 2 ? ['Odd'] : ['Even'],
      }),
    ),
    { now: at('2027-01-01') },
  );

  it('makes the site feed and one per category, each limited to the newest `limit` posts', () => {
    const feeds = feedsOf(posts, { ...config, limit: 2 });
    expect(feeds.map((f) => [f.paths.rss, f.items.map((i) => i.title)])).toEqual([
      ['rss.xml', ['P4', 'P3']],
      ['categories/even/rss.xml', ['P4', 'P2']],
      ['categories/odd/rss.xml', ['P3', 'P1']],
    ]);
  });

  it('gives every feed absolute URLs, titles and a home page', () => {
    const [site, even] = feedsOf(posts, config);
    expect(site?.urls.atom).toBe('https://news.example.com/atom.xml');
    expect(site?.homeUrl).toBe('https://news.example.com/');
    expect(even?.urls.json).toBe('https://news.example.com/categories/even/feed.json');
    expect(even?.title).toBe('Test News — Even');
    expect(even?.description).toBe('Even from Test News.');
    expect(even?.homeUrl).toBe('https://news.example.com/categories/even/');
  });

  it("takes the feed date from the newest item's modification, never the clock", () => {
    const feeds = feedsOf(
      [makePost({ date: at('2026-01-01T00:00:00Z'), updated: at('2026-02-01T00:00:00Z') })],
      config,
    );
    expect(feeds[0]?.updated.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(feedsOf([], config)[0]?.updated.toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });

  it('asks for each post once, and shares its item between feeds', () => {
    const asked: string[] = [];
    const feeds = feedDocuments(planFeeds(posts, config), config, (post) => {
      asked.push(post.slug);
      return { post, summary: '', contentHtml: '' };
    });
    expect(asked.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    const inSite = feeds[0]?.items[0];
    expect(feeds.find((f) => f.category?.slug === 'even')?.items[0]).toBe(inSite);
  });
});

describe('toFeedItem', () => {
  const categoryByKey = new Map([['politics', { name: 'Politics', slug: 'politics' }]]);

  it('takes its id and URL from the post, and says when the id is the URL', () => {
    const post = makePost({ slug: 's' });
    const item = toFeedItem({ post, summary: 'S', contentHtml: '<p>B</p>' }, categoryByKey);
    expect([item.id, item.url, item.idIsUrl, item.pagePath]).toEqual([
      post.url,
      post.url,
      true,
      'posts/s/index.html',
    ]);
    const pinned = toFeedItem(
      { post: makePost({ id: 'tag:x,2026:1' }), summary: '', contentHtml: '' },
      categoryByKey,
    );
    expect([pinned.id, pinned.idIsUrl]).toEqual(['tag:x,2026:1', false]);
  });

  it('keeps each category as written, with its group slug, and drops tags that repeat one', () => {
    const post = makePost({ categories: ['POLITICS'], tags: ['politics', 'Budget'] });
    const item = toFeedItem({ post, summary: '', contentHtml: '' }, categoryByKey);
    expect(item.categories).toEqual([{ name: 'POLITICS', slug: 'politics' }]);
    expect(item.tags).toEqual(['Budget']);
  });

  it('dates a never-corrected post modified when published', () => {
    const post = makePost({ date: at('2026-01-01T00:00:00Z') });
    const item = toFeedItem({ post, summary: '', contentHtml: '' }, categoryByKey);
    expect(item.modified).toEqual(item.published);
  });
});

describe('siteDocument and feedSummary', () => {
  it('carry what pages show of the site, and a feed without its items', () => {
    const feeds = feedsOf([makePost()], siteConfig({ copyright: '© Test', icon: '/i.png' }));
    const site = siteDocument(siteConfig({ copyright: '© Test', icon: '/i.png' }), feeds);
    expect(site).toMatchObject({
      title: 'Test News',
      url: 'https://news.example.com/',
      timezone: 'America/Toronto',
      copyright: '© Test',
      icon: 'https://news.example.com/i.png',
    });
    const summary = feedSummary(feeds[0] as NonNullable<(typeof feeds)[0]>);
    expect(Object.keys(summary).sort()).toEqual([
      'description',
      'homeUrl',
      'paths',
      'title',
      'urls',
    ]);
  });
});
