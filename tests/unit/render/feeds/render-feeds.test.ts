import { describe, expect, it } from 'vitest';
import type { FeedDocument, OutputFile } from '../../../../src/model.js';
import { feedBytes, renderFeed, renderFeeds } from '../../../../src/render/feeds/render-feeds.js';
import { joinParts, utf8Scratch } from '../../../../src/text.js';
import {
  expectValidJsonFeed,
  expectWellFormed,
  parseAtomFeed,
  parseJsonFeed,
  parseRssFeed,
  parseWithRowanmanning,
} from '../../../helpers/feeds.js';
import { feedsOf, makeItem, makePost, siteConfig, siteOf } from '../../../helpers/model.js';

const hostile = `<b>"Q"</b> & 'a' ]]> שלום`;

/** The site feed and one category feed of two posts, as a build derives them. */
function feeds(): FeedDocument[] {
  const config = siteConfig({ hubs: ['https://hub.example/'] });
  return feedsOf(
    [
      makePost({ slug: 'b', title: 'Second', categories: ['Politics'] }, config),
      makePost({ slug: 'a', title: 'First', date: new Date('2026-04-01T00:00:00Z') }, config),
    ],
    config,
  );
}

function siteFeed(overrides: Partial<FeedDocument> = {}): FeedDocument {
  const [doc] = feeds();
  if (!doc) throw new Error('no site feed');
  return { ...doc, ...overrides };
}

function content(files: OutputFile[], index: number): string {
  const file = files[index];
  if (!file) throw new Error(`no file ${index}`);
  return file.content;
}

describe('renderFeed', () => {
  it('writes three files at the document’s paths, in the order RSS, Atom, JSON', () => {
    const files = renderFeed(siteFeed());
    expect(files.map((file) => file.path)).toEqual(['rss.xml', 'atom.xml', 'feed.json']);
    // All three were checked as they were put together: the writer need not parse them again.
    expect(files.map((file) => file.checked)).toEqual([true, true, true]);
  });

  it('writes a category feed into its own folder', () => {
    const category = feeds()[1];
    if (!category) throw new Error('no category feed');
    expect(renderFeed(category).map((file) => file.path)).toEqual([
      'categories/politics/rss.xml',
      'categories/politics/atom.xml',
      'categories/politics/feed.json',
    ]);
  });

  it('writes an archive document into its archive folder, valid in every format', () => {
    const config = siteConfig({ archiveSize: 1 });
    const posts = [
      makePost({ slug: 'b', title: 'Second', categories: ['Politics'] }, config),
      makePost({ slug: 'a', title: 'First', date: new Date('2026-04-01T00:00:00Z') }, config),
    ];
    const archives = siteOf(posts, config).archives;
    const files = archives.flatMap((doc) => renderFeed(doc));
    expect(files.map((file) => file.path)).toEqual([
      'archive/1/rss.xml',
      'archive/1/atom.xml',
      'archive/1/feed.json',
      'archive/2/rss.xml',
      'archive/2/atom.xml',
      'archive/2/feed.json',
      'archive/3/rss.xml',
      'archive/3/atom.xml',
      'archive/3/feed.json',
      'categories/politics/archive/1/rss.xml',
      'categories/politics/archive/1/atom.xml',
      'categories/politics/archive/1/feed.json',
      'categories/politics/archive/2/rss.xml',
      'categories/politics/archive/2/atom.xml',
      'categories/politics/archive/2/feed.json',
    ]);
    for (let i = 0; i < files.length; i += 3) {
      expectWellFormed(content(files, i), 'rss');
      expectWellFormed(content(files, i + 1), 'feed');
      expectValidJsonFeed(content(files, i + 2));
    }
    expect(parseRssFeed(content(files, 0)).items?.map((item) => item.title)).toEqual(['First']);
    expect(parseAtomFeed(content(files, 4)).entries?.map((e) => e.title?.value)).toEqual([
      'Second',
    ]);
    expect(JSON.parse(content(files, 8)).items).toEqual([]);
  });

  it('gives every file in the parts it was put together from, meeting between characters', () => {
    const emoji = makePost({ slug: 'e', title: 'Fire 🔥', summary: 'Hot 🔥', categories: ['🔥'] });
    const docs = [...feeds(), ...feedsOf([emoji], siteConfig())];
    for (const file of docs.flatMap(renderFeed)) {
      const parts = file.parts ?? [];
      expect(parts.length).toBeGreaterThan(1);
      expect(joinParts(parts)).toBe(file.content);
      // A part ending in the first half of a surrogate pair would be written as U+FFFD; one
      // encoded already must be whole UTF-8.
      for (const part of parts)
        if (typeof part === 'string') expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
        else expect(new TextDecoder('utf-8', { fatal: true }).decode(part)).not.toContain('\uFFFD');
      expect(utf8Scratch(parts).equals(Buffer.from(file.content, 'utf8'))).toBe(true);
    }
  });

  it('ends every file in exactly one newline', () => {
    for (const file of renderFeed(siteFeed())) {
      expect(file.content.endsWith('\n'), file.path).toBe(true);
      expect(file.content.endsWith('\n\n'), file.path).toBe(false);
    }
  });

  it('writes well-formed XML with the right root, and a valid JSON Feed', () => {
    const files = renderFeed(siteFeed());
    expectWellFormed(content(files, 0), 'rss');
    expectWellFormed(content(files, 1), 'feed');
    expectValidJsonFeed(content(files, 2));
  });

  it('writes the same items, newest first, in all three formats', () => {
    const files = renderFeed(siteFeed());
    const rss = parseRssFeed(content(files, 0));
    const atom = parseAtomFeed(content(files, 1));
    const json = parseJsonFeed(content(files, 2));
    expect(rss.items?.map((item) => item.title)).toEqual(['Second', 'First']);
    expect(atom.entries?.map((entry) => entry.title?.value)).toEqual(['Second', 'First']);
    expect(json.items?.map((item) => item.title)).toEqual(['Second', 'First']);
    expect(rss.items?.map((item) => item.link)).toEqual([
      'https://news.example.com/posts/b/',
      'https://news.example.com/posts/a/',
    ]);
    expect(atom.entries?.map((entry) => entry.id)).toEqual(json.items?.map((item) => item.id));
  });

  it('gives readers the hostile text and content exactly as written', () => {
    const doc = siteFeed({
      title: `Site ${hostile}`,
      items: [
        makeItem({ title: `Title ${hostile}`, contentHtml: '<p>a ]]> b &amp; c</p><p>]]></p>' }),
      ],
    });
    const files = renderFeed(doc);
    expectWellFormed(content(files, 0), 'rss');
    expectWellFormed(content(files, 1), 'feed');
    for (const index of [0, 1]) {
      const feed = parseWithRowanmanning(content(files, index));
      expect(feed.title).toBe(`Site ${hostile}`);
      expect(feed.items[0]?.title).toBe(`Title ${hostile}`);
    }
    // feedsmith gives the HTML as the document carries it (@rowanmanning decodes its entities).
    const rss = parseRssFeed(content(files, 0));
    expect(rss.items?.[0]?.content?.encoded).toBe('<p>a ]]> b &amp; c</p><p>]]></p>');
    const atom = parseAtomFeed(content(files, 1));
    expect(atom.entries?.[0]?.content?.value).toBe('<p>a ]]> b &amp; c</p><p>]]></p>');
    const json = parseJsonFeed(content(files, 2));
    expect(json.title).toBe(`Site ${hostile}`);
    expect(json.items?.[0]?.content_html).toBe('<p>a ]]> b &amp; c</p><p>]]></p>');
  });

  it('writes an empty feed that is still valid in every format', () => {
    const files = renderFeed(siteFeed({ items: [] }));
    expectWellFormed(content(files, 0), 'rss');
    expectWellFormed(content(files, 1), 'feed');
    expectValidJsonFeed(content(files, 2));
    expect(parseRssFeed(content(files, 0)).items ?? []).toEqual([]);
    expect(parseAtomFeed(content(files, 1)).entries ?? []).toEqual([]);
  });
});

