import { describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../../../src/model.js';
import { renderJsonFeed, toJsonFeed } from '../../../../src/render/feeds/json-feed.js';
import { expectValidJsonFeed, parseJsonFeed } from '../../../helpers/feeds.js';
import { feedsOf, makeItem, makePost, siteConfig } from '../../../helpers/model.js';

type Overrides = Parameters<typeof siteConfig>[0];

/** The site feed of one post under a config built from `config`, with `overrides` on top. */
function doc(overrides: Partial<FeedDocument> = {}, config: Overrides = {}): FeedDocument {
  const site = siteConfig(config);
  const base = feedsOf([makePost({}, site)], site)[0];
  if (!base) throw new Error('no feed');
  return { ...base, items: [makeItem()], ...overrides };
}

/** The rendered file read back as plain JSON, exactly as a reader receives it. */
function readBack(feed: FeedDocument): Record<string, unknown> & {
  items: Record<string, unknown>[];
} {
  const text = renderJsonFeed(feed);
  expectValidJsonFeed(text);
  return JSON.parse(text);
}

const hostile = `<script>alert("x")</script> & 'q' ]]> \\ \u2028 שלום`;

describe('toJsonFeed', () => {
  it('writes the members JSON Feed 1.1 requires, and the feed’s own description', () => {
    const feed = toJsonFeed(doc());
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Test News',
      home_page_url: 'https://news.example.com/',
      feed_url: 'https://news.example.com/feed.json',
      description: 'News for tests',
      authors: [{ name: 'Desk' }],
      language: 'en',
    });
    expect(feed.items).toHaveLength(1);
  });

  it('never writes the author’s email (JSON Feed has no place for it), but writes a URL', () => {
    const feed = toJsonFeed(
      doc({
        author: { name: 'Desk', email: 'desk@example.com', url: 'https://news.example.com/desk' },
        items: [makeItem({ authors: [{ name: 'A', email: 'a@x.org' }, { name: 'B' }] })],
      }),
    );
    expect(feed.authors).toEqual([{ name: 'Desk', url: 'https://news.example.com/desk' }]);
    expect(feed.items[0]?.authors).toEqual([{ name: 'A' }, { name: 'B' }]);
  });

  it('writes an item’s id, url, title, content and ISO dates', () => {
    const item = makeItem({
      id: 'tag:news.example.com,2026:1',
      idIsUrl: false,
      url: 'https://news.example.com/posts/a/',
      published: new Date('2026-05-01T12:00:00Z'),
      modified: new Date('2026-05-03T08:30:15.250Z'),
    });
    expect(toJsonFeed(doc({ items: [item] })).items[0]).toEqual({
      id: 'tag:news.example.com,2026:1',
      url: 'https://news.example.com/posts/a/',
      title: 'Title',
      content_html: '<p>Body</p>',
      summary: 'Summary',
      date_published: '2026-05-01T12:00:00.000Z',
      date_modified: '2026-05-03T08:30:15.250Z',
      authors: [{ name: 'Desk' }],
    });
  });

  it('always writes content_html, even for an empty body', () => {
    const item = toJsonFeed(doc({ items: [makeItem({ contentHtml: '' })] })).items[0];
    expect(item).toHaveProperty('content_html', '');
    expect(item).not.toHaveProperty('content_text');
  });

  it('leaves out the optional members that are not set', () => {
    const feed = toJsonFeed(doc({ items: [makeItem({ summary: '' })] }));
    for (const key of ['icon', 'favicon', 'hubs']) expect(feed).not.toHaveProperty(key);
    for (const key of ['summary', 'image', 'tags']) expect(feed.items[0]).not.toHaveProperty(key);
  });

  it('writes the logo as icon and the small icon as favicon', () => {
    const feed = toJsonFeed(
      doc({}, { icon: 'https://news.example.com/i.png', logo: 'https://news.example.com/l.png' }),
    );
    expect(feed.icon).toBe('https://news.example.com/l.png');
    expect(feed.favicon).toBe('https://news.example.com/i.png');
  });

  it('writes an item image when there is one', () => {
    const feed = toJsonFeed(doc({ items: [makeItem({ image: 'https://x.org/a.jpg?w=1&h=2' })] }));
    expect(feed.items[0]?.image).toBe('https://x.org/a.jpg?w=1&h=2');
  });

  it('writes category names first, then tags, as one tags list', () => {
    const item = makeItem({
      categories: [
        { name: 'Politics', slug: 'politics' },
        { name: 'Économie', slug: 'economie' },
      ],
      tags: ['elections', 'Ottawa'],
    });
    expect(toJsonFeed(doc({ items: [item] })).items[0]?.tags).toEqual([
      'Politics',
      'Économie',
      'elections',
      'Ottawa',
    ]);
    const tagsOnly = makeItem({ tags: ['solo'] });
    expect(toJsonFeed(doc({ items: [tagsOnly] })).items[0]?.tags).toEqual(['solo']);
  });

  it('announces every hub as a WebSub hub, in order', () => {
    const feed = toJsonFeed(doc({ hubs: ['https://hub.a/', 'https://hub.b/?x=1&y=2'] }));
    expect(feed.hubs).toEqual([
      { type: 'WebSub', url: 'https://hub.a/' },
      { type: 'WebSub', url: 'https://hub.b/?x=1&y=2' },
    ]);
  });

  it('writes an empty feed with an empty items list', () => {
    const feed = toJsonFeed(doc({ items: [] }));
    expect(feed.items).toEqual([]);
  });

  it('points a category feed at its own JSON file', () => {
    const site = siteConfig();
    const feeds = feedsOf([makePost({ categories: ['Politics'] }, site)], site);
    const category = feeds.find((feed) => feed.category);
    if (!category) throw new Error('no category feed');
    expect(toJsonFeed(category).feed_url).toBe(
      'https://news.example.com/categories/politics/feed.json',
    );
  });
});

