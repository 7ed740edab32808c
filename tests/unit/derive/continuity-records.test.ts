import { describe, expect, it } from 'vitest';
import { continuityRecords } from '../../../src/derive/continuity-records.js';
import { siteDocument } from '../../../src/derive/feed-documents.js';
import { planFeeds } from '../../../src/derive/plan-feeds.js';
import { formatManifest, parseManifest } from '../../../src/manifest.js';
import type { SiteDocument } from '../../../src/model.js';
import { makePost, siteConfig, siteOf, type TestPost } from '../../helpers/model.js';

const SITE = 'https://news.example.com/';
const config = siteConfig({ limit: 2, archiveSize: 2 });

/** Newest first: c (with old addresses), b (pinned id, Politics), a (corrected), d (elsewhere). */
const posts: TestPost[] = [
  makePost(
    {
      slug: 'c',
      title: 'Third',
      date: new Date('2026-03-03T15:00:00Z'),
      categories: ['Politics'],
      aliases: [
        { path: '/2019/third/', page: '2019/third/index.html' },
        { path: '/third.html', page: 'third.html' },
      ],
    },
    config,
  ),
  makePost(
    {
      slug: 'b',
      title: 'Second',
      date: new Date('2026-03-02T15:00:00Z'),
      id: 'tag:news.example.com,2026:second',
      categories: ['Politics'],
    },
    config,
  ),
  makePost(
    {
      slug: 'a',
      title: 'First',
      date: new Date('2026-03-01T15:00:00Z'),
      updated: new Date('2026-03-05T09:30:00Z'),
    },
    config,
  ),
  makePost(
    {
      slug: 'd',
      title: 'Elsewhere',
      date: new Date('2026-02-28T15:00:00Z'),
      link: 'https://other.example/story',
      url: 'https://other.example/story',
    },
    config,
  ),
];

/** The site as a build makes it: each item's content key stands for its file's bytes. */
function site(withHtml = true): SiteDocument {
  return siteDocument(planFeeds(posts, config), config, (post) => ({
    post,
    summary: `Summary of ${post.title}.`,
    contentKey: `bytes of ${post.sourcePath}`,
    ...(withHtml ? { contentHtml: `<p>${post.title}</p>` } : {}),
  }));
}

