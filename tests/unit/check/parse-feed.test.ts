import { describe, expect, it } from 'vitest';
import { parseBuiltFeed } from '../../../src/check/parse-feed.js';
import { atomXml, itemUrl, rssXml, SITE } from '../../helpers/built-feeds.js';

describe('parseBuiltFeed', () => {
  it('reads an RSS document: self URL, language, and per item what the rules look at', async () => {
    const xml = rssXml({
      language: 'en-CA',
      items: [
        {
          slug: 'a',
          title: 'Fish &  chips',
          description: '<p>A <b>bold</b> &amp; short summary.</p>',
          content: '<p>Body <img src="https://x.org/in.png"></p>',
          date: '2026-03-02T10:00:00Z',
          image: { url: `${SITE}images/a.png`, credit: 'Jo Photo' },
          language: 'fr-CA',
        },
      ],
    });
    const feed = await parseBuiltFeed('rss', xml);
    expect(feed).toMatchObject({
      title: 'Test News',
      selfUrl: `${SITE}rss.xml`,
      homeUrl: SITE,
      language: 'en-CA',
    });
    expect(feed.items).toEqual([
      {
        id: itemUrl('a'),
        title: 'Fish & chips',
        link: itemUrl('a'),
        description: 'A bold & short summary.',
        contentHtml: '<p>Body <img src="https://x.org/in.png"></p>',
        published: new Date('2026-03-02T10:00:00Z'),
        languages: ['fr-CA'],
        images: [
          { url: `${SITE}images/a.png`, role: 'media', credit: 'Jo Photo' },
          { url: `${SITE}images/a.png`, role: 'enclosure' },
          { url: 'https://x.org/in.png', role: 'content' },
        ],
      },
    ]);
  });

  it('reads an item with no full text, no description and no image', async () => {
    const feed = await parseBuiltFeed(
      'rss',
      rssXml({ language: null, items: [{ slug: 'b', title: 'B' }] }),
    );
    expect(feed.language).toBeUndefined();
    expect(feed.items[0]).toEqual({
      id: itemUrl('b'),
      title: 'B',
      link: itemUrl('b'),
      published: new Date('2026-03-01T09:00:00Z'),
      languages: [],
      images: [],
    });
  });

  it('reads an Atom document, its html titles as text', async () => {
    const xml = atomXml({ items: [{ slug: 'a', title: 'A', content: '<p>Body</p>' }] })
      .replace(
        '<title type="text">A</title>',
        '<title type="html">&lt;i&gt;A&lt;/i&gt; &amp;amp; B</title>',
      )
      .replace('<entry>', '<entry xml:lang="de">')
      .replace('<feed xmlns', '<feed xml:lang="en" xmlns');
    const feed = await parseBuiltFeed('atom', xml);
    expect(feed).toMatchObject({ selfUrl: `${SITE}atom.xml`, homeUrl: SITE, language: 'en' });
    expect(feed.items[0]).toMatchObject({
      id: itemUrl('a'),
      title: 'A & B',
      link: itemUrl('a'),
      contentHtml: '<p>Body</p>',
      languages: ['de'],
      published: new Date('2026-03-01T09:00:00Z'),
    });
  });

  it('reads a JSON Feed, its image and language', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      feed_url: `${SITE}feed.json`,
      language: 'en',
      items: [
        {
          id: 'x1',
          url: itemUrl('x'),
          title: 'X',
          summary: 'Sum',
          content_html: '<p>x</p>',
          image: `${SITE}a.png`,
          date_published: '2026-03-01T00:00:00Z',
          language: 'fr',
        },
      ],
    });
    const feed = await parseBuiltFeed('json', json);
    expect(feed).toMatchObject({ selfUrl: `${SITE}feed.json`, language: 'en' });
    expect(feed.items[0]).toMatchObject({
      id: 'x1',
      description: 'Sum',
      contentHtml: '<p>x</p>',
      languages: ['fr'],
      images: [{ url: `${SITE}a.png`, role: 'json' }],
    });
  });

  it('throws on a document that is not the format', async () => {
    await expect(
      parseBuiltFeed('rss', '<feed xmlns="http://www.w3.org/2005/Atom"/>'),
    ).rejects.toThrow();
    await expect(parseBuiltFeed('json', '{')).rejects.toThrow();
  });
});
