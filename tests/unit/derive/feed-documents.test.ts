import { describe, expect, it } from 'vitest';
import {
  feedDocuments,
  feedSummary,
  itemContextKey,
  siteDocument,
  toFeedItem,
  translationsOf,
} from '../../../src/derive/feed-documents.js';
import { groupKey, planFeeds } from '../../../src/derive/plan-feeds.js';
import { selectPublished } from '../../../src/derive/select.js';
import { hashBytes } from '../../../src/hash.js';
import type { FeedDocument, FeedFiles, SiteConfig, SiteDocument } from '../../../src/model.js';
import { renderFeed } from '../../../src/render/feeds/render-feeds.js';
import { htmlText } from '../../../src/stored-html.js';
import { feedsOf, makePost, siteConfig, siteOf, type TestPost } from '../../helpers/model.js';

const config = siteConfig();
const at = (iso: string) => new Date(iso);
const SITE = 'https://news.example.com/';

/** The absolute URLs of the three files in `dir`. */
const urlsIn = (dir: string): FeedFiles => ({
  rss: `${SITE}${dir}rss.xml`,
  atom: `${SITE}${dir}atom.xml`,
  json: `${SITE}${dir}feed.json`,
});

/** P0 … P4, a day apart, filed alternately under Even and Odd; published newest first. */
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

/** `n` posts an hour apart, newest first, every one in All and every other one in Odd. */
function history(n: number, site: SiteConfig): TestPost[] {
  return Array.from({ length: n }, (_, i) =>
    makePost(
      {
        slug: `s${i}`,
        title: `Story ${i}`,
        date: new Date(Date.UTC(2026, 0, 1, i)),
        categories: i % 2 ? ['All', 'Odd'] : ['All'],
        body: `Story number ${i}.\n`,
      },
      site,
    ),
  ).reverse();
}

/**
 * The ids met following `prev` (`prev-archive`) from a subscription document through its
 * archives, newest first.
 */
function idsThroughArchives(site: SiteDocument, feed: FeedDocument): string[] {
  const byUrl = new Map(site.archives.map((doc) => [doc.urls.rss, doc]));
  const ids: string[] = [];
  const visited = new Set<string>();
  let next = feed.history?.prev?.rss;
  while (next) {
    if (visited.has(next)) throw new Error(`prev-archive loops back to ${next}`);
    visited.add(next);
    const doc = byUrl.get(next);
    if (!doc) throw new Error(`prev-archive points at ${next}, which is not an archive`);
    ids.push(...doc.items.map((item) => item.id));
    next = doc.history?.prev?.rss;
  }
  return ids;
}