describe('continuityRecords', () => {
  it('records every published item, newest first, with what a reader was shown', () => {
    expect(continuityRecords(site(), Number.POSITIVE_INFINITY).items).toEqual([
      {
        id: `${SITE}posts/c/`,
        url: `${SITE}posts/c/`,
        source: 'c.md',
        title: 'Third',
        published: '2026-03-03T15:00:00.000Z',
        hash: 'bytes of c.md',
        aliases: ['/2019/third/', '/third.html'],
      },
      {
        id: 'tag:news.example.com,2026:second',
        url: `${SITE}posts/b/`,
        source: 'b.md',
        title: 'Second',
        published: '2026-03-02T15:00:00.000Z',
        hash: 'bytes of b.md',
      },
      {
        id: `${SITE}posts/a/`,
        url: `${SITE}posts/a/`,
        source: 'a.md',
        title: 'First',
        published: '2026-03-01T15:00:00.000Z',
        updated: '2026-03-05T09:30:00.000Z',
        hash: 'bytes of a.md',
      },
      {
        id: 'https://other.example/story',
        url: 'https://other.example/story',
        source: 'd.md',
        title: 'Elsewhere',
        published: '2026-02-28T15:00:00.000Z',
        hash: 'bytes of d.md',
      },
    ]);
  });

  it('gives each item its fields in the order of the manifest, whatever it has', () => {
    const items = continuityRecords(site(), Number.POSITIVE_INFINITY).items;
    expect(items.map((item) => Object.keys(item))).toEqual([
      ['id', 'url', 'source', 'title', 'published', 'hash', 'aliases'],
      ['id', 'url', 'source', 'title', 'published', 'hash'],
      ['id', 'url', 'source', 'title', 'published', 'updated', 'hash'],
      ['id', 'url', 'source', 'title', 'published', 'hash'],
    ]);
  });

  it('records `updated` only when it differs from the publication date', () => {
    const same = makePost({
      slug: 'same',
      date: new Date('2026-03-01T15:00:00Z'),
      updated: new Date('2026-03-01T15:00:00Z'),
    });
    const [item] = continuityRecords(siteOf([same], config), Number.POSITIVE_INFINITY).items;
    expect(item).not.toHaveProperty('updated');
    expect(item?.published).toBe('2026-03-01T15:00:00.000Z');
  });

  it('takes each hash from the item’s content key, as the documents derive it', () => {
    const doc = siteOf(posts, config);
    const { items } = continuityRecords(doc, Number.POSITIVE_INFINITY);
    expect(items.map((item) => item.hash)).toEqual(
      doc.listings[0]?.items.map((item) => item.contentKey),
    );
    expect(new Set(items.map((item) => item.hash)).size).toBe(4);
  });

  it('records each subscription feed by its RSS path, with its title and items’ ids', () => {
    const { feeds } = continuityRecords(site(), Number.POSITIVE_INFINITY);
    expect(feeds).toEqual({
      'rss.xml': {
        title: 'Test News',
        items: [`${SITE}posts/c/`, 'tag:news.example.com,2026:second'],
      },
      'categories/politics/rss.xml': {
        title: 'Test News — Politics',
        items: [`${SITE}posts/c/`, 'tag:news.example.com,2026:second'],
      },
    });
    // Archives are not subscription feeds.
    expect(site().archives.length).toBeGreaterThan(0);
    expect(Object.keys(feeds).some((path) => path.includes('archive/'))).toBe(false);
  });

  it('records when the next post comes due, only when one does', () => {
    const due = Date.parse('2026-11-19T11:00:00Z');
    expect(continuityRecords(site(), due).nextDue).toBe('2026-11-19T11:00:00.000Z');
    const never = continuityRecords(site(), Number.POSITIVE_INFINITY);
    expect(never).not.toHaveProperty('nextDue');
    expect(Object.keys(never)).toEqual(['feeds', 'items']);
  });

  it('is the same whether or not the items’ HTML is at hand', () => {
    const due = Date.parse('2026-11-19T11:00:00Z');
    expect(continuityRecords(site(false), due)).toEqual(continuityRecords(site(), due));
  });

  it('records an empty site as no items and an empty site feed', () => {
    expect(continuityRecords(siteOf([], config), Number.POSITIVE_INFINITY)).toEqual({
      feeds: { 'rss.xml': { title: 'Test News', items: [] } },
      items: [],
    });
  });

  it('fits in a manifest that reads back whole', () => {
    const record = continuityRecords(site(), Date.parse('2026-11-19T11:00:00Z'));
    const text = formatManifest({ generator: 'feedwright', files: {}, ...record });
    const parsed = parseManifest(text);
    expect(parsed).toEqual({
      ok: true,
      manifest: { generator: 'feedwright', files: {}, ...record },
    });
  });
});

describe('continuityRecords: withdrawn stories', () => {
  it('records the ids of the stories past their `expires`, only when there are some', () => {
    const gone = makePost(
      { slug: 'gone', title: 'Gone', expires: new Date('2026-06-01T00:00:00Z') },
      config,
    );
    const withdrawn = siteDocument(
      { ...planFeeds(posts, config), withdrawn: [gone] },
      config,
      (post) => ({
        post,
        summary: '',
        contentKey: post.sourcePath,
      }),
    );
    const record = continuityRecords(withdrawn, Number.POSITIVE_INFINITY);
    expect(record.withdrawn).toEqual([gone.url]);
    expect(record.items.map((item) => item.id)).not.toContain(gone.url);
    expect('withdrawn' in continuityRecords(site(), Number.POSITIVE_INFINITY)).toBe(false);
  });
});
