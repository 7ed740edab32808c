import { describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../../../src/model.js';
import { renderAtom, renderRss } from '../../../../src/render/feeds/feed-adapter.js';
import { renderJsonFeed } from '../../../../src/render/feeds/json-feed.js';
import { expectWellFormed, parseXml, textOf } from '../../../helpers/feeds.js';
import { feedsOf, makeItem, makePost, siteConfig } from '../../../helpers/model.js';

function doc(overrides: Partial<FeedDocument> = {}): FeedDocument {
  const base = feedsOf([makePost()], siteConfig())[0];
  if (!base) throw new Error('no feed');
  return { ...base, items: [makeItem()], ...overrides };
}

describe('renderRss', () => {
  it('writes authors as dc:creator and never a name-only <author>', () => {
    const xml = renderRss(
      doc({ items: [makeItem({ authors: [{ name: 'A' }, { name: 'B', email: 'b@x.org' }] })] }),
    );
    const item = parseXml(xml).rss.channel.item[0];
    expect(item['dc:creator'].map(textOf)).toEqual(['A', 'B']);
    expect(item.author).toBeUndefined();
  });

  it('declares the dc namespace even when no item has content', () => {
    const xml = renderRss(doc({ items: [makeItem({ contentHtml: '' })] }));
    expectWellFormed(xml, 'rss');
    expect(xml).not.toContain('content:encoded');
  });

  it('lists the self link and every hub as atom:link', () => {
    const xml = renderRss(doc({ hubs: ['https://hub.a/', 'https://hub.b/?x=1&y=2'] }));
    const links = parseXml(xml).rss.channel['atom:link'];
    expect(links.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['self', 'https://news.example.com/rss.xml'],
      ['hub', 'https://hub.a/'],
      ['hub', 'https://hub.b/?x=1&y=2'],
    ]);
  });

  it('writes a pinned id as a guid that is not a permalink', () => {
    const xml = renderRss(doc({ items: [makeItem({ id: 'tag:x.org,2026:1', idIsUrl: false })] }));
    expect(parseXml(xml).rss.channel.item[0].guid).toEqual({
      '#text': 'tag:x.org,2026:1',
      '@isPermaLink': 'false',
    });
  });

  it('gives an image enclosure its registered media type', () => {
    const xml = renderRss(doc({ items: [makeItem({ image: 'https://x.org/a.JPG' })] }));
    expect(parseXml(xml).rss.channel.item[0].enclosure).toMatchObject({
      '@url': 'https://x.org/a.JPG',
      '@type': 'image/jpeg',
    });
  });

  it('escapes the plain-text summary as HTML inside the description', () => {
    const xml = renderRss(doc({ items: [makeItem({ summary: 'a <b> & c' })] }));
    expect(textOf(parseXml(xml).rss.channel.item[0].description)).toBe('a &lt;b&gt; &amp; c');
  });
});

describe('renderAtom', () => {
  it('marks titles and summaries as text, content as html', () => {
    const entry = parseXml(renderAtom(doc({ items: [makeItem({ title: 'a < b' })] }))).feed
      .entry[0];
    expect(entry.title).toEqual({ '#text': 'a < b', '@type': 'text' });
    expect(entry.summary['@type']).toBe('text');
    expect(entry.content['@type']).toBe('html');
  });

  it('writes one hub link per hub, and image enclosures with the registered type', () => {
    const xml = renderAtom(
      doc({
        hubs: ['https://hub.a/', 'https://hub.b/'],
        items: [makeItem({ image: 'https://x.org/p.svg' })],
      }),
    );
    expectWellFormed(xml, 'feed');
    const feed = parseXml(xml).feed;
    expect(
      feed.link
        .filter((l: Record<string, string>) => l['@rel'] === 'hub')
        .map((l: Record<string, string>) => l['@href']),
    ).toEqual(['https://hub.a/', 'https://hub.b/']);
    expect(feed.entry[0].link[1]).toMatchObject({ '@rel': 'enclosure', '@type': 'image/svg+xml' });
  });

  it('has a feed-level author so every entry has one (RFC 4287 §4.1.1)', () => {
    expect(parseXml(renderAtom(doc())).feed.author[0].name).toBe('Desk');
  });
});

describe('renderJsonFeed', () => {
  it('writes JSON Feed 1.1 with authors (not the deprecated author) and both dates', () => {
    const feed = JSON.parse(renderJsonFeed(doc({ hubs: ['https://hub.a/'] })));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.author).toBeUndefined();
    expect(feed.authors).toEqual([{ name: 'Desk' }]);
    expect(feed.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.a/' }]);
    expect(feed.items[0]).toMatchObject({
      date_published: '2026-05-01T12:00:00.000Z',
      date_modified: '2026-05-01T12:00:00.000Z',
    });
    expect(feed.items[0].author).toBeUndefined();
  });
});