describe('feedDocuments', () => {
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

  it('shares each post’s item between the feeds it is in', () => {
    const feeds = feedDocuments(planFeeds(posts, config), config, (post) => ({
      post,
      summary: '',
      contentHtml: '',
    }));
    const inSite = feeds[0]?.items[0];
    expect(inSite?.title).toBe('P4');
    expect(feeds.find((f) => f.category?.slug === 'even')?.items[0]).toBe(inSite);
  });

  it('asks for each post once', () => {
    const asked: string[] = [];
    feedDocuments(planFeeds(posts, config), config, (post) => {
      asked.push(post.slug);
      return { post, summary: '', contentHtml: '' };
    });
    expect(asked.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });

  it('is the subscription documents of the site document', () => {
    const plan = planFeeds(posts, { ...config, archiveSize: 2 });
    const story = (post: TestPost) => ({ post, summary: 'S', contentHtml: '<p>B</p>' });
    expect(feedDocuments(plan, config, story)).toEqual(siteDocument(plan, config, story).feeds);
  });
});

describe('toFeedItem', () => {
  const categoryByKey = new Map([
    [groupKey('en', 'Politics'), { name: 'Politics', slug: 'politics' }],
  ]);
  const context = { categoryByKey, config };

  it('takes its id and URL from the post, and says when the id is the URL', () => {
    const post = makePost({ slug: 's' });
    const item = toFeedItem({ post, summary: 'S', contentHtml: '<p>B</p>' }, context);
    expect([item.id, item.url, item.idIsUrl, item.pagePath]).toEqual([
      post.url,
      post.url,
      true,
      'posts/s/index.html',
    ]);
    const pinned = toFeedItem(
      { post: makePost({ id: 'tag:x,2026:1' }), summary: '', contentHtml: '' },
      context,
    );
    expect([pinned.id, pinned.idIsUrl]).toEqual(['tag:x,2026:1', false]);
  });

  it('keeps each category as written, with its group slug, and drops tags that repeat one', () => {
    const post = makePost({ categories: ['POLITICS'], tags: ['politics', 'Budget'] });
    const item = toFeedItem({ post, summary: '', contentHtml: '' }, context);
    expect(item.categories).toEqual([{ name: 'POLITICS', slug: 'politics' }]);
    expect(item.tags).toEqual([{ name: 'Budget', slug: '' }]);
  });

  it("shares its site's category and tag objects when it writes their names the same way", () => {
    const budget = { name: 'Budget', slug: 'budget' };
    const tagByKey = new Map([[groupKey('en', 'Budget'), budget]]);
    const shared = { ...context, tagByKey };
    const post = makePost({ categories: ['Politics'], tags: ['Budget'] });
    const [a, b] = [1, 2].map(() => toFeedItem({ post, summary: '', contentHtml: '' }, shared));
    expect(a?.categories[0]).toBe(categoryByKey.get(groupKey('en', 'Politics')));
    expect(b?.categories[0]).toBe(a?.categories[0]);
    expect(a?.tags[0]).toBe(budget);
    // Written otherwise, it keeps its own spelling, with the group's slug.
    const other = makePost({ categories: ['politics'], tags: ['BUDGET'] });
    const item = toFeedItem({ post: other, summary: '', contentHtml: '' }, shared);
    expect([item.categories, item.tags]).toEqual([
      [{ name: 'politics', slug: 'politics' }],
      [{ name: 'BUDGET', slug: 'budget' }],
    ]);
  });

  it('makes each spelling without a group once, for every item that writes it (`spelled`)', () => {
    const shared = { ...context, spelled: new Map() };
    const post = makePost({ categories: ['politics'], tags: ['Rain', 'Snow'] });
    const [a, b] = [1, 2].map(() => toFeedItem({ post, summary: '', contentHtml: '' }, shared));
    expect(a?.tags).toEqual([
      { name: 'Rain', slug: '' },
      { name: 'Snow', slug: '' },
    ]);
    expect(b?.tags[0]).toBe(a?.tags[0]);
    expect(b?.tags[1]).toBe(a?.tags[1]);
    // A spelling of a group keeps that group's slug, and is made once too.
    expect(b?.categories[0]).toBe(a?.categories[0]);
    expect(a?.categories[0]).toEqual({ name: 'politics', slug: 'politics' });
    // Without the map, each item has its own (a caller that keeps no state).
    const [d, e] = [1, 2].map(() => toFeedItem({ post, summary: '', contentHtml: '' }, context));
    expect(d?.tags).toEqual(e?.tags);
    expect(d?.tags[0]).not.toBe(e?.tags[0]);
  });

  it('resolves each name once per kind and language (`resolved`), as it would each time', () => {
    const budget = { name: 'Budget', slug: 'budget' };
    const frBudget = { name: 'Budget', slug: 'budget-fr' };
    const tagByKey = new Map([
      [groupKey('en', 'Budget'), budget],
      [groupKey('fr', 'Budget'), frBudget],
    ]);
    const resolved = new Map();
    const shared = { ...context, tagByKey, spelled: new Map(), resolved };
    const en = makePost({ categories: ['Politics', 'Nowhere'], tags: ['Budget', 'Politics x'] });
    const fr = { ...en, language: 'fr' };
    // A category name is also a tag name here: each kind resolves it on its own.
    const both = makePost({ categories: ['Budget'], tags: ['Politics'] });
    const items = [en, fr, en, both, both].map((post) =>
      toFeedItem({ post, summary: '', contentHtml: '' }, shared),
    );
    const fresh = [en, fr, en, both, both].map((post) =>
      toFeedItem({ post, summary: '', contentHtml: '' }, { ...context, tagByKey }),
    );
    expect(items).toEqual(fresh);
    expect(items[0]?.categories).toEqual([categoryByKey.get(groupKey('en', 'Politics'))]);
    expect(items[0]?.tags[0]).toBe(budget);
    expect(items[1]?.tags[0]).toBe(frBudget);
    expect(items[2]?.tags[1]).toBe(items[0]?.tags[1]);
    expect(items[3]?.categories).toEqual([]);
    expect(items[3]?.tags).toEqual([{ name: 'Politics', slug: '' }]);
    expect([...resolved.keys()].sort()).toEqual(
      ['category\u0000en', 'category\u0000fr', 'tag\u0000en', 'tag\u0000fr'].sort(),
    );
  });

  it('shares the tag objects of every item in a site document, however each is spelled', () => {
    const tagged = posts.map((post, i) => ({ ...post, tags: [i % 2 ? 'RAIN' : 'Rain'] }));
    const doc = siteDocument(planFeeds(tagged, config), config, (post) => ({ post, summary: 'S' }));
    const tags = new Set(doc.items.flatMap((item) => item.tags));
    expect(doc.items).toHaveLength(5);
    expect(tags.size).toBe(2);
    expect(new Set([...tags].map((tag) => tag.slug)).size).toBe(1);
  });

  it('dates a never-corrected post modified when published', () => {
    const post = makePost({ date: at('2026-01-01T00:00:00Z') });
    const item = toFeedItem({ post, summary: '', contentHtml: '' }, context);
    expect(item.modified).toEqual(item.published);
  });

  it('names the post file it comes from', () => {
    const post = makePost({ slug: 's', sourcePath: '2026/s.md' });
    expect(toFeedItem({ post, summary: '', contentHtml: '' }, context).source).toBe('2026/s.md');
  });

  it('is pending, with no HTML, exactly when the view has no contentHtml', () => {
    const post = makePost();
    const pending = toFeedItem({ post, summary: 'S' }, context);
    expect([pending.pending, pending.contentHtml, pending.summary]).toEqual([true, '', 'S']);
    for (const contentHtml of ['', '<p>B</p>']) {
      const item = toFeedItem({ post, summary: 'S', contentHtml }, context);
      expect('pending' in item, JSON.stringify(contentHtml)).toBe(false);
      expect(item.contentHtml).toBe(contentHtml);
    }
  });

  it('takes its content key from the view, or else hashes the rest of the view', () => {
    const post = makePost();
    const given = toFeedItem(
      { post, summary: 'S', contentHtml: '<p>B</p>', contentKey: 'the-key' },
      context,
    );
    expect(given.contentKey).toBe('the-key');
    expect(toFeedItem({ post, summary: 'S', contentKey: 'the-key' }, context).contentKey).toBe(
      'the-key',
    );
    const derived = toFeedItem({ post, summary: 'S', contentHtml: '<p>B</p>' }, context);
    expect(derived.contentKey).toBe(hashBytes(JSON.stringify([post, 'S', '<p>B</p>', null])));
    const keyOf = (view: { post: TestPost; summary: string; contentHtml?: string }) =>
      toFeedItem(view, context).contentKey;
    expect(keyOf({ post, summary: 'S', contentHtml: '<p>B</p>' })).toBe(derived.contentKey);
    expect(keyOf({ post, summary: 'S', contentHtml: '<p>C</p>' })).not.toBe(derived.contentKey);
    expect(keyOf({ post, summary: 'T', contentHtml: '<p>B</p>' })).not.toBe(derived.contentKey);
    expect(
      keyOf({ post: { ...post, title: 'Other' }, summary: 'S', contentHtml: '<p>B</p>' }),
    ).not.toBe(derived.contentKey);
  });
});

describe('toFeedItem: bylines, images, corrections and per-story control', () => {
  const categoryByKey = new Map<string, { name: string; slug: string }>();
  const authorByKey = new Map([[groupKey('en', 'Jane Doe'), { name: 'Jane Doe', slug: 'jdoe' }]]);
  const tagByKey = new Map([[groupKey('en', 'Ottawa'), { name: 'Ottawa', slug: 'ottawa' }]]);
  const context = { categoryByKey, authorByKey, tagByKey, config };

  it('gives the site’s author to a post with no byline, and a byline with a feed its slug', () => {
    const none = toFeedItem({ post: makePost(), summary: '', contentHtml: '' }, context);
    expect(none.authors).toEqual([config.author]);
    const post = makePost({ authors: [{ name: 'Jane Doe' }, { name: 'Sam' }], tags: ['Ottawa'] });
    const item = toFeedItem({ post, summary: '', contentHtml: '' }, context);
    expect(item.authors).toEqual([{ name: 'Jane Doe', slug: 'jdoe' }, { name: 'Sam' }]);
    expect(item.tags).toEqual([{ name: 'Ottawa', slug: 'ottawa' }]);
  });

  it('makes each byline with a feed once (`bylines`), for every item that writes it alike', () => {
    const shared = { ...context, bylines: new Map() };
    const byline = (author: { name: string; email?: string }) =>
      toFeedItem({ post: makePost({ authors: [author] }), summary: '', contentHtml: '' }, shared)
        .authors[0];
    const jane = byline({ name: 'Jane Doe', email: 'jane@x.org' });
    expect(jane).toEqual({ name: 'Jane Doe', email: 'jane@x.org', slug: 'jdoe' });
    // Its properties in the order written, the slug last, as a copy of the byline would have them.
    expect(Object.keys(jane ?? {})).toEqual(['name', 'email', 'slug']);
    expect(byline({ name: 'Jane Doe', email: 'jane@x.org' })).toBe(jane);
    // Written otherwise (another e-mail, none), it is another byline of the same feed.
    const other = byline({ name: 'Jane Doe', email: 'jd@y.org' });
    expect(other).toEqual({ name: 'Jane Doe', email: 'jd@y.org', slug: 'jdoe' });
    expect(other).not.toBe(jane);
    expect(byline({ name: 'Jane Doe' })).toEqual({ name: 'Jane Doe', slug: 'jdoe' });
    // Without the map, each item has its own (a caller that keeps no state).
    const [a, b] = [1, 2].map(
      () =>
        toFeedItem(
          { post: makePost({ authors: [{ name: 'Jane Doe' }] }), summary: '', contentHtml: '' },
          context,
        ).authors[0],
    );
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it('adds what the image’s file says, and shows the image and the corrections in its HTML', () => {
    const url = 'https://news.example.com/images/a.png';
    const images = new Map([[url, { type: 'image/png', length: 99, width: 800, height: 600 }]]);
    const correction = { date: new Date('2026-05-02T12:00:00Z'), text: 'Fixed a name.' };
    const post = makePost({ image: { url, credit: 'AP' }, corrections: [correction] });
    const item = toFeedItem({ post, summary: '', contentHtml: '<p>B</p>' }, { ...context, images });
    expect(item.image).toEqual({
      url,
      credit: 'AP',
      type: 'image/png',
      length: 99,
      width: 800,
      height: 600,
    });
    expect(item.corrections).toEqual([correction]);
    expect(item.contentHtml).toMatch(
      /^<figure class="lead-image"><img src="[^"]+" alt="" width="800" height="600">/,
    );
    expect(item.contentHtml).toContain('Fixed a name.');
    const pending = toFeedItem({ post, summary: '' }, { ...context, images });
    expect(pending.contentHtml).toBe('');
  });

  it('marks a `feed: summary` story an excerpt and carries when it expires', () => {
    const expires = new Date('2026-06-01T00:00:00Z');
    const post = makePost({ feed: 'summary', expires });
    const item = toFeedItem({ post, summary: 'S', contentHtml: '<p>B</p>' }, context);
    expect([item.excerpt, item.expires]).toEqual([true, expires]);
  });
});

describe('siteDocument and feedSummary', () => {
  it('carry what pages show of the site, and a feed without its items', () => {
    const site = siteConfig({ copyright: '© Test', icon: '/i.png' });
    const doc = siteOf([makePost({}, site)], site);
    expect(doc).toMatchObject({
      title: 'Test News',
      description: 'News for tests',
      url: 'https://news.example.com/',
      language: 'en',
      timezone: 'America/Toronto',
      copyright: '© Test',
      icon: 'https://news.example.com/i.png',
      pageSize: 50,
    });
    const summary = feedSummary(doc.feeds[0] as FeedDocument);
    expect(Object.keys(summary).sort()).toEqual([
      'description',
      'homeUrl',
      'language',
      'paths',
      'title',
      'urls',
    ]);
    const category = siteOf([makePost({ categories: ['Politics'] }, site)], site).feeds[1];
    expect(feedSummary(category as FeedDocument)).toEqual({
      title: 'Test News — Politics',
      description: 'Politics from Test News.',
      homeUrl: 'https://news.example.com/categories/politics/',
      paths: {
        rss: 'categories/politics/rss.xml',
        atom: 'categories/politics/atom.xml',
        json: 'categories/politics/feed.json',
      },
      urls: urlsIn('categories/politics/'),
      language: 'en',
      category: { name: 'Politics', slug: 'politics' },
    });
  });

  it('asks for stories lazily: a view without HTML makes every item pending', () => {
    const doc = siteDocument(planFeeds(posts, config), config, (post) => ({ post, summary: 'S' }));
    const items = [...doc.feeds, ...doc.archives].flatMap((feed) => feed.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect([item.pending, item.contentHtml]).toEqual([true, '']);
    const full = siteOf(posts, config);
    for (const item of full.listings[0]?.items ?? []) expect('pending' in item).toBe(false);
  });

  it('takes each item’s content key from its view when the view gives one', () => {
    const doc = siteDocument(planFeeds(posts, config), config, (post) => ({
      post,
      summary: 'S',
      contentKey: `key of ${post.slug}`,
    }));
    expect(doc.listings[0]?.items.map((item) => [item.source, item.contentKey])).toEqual([
      ['p4.md', 'key of p4'],
      ['p3.md', 'key of p3'],
      ['p2.md', 'key of p2'],
      ['p1.md', 'key of p1'],
      ['p0.md', 'key of p0'],
    ]);
  });
});

describe('siteDocument: archives (RFC 5005)', () => {
  const paged = siteConfig({ limit: 2, archiveSize: 2, hubs: ['https://hub.example/'] });
  const site = siteOf(posts, paged);
  const [siteFeed, even, odd] = site.feeds as [FeedDocument, FeedDocument, FeedDocument];

  it('cuts every feed into archives from its oldest post, at archive/<n>/ in its folder', () => {
    expect(
      site.archives.map((doc) => [doc.archive, doc.paths, doc.items.map((i) => i.title)]),
    ).toEqual([
      [
        1,
        { rss: 'archive/1/rss.xml', atom: 'archive/1/atom.xml', json: 'archive/1/feed.json' },
        ['P1', 'P0'],
      ],
      [
        2,
        { rss: 'archive/2/rss.xml', atom: 'archive/2/atom.xml', json: 'archive/2/feed.json' },
        ['P3', 'P2'],
      ],
      [
        3,
        { rss: 'archive/3/rss.xml', atom: 'archive/3/atom.xml', json: 'archive/3/feed.json' },
        ['P4'],
      ],
      [
        1,
        {
          rss: 'categories/even/archive/1/rss.xml',
          atom: 'categories/even/archive/1/atom.xml',
          json: 'categories/even/archive/1/feed.json',
        },
        ['P2', 'P0'],
      ],
      [
        2,
        {
          rss: 'categories/even/archive/2/rss.xml',
          atom: 'categories/even/archive/2/atom.xml',
          json: 'categories/even/archive/2/feed.json',
        },
        ['P4'],
      ],
      [
        1,
        {
          rss: 'categories/odd/archive/1/rss.xml',
          atom: 'categories/odd/archive/1/atom.xml',
          json: 'categories/odd/archive/1/feed.json',
        },
        ['P3', 'P1'],
      ],
      [
        2,
        {
          rss: 'categories/odd/archive/2/rss.xml',
          atom: 'categories/odd/archive/2/atom.xml',
          json: 'categories/odd/archive/2/feed.json',
        },
        [],
      ],
    ]);
    expect(site.archives.map((doc) => doc.urls)).toEqual([
      urlsIn('archive/1/'),
      urlsIn('archive/2/'),
      urlsIn('archive/3/'),
      urlsIn('categories/even/archive/1/'),
      urlsIn('categories/even/archive/2/'),
      urlsIn('categories/odd/archive/1/'),
      urlsIn('categories/odd/archive/2/'),
    ]);
  });

  it('titles an archive after its feed and its number, and keeps the feed’s other metadata', () => {
    expect(site.archives.map((doc) => doc.title)).toEqual([
      'Test News — archive 1',
      'Test News — archive 2',
      'Test News — archive 3',
      'Test News — Even — archive 1',
      'Test News — Even — archive 2',
      'Test News — Odd — archive 1',
      'Test News — Odd — archive 2',
    ]);
    const [, , , evenFirst] = site.archives;
    expect(evenFirst).toMatchObject({
      description: even.description,
      homeUrl: even.homeUrl,
      language: even.language,
      author: even.author,
      category: { name: 'Even', slug: 'even' },
    });
    expect(site.archives[0]?.category).toBeUndefined();
    expect(site.archives[0]?.homeUrl).toBe(SITE);
  });

  it('dates an archive by its newest item, and an empty one at the fixed epoch', () => {
    expect(site.archives.map((doc) => doc.updated.toISOString())).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-04T00:00:00.000Z',
      '2026-01-05T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
      '2026-01-05T00:00:00.000Z',
      '2026-01-04T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
    ]);
  });

  it('links the archives to each other and to the subscription document', () => {
    expect(site.archives.map((doc) => doc.history)).toEqual([
      { current: urlsIn(''), next: urlsIn('archive/2/') },
      { current: urlsIn(''), prev: urlsIn('archive/1/'), next: urlsIn('archive/3/') },
      { current: urlsIn(''), prev: urlsIn('archive/2/') },
      { current: urlsIn('categories/even/'), next: urlsIn('categories/even/archive/2/') },
      { current: urlsIn('categories/even/'), prev: urlsIn('categories/even/archive/1/') },
      { current: urlsIn('categories/odd/'), next: urlsIn('categories/odd/archive/2/') },
      { current: urlsIn('categories/odd/'), prev: urlsIn('categories/odd/archive/1/') },
    ]);
    // Every archive's `current` is its own feed's subscription document.
    for (const doc of site.archives) {
      const feed = site.feeds.find((f) => f.category?.slug === doc.category?.slug);
      expect(doc.history?.current).toEqual(feed?.urls);
    }
  });

  it('points a subscription document at its newest archive that holds anything', () => {
    expect(siteFeed.history).toEqual({ prev: urlsIn('archive/3/') });
    expect(even.history).toEqual({ prev: urlsIn('categories/even/archive/2/') });
    // Odd's open archive (2) is empty: its newest full one is the one to page back to.
    expect(odd.history).toEqual({ prev: urlsIn('categories/odd/archive/1/') });
    expect([siteFeed.archive, even.archive, odd.archive]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('makes archives of excerpts unless archives are to carry the full text', () => {
    expect(paged.archiveContent).toBe('summary');
    for (const doc of site.archives) expect(doc.excerpts, doc.paths.rss).toBe(true);
    for (const doc of site.feeds) expect('excerpts' in doc, doc.paths.rss).toBe(false);
    const full = siteOf(posts, { ...paged, archiveContent: 'full' });
    for (const doc of [...full.feeds, ...full.archives]) {
      expect('excerpts' in doc, doc.paths.rss).toBe(false);
    }
    // Either way an archive holds the same items, HTML and all: only rendering differs.
    expect(full.archives.map((doc) => doc.items)).toEqual(site.archives.map((doc) => doc.items));
  });

  it('gives a feed with no posts neither archives nor history', () => {
    const empty = siteOf([], paged);
    expect(empty.archives).toEqual([]);
    expect(empty.feeds).toHaveLength(1);
    expect(empty.feeds[0]?.history).toBeUndefined();
    expect(empty.listings.map((l) => l.items)).toEqual([[]]);
  });

  it('announces hubs in the subscription documents only', () => {
    expect(site.feeds.map((doc) => doc.hubs)).toEqual([
      ['https://hub.example/'],
      ['https://hub.example/'],
      ['https://hub.example/'],
    ]);
    for (const doc of site.archives) expect(doc.hubs, doc.paths.rss).toEqual([]);
  });

  it('reaches every post exactly once following prev-archive from each feed', () => {
    for (const size of [1, 2, 3, 4]) {
      for (let n = 0; n <= 9; n++) {
        const cfg = siteConfig({ limit: 2, archiveSize: size });
        const doc = siteOf(history(n, cfg), cfg);
        doc.feeds.forEach((feed, i) => {
          const all = doc.listings[i]?.items.map((item) => item.id) ?? [];
          const ids = idsThroughArchives(doc, feed);
          expect(ids, `${feed.paths.rss}, ${n} posts by ${size}`).toEqual(all);
          expect(new Set(ids).size).toBe(ids.length);
        });
        const archived = doc.archives.reduce((sum, a) => sum + a.items.length, 0);
        expect(archived).toBe(doc.listings.reduce((sum, l) => sum + l.items.length, 0));
      }
    }
  });

  it('gives every item of one byline the same byline object, with its author feed’s slug', () => {
    const cfg = siteConfig({});
    const jane = () => [{ name: 'Jane Doe', email: 'j@x.org' }];
    const posts = [1, 2, 3].map((i) =>
      makePost({ title: `J${i}`, slug: `j${i}`, authors: jane() }, cfg),
    );
    const doc = siteOf(posts, cfg);
    const [first, ...rest] = doc.items.map((item) => item.authors[0]);
    expect(first).toEqual({ name: 'Jane Doe', email: 'j@x.org', slug: 'jane-doe' });
    for (const byline of rest) expect(byline).toBe(first);
  });

  it('holds the same item objects in subscription documents, archives and listings', () => {
    const newest = site.listings[0]?.items[0];
    expect(newest?.title).toBe('P4');
    expect(siteFeed.items[0]).toBe(newest);
    expect(site.archives[2]?.items[0]).toBe(newest);
    expect(even.items[0]).toBe(newest);
  });
});

describe('siteDocument: a story too large for feeds', () => {
  const cfg = siteConfig({ limit: 1, archiveSize: 1, archiveContent: 'full' });
  const huge = `${'Long story. '.repeat(90_000)}\n`; // over 1 MB of HTML
  const big = makePost({
    slug: 'big',
    title: 'Big',
    summary: 'A very long story.',
    date: at('2026-01-01T00:00:00Z'),
    categories: ['Politics'],
    aliases: [{ path: '/old-big/', page: 'old-big/index.html' }],
    body: huge,
  });
  const small = makePost({ slug: 'small', title: 'Small', date: at('2026-01-02T00:00:00Z') });
  const site = siteOf([small, big], cfg);
  const excerpt = `<p>A very long story.</p>\n<p><a href="${SITE}posts/big/">${SITE}posts/big/</a></p>`;

  it('carries its summary and link in every feed and archive that holds it', () => {
    const docs = [...site.feeds, ...site.archives].filter((doc) =>
      doc.items.some((item) => item.title === 'Big'),
    );
    expect(docs.map((doc) => doc.paths.rss)).toEqual([
      'categories/politics/rss.xml',
      'archive/1/rss.xml',
      'categories/politics/archive/1/rss.xml',
    ]);
    const shown = docs.map((doc) => doc.items.find((item) => item.title === 'Big'));
    for (const item of shown) expect(item?.contentHtml).toBe(excerpt);
    // One object, shared as the full items are.
    expect(new Set(shown).size).toBe(1);
    const xml = renderFeed(docs[0] as FeedDocument).find((f) => f.path.endsWith('rss.xml'));
    expect(xml?.content).toContain(`<content:encoded><![CDATA[${excerpt}]]></content:encoded>`);
  });

  it('keeps its full text where its page and redirects look', () => {
    const listed = site.listings[0]?.items.find((item) => item.title === 'Big');
    const text = htmlText(listed?.contentHtml ?? '');
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(text.startsWith('<p>Long story. Long story.')).toBe(true);
    expect(site.redirects[0]?.to).toBe(listed);
    // The small story is the same object everywhere.
    const smallItem = site.listings[0]?.items[0];
    expect(site.feeds[0]?.items[0]).toBe(smallItem);
  });
});

describe('siteDocument: listings and redirects', () => {
  it('lists every item of every feed, newest first, with the feed it belongs to', () => {
    const site = siteOf(posts, siteConfig({ limit: 1 }));
    expect(site.listings.map((l) => [l.feed.paths.rss, l.items.map((i) => i.title)])).toEqual([
      ['rss.xml', ['P4', 'P3', 'P2', 'P1', 'P0']],
      ['categories/even/rss.xml', ['P4', 'P2', 'P0']],
      ['categories/odd/rss.xml', ['P3', 'P1']],
    ]);
    site.listings.forEach((listing, i) => {
      expect(listing.feed).toBe(site.feeds[i]);
    });
    expect(site.pageSize).toBe(1);
  });

  it('takes the page size from `limit`', () => {
    expect(siteOf(posts, siteConfig({ limit: 7 })).pageSize).toBe(7);
  });

  it('makes a redirect for every alias of every published post, in listing order', () => {
    const a = makePost({
      slug: 'a',
      title: 'A',
      date: at('2026-01-01T00:00:00Z'),
      aliases: [
        { path: '/2019/old-a/', page: '2019/old-a/index.html' },
        { path: '/old-a.html', page: 'old-a.html' },
      ],
    });
    const b = makePost({ slug: 'b', title: 'B', date: at('2026-01-02T00:00:00Z') });
    const c = makePost({
      slug: 'c',
      title: 'C',
      date: at('2026-01-03T00:00:00Z'),
      categories: ['Politics'],
      aliases: [{ path: '/c-old/', page: 'c-old/index.html' }],
    });
    const site = siteOf([c, b, a], siteConfig({ limit: 1 }));
    expect(site.redirects.map((r) => [r.path, r.from, r.to.title, r.to.url])).toEqual([
      ['c-old/index.html', '/c-old/', 'C', `${SITE}posts/c/`],
      ['2019/old-a/index.html', '/2019/old-a/', 'A', `${SITE}posts/a/`],
      ['old-a.html', '/old-a.html', 'A', `${SITE}posts/a/`],
    ]);
    // The target is the very item the listing shows (a post out of every feed's window too).
    const listed = site.listings[0]?.items ?? [];
    expect(site.redirects[0]?.to).toBe(listed[0]);
    expect(site.redirects[1]?.to).toBe(listed[2]);
    expect(site.feeds[0]?.items.map((i) => i.title)).toEqual(['C']);
  });

  it('makes no redirects when no post has aliases', () => {
    expect(siteOf(posts, config).redirects).toEqual([]);
  });
});

describe('stability of full archives', () => {
  it.each(['summary', 'full'] as const)(
    'changes no full archive document when a newer post is added (archives of %s)',
    (archiveContent) => {
      const cfg = siteConfig({
        limit: 2,
        archiveSize: 3,
        archiveContent,
        hubs: ['https://hub.example/'],
      });
      const all = history(12, cfg);
      const rendered = (doc: FeedDocument) => renderFeed(doc).map((file) => file.content);
      let compared = 0;
      let changedOpen = 0;
      for (let n = 1; n < all.length; n++) {
        const before = siteOf(all.slice(-n), cfg);
        const after = siteOf(all.slice(-(n + 1)), cfg);
        const afterByPath = new Map(after.archives.map((doc) => [doc.paths.rss, doc]));
        for (const doc of before.archives) {
          const later = afterByPath.get(doc.paths.rss);
          if (!later) throw new Error(`${doc.paths.rss} is gone after adding a post`);
          if (doc.items.length === cfg.archiveSize) {
            expect(rendered(later), `${doc.paths.rss} with ${n} posts, then one more`).toEqual(
              rendered(doc),
            );
            compared++;
          } else if (rendered(later).join('') !== rendered(doc).join('')) {
            changedOpen++;
          }
        }
      }
      // Full archives of All (12 posts) and of Odd (6) were compared; open ones did change.
      expect(compared).toBeGreaterThan(20);
      expect(changedOpen).toBeGreaterThan(0);
    },
  );
});

describe('siteDocument in several languages', () => {
  const config = siteConfig({ language: undefined, languages: ['en-CA', 'fr-CA'] });
  const posts = [
    makePost(
      { slug: 'budget-fr', language: 'fr-CA', categories: ['Politique'], translationKey: 'b' },
      config,
    ),
    makePost(
      { slug: 'budget', language: 'en-CA', categories: ['Politics'], translationKey: 'b' },
      config,
    ),
    makePost({ slug: 'alone', language: 'en-CA', translationKey: 'alone' }, config),
  ];
  const site = siteOf(posts, config);

  it('puts each language’s feeds in its folder, with its language, and French titles', () => {
    expect(site.feeds.map((f) => [f.paths.rss, f.language, f.title])).toEqual([
      ['rss.xml', 'en-CA', 'Test News'],
      ['categories/politics/rss.xml', 'en-CA', 'Test News — Politics'],
      ['fr/rss.xml', 'fr-CA', 'Test News'],
      ['fr/categories/politique/rss.xml', 'fr-CA', 'Test News — Politique'],
    ]);
    expect(site.feeds[3]?.description).toBe('Politique : les articles de Test News.');
    expect(site.feeds[2]?.homeUrl).toBe('https://news.example.com/fr/');
    // Each edition's sections and tags are under its own root (the categories' taxonomy URLs).
    expect(site.feeds.map((f) => f.siteUrl)).toEqual([
      'https://news.example.com/',
      'https://news.example.com/',
      'https://news.example.com/fr/',
      'https://news.example.com/fr/',
    ]);
  });

  it('lists every story of every language once in `items`, newest first', () => {
    expect(site.items.map((i) => [i.url, i.language])).toEqual([
      ['https://news.example.com/fr/posts/budget-fr/', 'fr-CA'],
      ['https://news.example.com/posts/budget/', 'en-CA'],
      ['https://news.example.com/posts/alone/', 'en-CA'],
    ]);
  });

  it('gives each translated story every version, in the site’s language order', () => {
    const versions = [
      {
        language: 'en-CA',
        url: 'https://news.example.com/posts/budget/',
        pagePath: 'posts/budget/index.html',
      },
      {
        language: 'fr-CA',
        url: 'https://news.example.com/fr/posts/budget-fr/',
        pagePath: 'fr/posts/budget-fr/index.html',
      },
    ];
    expect(site.items[0]?.translations).toEqual(versions);
    expect(site.items[1]?.translations).toEqual(versions);
    // A key no other story shares is no translation.
    expect(site.items[2]?.translations).toBeUndefined();
  });
});

describe('translationsOf', () => {
  it('keeps one version per language (the newest) and only keys shared by two languages', () => {
    const refs = [
      { language: 'fr', url: 'https://x/fr/a2', translationKey: 'a' },
      { language: 'fr', url: 'https://x/fr/a1', translationKey: 'a' },
      { language: 'en', url: 'https://x/a', translationKey: 'a' },
      { language: 'en', url: 'https://x/b', translationKey: 'b' },
      { language: 'en', url: 'https://x/c' },
    ].map((ref) => makePost(ref));
    const map = translationsOf(refs, [{ tag: 'en' }, { tag: 'fr' }]);
    expect([...map.keys()]).toEqual(['a']);
    expect(map.get('a')?.map((t) => t.url)).toEqual(['https://x/a', 'https://x/fr/a2']);
  });
});

describe('itemContextKey', () => {
  const config = siteConfig({ languages: ['en', 'fr'] });
  const posts = [
    makePost({ url: 'https://x/a', categories: ['Politics'], tags: ['Budget'] }, config),
    makePost({ url: 'https://x/b', categories: ['Economy'], translationKey: 't' }, config),
    makePost({ url: 'https://x/fr/b', language: 'fr', translationKey: 't' }, config),
  ];
  const keyOf = (refs = posts, images = new Map()) =>
    itemContextKey({ ...planFeeds(refs, config), published: refs }, config, images);

  it('is the same for the same site, and changes with what makes items besides their posts', () => {
    expect(keyOf()).toBe(keyOf([...posts]));
    // A group more, a byline, another language version, an image file.
    expect(
      keyOf([...posts, makePost({ url: 'https://x/c', categories: ['Culture'] }, config)]),
    ).not.toBe(keyOf());
    // A tag spelt otherwise than its group is the item's own spelling: its words, not the site's.
    expect(keyOf([...posts, makePost({ url: 'https://x/c', tags: ['budget'] }, config)])).toBe(
      keyOf([...posts, makePost({ url: 'https://x/c', tags: ['BUDGET'] }, config)]),
    );
    expect(
      keyOf([...posts, makePost({ url: 'https://x/c', authors: [{ name: 'Ann Lee' }] }, config)]),
    ).not.toBe(keyOf());
    const moved = posts.map((p) => (p.language === 'fr' ? { ...p, url: 'https://x/fr/b2' } : p));
    expect(keyOf(moved)).not.toBe(keyOf());
    const image = { url: 'https://x/i.jpg', width: 1200, height: 800, type: 'image/jpeg' };
    expect(keyOf(posts, new Map([[image.url, image]]))).not.toBe(keyOf());
    expect(keyOf(posts, new Map([[image.url, { ...image, width: 1000 }]]))).not.toBe(
      keyOf(posts, new Map([[image.url, image]])),
    );
  });

  it("leaves a post's own words out: its item changes with its file (its content key)", () => {
    const retitled = posts.map((p, i) => (i === 0 ? { ...p, title: 'Another title' } : p));
    expect(keyOf(retitled)).toBe(keyOf());
  });
});