describe('renderJsonFeed', () => {
  it('writes two-space indented JSON ending in a newline', () => {
    const text = renderJsonFeed(doc());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "version": "https://jsonfeed.org/version/1.1",\n')).toBe(true);
  });

  it('writes a feed that feedsmith reads back with every value intact', () => {
    const text = renderJsonFeed(
      doc({
        hubs: ['https://hub.a/'],
        items: [
          makeItem({
            categories: [{ name: 'Politics', slug: 'politics' }],
            tags: ['t'],
            image: 'https://x.org/a.png',
          }),
        ],
      }),
    );
    expectValidJsonFeed(text);
    const feed = parseJsonFeed(text);
    expect(feed.title).toBe('Test News');
    expect(feed.feed_url).toBe('https://news.example.com/feed.json');
    expect(feed.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.a/' }]);
    const item = feed.items?.[0];
    expect(item?.id).toBe('https://news.example.com/posts/a/');
    expect(item?.content_html).toBe('<p>Body</p>');
    expect(item?.tags).toEqual(['Politics', 't']);
    expect(item?.image).toBe('https://x.org/a.png');
    expect(item?.date_published).toBe('2026-05-01T12:00:00.000Z');
  });

  it('carries hostile text through JSON unchanged', () => {
    const feed = readBack(
      doc({
        title: `Site ${hostile}`,
        description: `About ${hostile}`,
        items: [
          makeItem({
            title: `Title ${hostile}`,
            summary: `Summary ${hostile}`,
            contentHtml: `<p>${hostile}</p>`,
            tags: [hostile],
            authors: [{ name: hostile }],
          }),
        ],
      }),
    );
    expect(feed.title).toBe(`Site ${hostile}`);
    expect(feed.description).toBe(`About ${hostile}`);
    expect(feed.items[0]).toMatchObject({
      title: `Title ${hostile}`,
      summary: `Summary ${hostile}`,
      content_html: `<p>${hostile}</p>`,
      tags: [hostile],
      authors: [{ name: hostile }],
    });
    expect(parseJsonFeed(renderJsonFeed(doc({ title: hostile }))).title).toBe(hostile);
  });

  it('keeps content_html in the file for an empty body, so the feed stays valid', () => {
    const feed = readBack(doc({ items: [makeItem({ contentHtml: '', summary: '' })] }));
    expect(feed.items[0]?.content_html).toBe('');
    expect(feed.items[0]).not.toHaveProperty('summary');
  });

  it('gives the same bytes for the same document', () => {
    expect(renderJsonFeed(doc())).toBe(renderJsonFeed(doc()));
  });
});
