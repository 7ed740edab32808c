import { describe, expect, it } from 'vitest';
import type { FeedDocument, SiteDocument } from '../../../../src/model.js';
import { renderAtom, renderRss } from '../../../../src/render/feeds/feed-adapter.js';
import { renderJsonFeed } from '../../../../src/render/feeds/json-feed.js';
import {
  expectWellFormed,
  parseAtomFeed,
  parseRssFeed,
  parseWithFeedsmith,
  parseWithRowanmanning,
  parseXml,
  textOf,
} from '../../../helpers/feeds.js';
import { feedsOf, makeItem, makePost, siteConfig, siteOf } from '../../../helpers/model.js';

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

  it('lists the self link, the newest archive and every hub as atom:link', () => {
    const xml = renderRss(doc({ hubs: ['https://hub.a/', 'https://hub.b/?x=1&y=2'] }));
    // A hub's `&` is escaped (it once reached the document raw, which no parser accepts).
    expectWellFormed(xml, 'rss');
    expect(xml).toContain('<atom:link href="https://hub.b/?x=1&#x26;y=2" rel="hub"/>');
    const links = parseXml(xml).rss.channel['atom:link'];
    expect(links.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['self', 'https://news.example.com/rss.xml'],
      // The site's one post is in archive 1, which the subscription document pages back to.
      ['prev-archive', 'https://news.example.com/archive/1/rss.xml'],
      ['hub', 'https://hub.a/'],
      ['hub', 'https://hub.b/?x=1&y=2'],
    ]);
    const alone = renderRss(doc({ history: undefined, hubs: ['https://hub.a/'] }));
    const only = parseXml(alone).rss.channel['atom:link'];
    expect(only.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['self', 'https://news.example.com/rss.xml'],
      ['hub', 'https://hub.a/'],
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
    const xml = renderRss(doc({ items: [makeItem({ image: { url: 'https://x.org/a.JPG' } })] }));
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
  it('says the feed’s language with xml:lang on the root, once, inherited by every entry', () => {
    const xml = renderAtom(doc({ language: 'fr-CA', items: [makeItem()] }));
    expectWellFormed(xml, 'feed');
    expect(parseXml(xml).feed['@xml:lang']).toBe('fr-CA');
    expect(xml.match(/xml:lang=/g)).toHaveLength(1);
  });

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
        items: [makeItem({ image: { url: 'https://x.org/p.svg' } })],
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

const SITE = 'https://news.example.com/';
const FH = 'http://purl.org/syndication/history/1.0';

/**
 * Five posts, P0 … P4 a day apart, by two per archive: the site's archives hold [P1 P0],
 * [P3 P2] and [P4]; Even's [P2 P0] and [P4]; Odd's [P3 P1] and an empty open one.
 */
function archivedSite(archiveContent: 'summary' | 'full' = 'summary'): SiteDocument {
  const config = siteConfig({
    limit: 2,
    archiveSize: 2,
    archiveContent,
    hubs: ['https://hub.example/'],
  });
  const posts = [4, 3, 2, 1, 0].map((i) =>
    makePost(
      {
        slug: `p${i}`,
        title: i === 2 ? 'Q&A <2> "two"' : `P${i}`,
        date: new Date(Date.UTC(2026, 0, i + 1, 9)),
        categories: i % 2 ? ['Odd'] : ['Even'],
        tags: i === 3 ? ['R&D'] : [],
        authors: i === 1 ? [{ name: 'Ada' }, { name: 'Lin' }] : [{ name: 'Desk' }],
        body: `Story <b>${i}</b> & more.\n`,
      },
      config,
    ),
  );
  return siteOf(posts, config);
}

function archive(site: SiteDocument, rss: string): FeedDocument {
  const doc = site.archives.find((a) => a.paths.rss === rss);
  if (!doc) throw new Error(`no archive ${rss}`);
  return doc;
}

type Link = Record<string, string>;
const rssLinks = (xml: string) =>
  (parseXml(xml).rss.channel['atom:link'] as Link[]).map((l) => [
    l['@rel'],
    l['@href'],
    l['@type'],
  ]);
const atomLinks = (xml: string) =>
  (parseXml(xml).feed.link as Link[]).map((l) => [l['@rel'], l['@href'], l['@type']]);

describe('RFC 5005 archives in RSS', () => {
  const site = archivedSite();
  const RSS = 'application/rss+xml';

  it('marks an archive document with <fh:archive/>, its namespace declared on the root', () => {
    const xml = renderRss(archive(site, 'archive/2/rss.xml'));
    expectWellFormed(xml, 'rss');
    const rss = parseXml(xml).rss;
    expect(rss['@xmlns:fh']).toBe(FH);
    expect(rss.channel['fh:archive']).toBe('');
    expect(xml.match(/<fh:archive\/>/g)).toHaveLength(1);
  });

  it('links an archive to the subscription document and both neighbours, typed as RSS', () => {
    expect(rssLinks(renderRss(archive(site, 'archive/2/rss.xml')))).toEqual([
      ['self', `${SITE}archive/2/rss.xml`, RSS],
      ['current', `${SITE}rss.xml`, RSS],
      ['prev-archive', `${SITE}archive/1/rss.xml`, RSS],
      ['next-archive', `${SITE}archive/3/rss.xml`, RSS],
    ]);
    expect(rssLinks(renderRss(archive(site, 'archive/1/rss.xml')))).toEqual([
      ['self', `${SITE}archive/1/rss.xml`, RSS],
      ['current', `${SITE}rss.xml`, RSS],
      ['next-archive', `${SITE}archive/2/rss.xml`, RSS],
    ]);
    expect(rssLinks(renderRss(archive(site, 'categories/odd/archive/2/rss.xml')))).toEqual([
      ['self', `${SITE}categories/odd/archive/2/rss.xml`, RSS],
      ['current', `${SITE}categories/odd/rss.xml`, RSS],
      ['prev-archive', `${SITE}categories/odd/archive/1/rss.xml`, RSS],
    ]);
  });

  it('gives the subscription document prev-archive and its hubs, but no <fh:archive/>', () => {
    const [siteFeed, , odd] = site.feeds as [FeedDocument, FeedDocument, FeedDocument];
    const xml = renderRss(siteFeed);
    expectWellFormed(xml, 'rss');
    expect(xml).not.toContain('fh:archive');
    expect(parseXml(xml).rss['@xmlns:fh']).toBeUndefined();
    expect(rssLinks(xml)).toEqual([
      ['self', `${SITE}rss.xml`, RSS],
      ['prev-archive', `${SITE}archive/3/rss.xml`, RSS],
      ['hub', 'https://hub.example/', undefined],
    ]);
    // Odd's open archive is empty: it pages back to the newest full one.
    expect(rssLinks(renderRss(odd))[1]).toEqual([
      'prev-archive',
      `${SITE}categories/odd/archive/1/rss.xml`,
      RSS,
    ]);
  });

  it('is read back by feedsmith and @rowanmanning/feed-parser, links and items intact', () => {
    const xml = renderRss(archive(site, 'archive/2/rss.xml'));
    expect(parseWithFeedsmith(xml).format).toBe('rss');
    const feed = parseRssFeed(xml);
    expect(feed.title).toBe('Test News — archive 2');
    expect(feed.atom?.links).toEqual([
      { href: `${SITE}archive/2/rss.xml`, rel: 'self', type: RSS },
      { href: `${SITE}rss.xml`, rel: 'current', type: RSS },
      { href: `${SITE}archive/1/rss.xml`, rel: 'prev-archive', type: RSS },
      { href: `${SITE}archive/3/rss.xml`, rel: 'next-archive', type: RSS },
    ]);
    expect(feed.items?.map((item) => item.title)).toEqual(['P3', 'Q&A <2> "two"']);
    expect(feed.items?.map((item) => item.dc?.creators)).toEqual([['Desk'], ['Desk']]);
    const read = parseWithRowanmanning(xml);
    expect(read.title).toBe('Test News — archive 2');
    expect(read.items.map((item) => [item.title, item.url])).toEqual([
      ['P3', `${SITE}posts/p3/`],
      ['Q&A <2> "two"', `${SITE}posts/p2/`],
    ]);
  });

  it('follows the validator rules in every archive, empty ones included', () => {
    for (const doc of site.archives) {
      const xml = renderRss(doc);
      expectWellFormed(xml, 'rss');
      const channel = parseXml(xml).rss.channel;
      expect(channel['atom:link'][0]).toMatchObject({ '@rel': 'self', '@href': doc.urls.rss });
      expect(textOf(channel.description)).not.toBe('');
      expect(textOf(channel.lastBuildDate)).toMatch(
        /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
      );
      const items = channel.item ?? [];
      expect(items).toHaveLength(doc.items.length);
      items.forEach((item: Record<string, unknown>, i: number) => {
        expect(textOf(item.pubDate)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
        expect(new Date(textOf(item.pubDate)).getTime()).toBe(doc.items[i]?.published.getTime());
        expect(item.author).toBeUndefined();
        expect((item['dc:creator'] as unknown[]).map(textOf)).toEqual(
          doc.items[i]?.authors.map((a) => a.name),
        );
      });
      // Text outside CDATA uses hex references, never an entity the validator rejects.
      expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(
        /&(?!#x[0-9A-F]+;|amp;|lt;|gt;|quot;|apos;)/,
      );
      expect(xml).not.toMatch(/<title>[^<]*&(amp|lt|gt);/);
    }
    const withAmp = renderRss(archive(site, 'archive/2/rss.xml'));
    expect(withAmp).toContain('<title>Q&#x26;A &#x3C;2&#x3E; &#x22;two&#x22;</title>');
  });
});

describe('RFC 5005 archives in Atom', () => {
  const site = archivedSite();
  const ATOM = 'application/atom+xml';

  it('marks an archive document with <fh:archive/>, its namespace declared on the root', () => {
    const xml = renderAtom(archive(site, 'archive/2/rss.xml'));
    expectWellFormed(xml, 'feed');
    const feed = parseXml(xml).feed;
    expect(feed['@xmlns:fh']).toBe(FH);
    expect(feed['fh:archive']).toBe('');
    expect(xml.match(/<fh:archive\/>/g)).toHaveLength(1);
  });

  it('links an archive to the subscription document and both neighbours, typed as Atom', () => {
    expect(atomLinks(renderAtom(archive(site, 'archive/2/rss.xml')))).toEqual([
      ['alternate', SITE, undefined],
      ['self', `${SITE}archive/2/atom.xml`, undefined],
      ['current', `${SITE}atom.xml`, ATOM],
      ['prev-archive', `${SITE}archive/1/atom.xml`, ATOM],
      ['next-archive', `${SITE}archive/3/atom.xml`, ATOM],
    ]);
    expect(atomLinks(renderAtom(archive(site, 'categories/even/archive/1/rss.xml')))).toEqual([
      ['alternate', `${SITE}categories/even/`, undefined],
      ['self', `${SITE}categories/even/archive/1/atom.xml`, undefined],
      ['current', `${SITE}categories/even/atom.xml`, ATOM],
      ['next-archive', `${SITE}categories/even/archive/2/atom.xml`, ATOM],
    ]);
  });

  it('gives an archive the id of its subscription document: they are one feed', () => {
    const ids = site.archives.map((doc) => parseAtomFeed(renderAtom(doc)).id);
    expect(ids.slice(0, 7)).toEqual([
      `${SITE}atom.xml`,
      `${SITE}atom.xml`,
      `${SITE}atom.xml`,
      `${SITE}categories/even/atom.xml`,
      `${SITE}categories/even/atom.xml`,
      `${SITE}categories/odd/atom.xml`,
      `${SITE}categories/odd/atom.xml`,
    ]);
    // The bylines' and tags' archives too.
    expect(ids).toEqual(site.archives.map((doc) => doc.history?.current?.atom));
    expect(site.feeds.slice(0, 3).map((doc) => parseAtomFeed(renderAtom(doc)).id)).toEqual([
      `${SITE}atom.xml`,
      `${SITE}categories/even/atom.xml`,
      `${SITE}categories/odd/atom.xml`,
    ]);
  });

  it('gives the subscription document prev-archive and its hub, but no <fh:archive/>', () => {
    const xml = renderAtom(site.feeds[0] as FeedDocument);
    expectWellFormed(xml, 'feed');
    expect(xml).not.toContain('fh:archive');
    expect(parseXml(xml).feed['@xmlns:fh']).toBeUndefined();
    expect(atomLinks(xml)).toEqual([
      ['alternate', SITE, undefined],
      ['self', `${SITE}atom.xml`, undefined],
      ['prev-archive', `${SITE}archive/3/atom.xml`, ATOM],
      ['hub', 'https://hub.example/', undefined],
    ]);
  });

  it('is read back by feedsmith and @rowanmanning/feed-parser, links and entries intact', () => {
    const xml = renderAtom(archive(site, 'archive/2/rss.xml'));
    expect(parseWithFeedsmith(xml).format).toBe('atom');
    const feed = parseAtomFeed(xml);
    expect(feed.title).toEqual({ value: 'Test News — archive 2' });
    expect(feed.links?.filter((l) => l.type === ATOM)).toEqual([
      { href: `${SITE}atom.xml`, rel: 'current', type: ATOM },
      { href: `${SITE}archive/1/atom.xml`, rel: 'prev-archive', type: ATOM },
      { href: `${SITE}archive/3/atom.xml`, rel: 'next-archive', type: ATOM },
    ]);
    expect(feed.entries?.map((entry) => entry.title?.value)).toEqual(['P3', 'Q&A <2> "two"']);
    const read = parseWithRowanmanning(xml);
    expect(read.items.map((item) => [item.title, item.id])).toEqual([
      ['P3', `${SITE}posts/p3/`],
      ['Q&A <2> "two"', `${SITE}posts/p2/`],
    ]);
  });

  it('follows the validator rules in every archive, empty ones included', () => {
    for (const doc of site.archives) {
      const xml = renderAtom(doc);
      expectWellFormed(xml, 'feed');
      const feed = parseAtomFeed(xml);
      expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe(doc.urls.atom);
      expect(feed.updated).toBe(doc.updated.toISOString());
      expect(feed.entries ?? []).toHaveLength(doc.items.length);
      for (const entry of feed.entries ?? []) {
        expect(entry.updated).toMatch(/Z$/);
        expect(entry.title).toMatchObject({ type: 'text' });
        expect(entry.categories?.length).toBeGreaterThan(0);
        expect(entry.categories?.every((c) => c.term && c.term === c.label)).toBe(true);
      }
      expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(
        /&(?!#x[0-9A-F]+;|amp;|lt;|gt;|quot;|apos;)/,
      );
    }
    const entries = parseAtomFeed(renderAtom(archive(site, 'archive/2/rss.xml'))).entries;
    expect(entries?.map((e) => e.categories?.map((c) => c.term))).toEqual([
      ['Odd', 'R&D'],
      ['Even'],
    ]);
  });
});

describe('what an archive carries of each story', () => {
  const excerpts = archivedSite('summary');
  const full = archivedSite('full');
  const rssItems = (doc: FeedDocument) => {
    const xml = renderRss(doc);
    expectWellFormed(xml, 'rss');
    return (parseXml(xml).rss.channel.item ?? []) as Record<string, unknown>[];
  };
  const atomEntries = (doc: FeedDocument) => {
    const xml = renderAtom(doc);
    expectWellFormed(xml, 'feed');
    return (parseXml(xml).feed.entry ?? []) as Record<string, Record<string, string>>[];
  };

  it('gives each story its summary and link, not its text, in an archive of excerpts (RSS)', () => {
    const doc = archive(excerpts, 'archive/2/rss.xml');
    const xml = renderRss(doc);
    expect(xml).not.toContain('content:encoded');
    expect(rssItems(doc).map((item) => [textOf(item.title), textOf(item.link)])).toEqual([
      ['P3', `${SITE}posts/p3/`],
      ['Q&A <2> "two"', `${SITE}posts/p2/`],
    ]);
    // The plain-text summary, escaped as HTML (RSS descriptions are HTML).
    expect(rssItems(doc).map((item) => textOf(item.description))).toEqual([
      'Story 3 &amp; more.',
      'Story 2 &amp; more.',
    ]);
    // With no content anywhere, dc:creator still has its namespace.
    expect(parseRssFeed(xml).items?.map((item) => item.dc?.creators)).toEqual([['Desk'], ['Desk']]);
  });

  it('gives each story its summary and link, not its text, in an archive of excerpts (Atom)', () => {
    const doc = archive(excerpts, 'archive/2/rss.xml');
    const entries = atomEntries(doc);
    expect(entries.map((entry) => entry.content)).toEqual([undefined, undefined]);
    expect(entries.map((entry) => entry.summary)).toEqual([
      { '#text': 'Story 3 & more.', '@type': 'text' },
      { '#text': 'Story 2 & more.', '@type': 'text' },
    ]);
    expect(renderAtom(doc)).not.toContain('<content');
  });

  it('gives each story its full text in an archive of full text, as the subscription document does', () => {
    const doc = archive(full, 'archive/2/rss.xml');
    expect(rssItems(doc).map((item) => textOf(item['content:encoded']))).toEqual([
      '<p>Story <b>3</b> &amp; more.</p>',
      '<p>Story <b>2</b> &amp; more.</p>',
    ]);
    expect(
      atomEntries(doc).map((entry) => [entry.content?.['@type'], textOf(entry.content)]),
    ).toEqual([
      ['html', '<p>Story <b>3</b> &amp; more.</p>'],
      ['html', '<p>Story <b>2</b> &amp; more.</p>'],
    ]);
    for (const site of [excerpts, full]) {
      const items = rssItems(site.feeds[0] as FeedDocument);
      expect(items.map((item) => textOf(item['content:encoded']))).toEqual([
        '<p>Story <b>4</b> &amp; more.</p>',
        '<p>Story <b>3</b> &amp; more.</p>',
      ]);
    }
  });
});

describe('lead images, sections and tags, excerpts', () => {
  const image = {
    url: 'https://news.example.com/i/a.png?x=1&y=2',
    alt: 'Alt',
    credit: 'Jane <Photo> & Co.',
    caption: 'The Hill ]]> at dusk',
    type: 'image/png',
    length: 123,
    width: 1200,
    height: 675,
  };
  const other = { id: 'https://news.example.com/b', url: 'https://news.example.com/b' };
  const items = [
    makeItem({
      image,
      categories: [{ name: 'Politics', slug: 'politics' }],
      tags: [{ name: 'Ottawa', slug: 'ottawa' }],
    }),
    makeItem({ ...other, excerpt: true }),
  ];

  it('writes RSS enclosure (real length), media:content with credit and caption, media:thumbnail', () => {
    const xml = renderRss(doc({ items }));
    expectWellFormed(xml, 'rss');
    const [first, second] = parseRssFeed(xml).items ?? [];
    expect(first?.enclosures).toEqual([{ url: image.url, length: 123, type: 'image/png' }]);
    expect(first?.media?.contents).toEqual([
      {
        url: image.url,
        fileSize: 123,
        type: 'image/png',
        medium: 'image',
        width: 1200,
        height: 675,
        description: { value: image.caption, type: 'plain' },
        credits: [{ value: image.credit, role: 'photographer', scheme: 'urn:ebu' }],
      },
    ]);
    expect(first?.media?.thumbnails).toEqual([{ url: image.url, width: 1200, height: 675 }]);
    expect(second?.media).toBeUndefined();
    expect(parseWithRowanmanning(xml).items[0]?.media[0]?.mimeType).toBe('image/png');
  });

  it('writes the same media elements and an enclosure link with its length in Atom', () => {
    const xml = renderAtom(doc({ items }));
    expectWellFormed(xml, 'feed');
    const entry = parseAtomFeed(xml).entries?.[0];
    expect(entry?.links).toContainEqual({
      href: image.url,
      rel: 'enclosure',
      type: 'image/png',
      length: 123,
    });
    expect(entry?.media?.contents?.[0]?.credits?.[0]?.value).toBe(image.credit);
    expect(entry?.media?.thumbnails?.[0]).toEqual({ url: image.url, width: 1200, height: 675 });
  });

  it('tells sections from tags by their taxonomy (RSS domain, Atom scheme)', () => {
    const rss = parseRssFeed(renderRss(doc({ items }))).items?.[0];
    expect(rss?.categories).toEqual([
      { name: 'Politics', domain: 'https://news.example.com/categories/' },
      { name: 'Ottawa', domain: 'https://news.example.com/tags/' },
    ]);
    const atom = parseAtomFeed(renderAtom(doc({ items }))).entries?.[0];
    expect(atom?.categories?.map((c) => c.scheme)).toEqual([
      'https://news.example.com/categories/',
      'https://news.example.com/tags/',
    ]);
  });

  it('carries an excerpt’s summary only: no full text in RSS or Atom', () => {
    const rss = parseRssFeed(renderRss(doc({ items }))).items ?? [];
    expect([rss[0]?.content?.encoded, rss[1]?.content?.encoded]).toEqual([
      '<p>Body</p>',
      undefined,
    ]);
    expect(rss[1]?.description).toBe('Summary');
    const atom = parseAtomFeed(renderAtom(doc({ items }))).entries ?? [];
    expect([Boolean(atom[0]?.content), atom[1]?.content]).toEqual([true, undefined]);
  });
});