describe('renderFeeds', () => {
  it('writes every feed’s three files, feed after feed, in the given order', () => {
    const docs = feeds();
    expect(renderFeeds(docs).map((file) => file.path)).toEqual([
      'rss.xml',
      'atom.xml',
      'feed.json',
      'categories/politics/rss.xml',
      'categories/politics/atom.xml',
      'categories/politics/feed.json',
    ]);
    expect(renderFeeds([...docs].reverse()).map((file) => file.path)[0]).toBe(
      'categories/politics/rss.xml',
    );
  });

  it('gives each file the bytes renderFeed gives for its feed', () => {
    const docs = feeds();
    expect(renderFeeds(docs)).toEqual(docs.flatMap((doc) => renderFeed(doc)));
  });

  it('writes nothing for no feeds', () => {
    expect(renderFeeds([])).toEqual([]);
  });

  it('announces the category feed’s own URLs in its files', () => {
    const files = renderFeeds(feeds());
    const rss = parseRssFeed(content(files, 3));
    expect(rss.items?.map((item) => item.title)).toEqual(['Second']);
    const json = parseJsonFeed(content(files, 5));
    expect(json.feed_url).toBe('https://news.example.com/categories/politics/feed.json');
    expect(json.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
  });
});

describe('feedBytes', () => {
  it('is the UTF-8 size of the largest of the three files', () => {
    const [doc] = feedsOf([makePost({ title: 'Ünïcödé — title 🔥' })], siteConfig());
    if (!doc) throw new Error('no feed');
    const sizes = renderFeed(doc).map((file) => Buffer.byteLength(file.content, 'utf8'));
    expect(feedBytes(doc)).toBe(Math.max(...sizes));
  });
});
