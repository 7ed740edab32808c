import { describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../../src/diagnostics.js';
import type { FeedDocument, FeedItem } from '../../../../src/model.js';
import { renderAtom, renderRss } from '../../../../src/render/feeds/feed-adapter.js';
import {
  carriesContent,
  FragmentStore,
  forgetItems,
  itemsXml,
  refuse,
  showsFullText,
} from '../../../../src/render/feeds/feed-items.js';
import { expectWellFormed, parseXml } from '../../../helpers/feeds.js';
import { feedsOf, makeItem, makePost, siteConfig } from '../../../helpers/model.js';
import { thrownBy } from '../../../helpers/thrown.js';

function doc(items: FeedItem[], overrides: Partial<FeedDocument> = {}): FeedDocument {
  const base = feedsOf([makePost()], siteConfig())[0];
  if (!base) throw new Error('no feed');
  return { ...base, items, ...overrides };
}

const image = {
  url: 'https://news.example.com/images/a.jpg',
  alt: 'A & B',
  credit: 'Photo <desk>',
  width: 1200,
  height: 800,
  length: 1234,
  type: 'image/jpeg',
};

/** The XML of `item` as the first item of `feed`'s items. */
function itemXml(feed: FeedDocument, item: FeedItem, format: 'rss' | 'atom', anyContent?: boolean) {
  return itemsXml({ ...feed, items: [item] }, format, anyContent)[0] as string;
}

describe('itemsXml', () => {
  it('is the item exactly as it stands in the documents that show it, in both formats', () => {
    const a = makeItem({ title: 'A & <b>', categories: [{ name: 'Politics', slug: 'politics' }] });
    const b = makeItem({
      id: 'tag:x,2026:b',
      idIsUrl: false,
      url: 'https://news.example.com/b/',
      image,
    });
    const feed = doc([a, b]);
    const rss = renderRss(feed);
    const atom = renderAtom(feed);
    expect(rss).toContain(itemsXml(feed, 'rss').join(''));
    expect(atom).toContain(itemsXml(feed, 'atom').join(''));
    for (const item of [a, b]) {
      expect(rss).toContain(itemXml(feed, item, 'rss'));
      expect(atom).toContain(itemXml(feed, item, 'atom'));
    }
    expect(itemXml(feed, a, 'rss').startsWith('\n        <item>')).toBe(true);
    expect(itemXml(feed, b, 'atom')).toMatch(
      /^\n {4}<entry>[\s\S]*<media:thumbnail [^>]*\/>\n {4}<\/entry>$/,
    );
  });

  it('puts the full text in its place each time, whatever it holds', () => {
    const tricky = '<pre>]]&gt; </item></entry> ]]></pre>';
    const item = makeItem({ contentHtml: tricky });
    const feed = doc([item]);
    for (const [render, root] of [
      [renderRss, 'rss'],
      [renderAtom, 'feed'],
    ] as const) {
      const xml = render(feed);
      expectWellFormed(xml, root);
    }
    // A `]]>` splits the CDATA section in two: the parts read back as the text.
    const joined = (node: { '#cdata': string[] }) => node['#cdata'].join('');
    expect(joined(parseXml(renderRss(feed)).rss.channel.item[0]['content:encoded'])).toBe(tricky);
    expect(joined(parseXml(renderAtom(feed)).feed.entry[0].content)).toBe(tricky);
    // Another item of the same form but other text is not given the first one's.
    const other = makeItem({ contentHtml: '<p>Other</p>' });
    expect(itemXml(feed, other, 'rss')).toContain('<![CDATA[<p>Other</p>]]>');
  });

  it('writes the item as each document needs it: without its text in an archive of excerpts, with dc declared where the document does not', () => {
    const item = makeItem();
    const full = doc([item]);
    const excerpts = doc([item], { excerpts: true });
    expect(carriesContent(full, item)).toBe(true);
    expect(carriesContent(excerpts, item)).toBe(false);
    expect(itemXml(full, item, 'rss')).toContain('content:encoded');
    expect(itemXml(excerpts, item, 'rss')).not.toContain('content:encoded');
    expect(itemXml(excerpts, item, 'rss', false)).toContain(
      '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Desk</dc:creator>',
    );
    expect(itemXml(full, item, 'rss', true)).toContain('<dc:creator>Desk</dc:creator>');
    const french = doc([item], { siteUrl: 'https://news.example.com/fr/' });
    expect(
      itemXml(french, makeItem({ categories: [{ name: 'Régions', slug: 'regions' }] }), 'atom'),
    ).toContain('scheme="https://news.example.com/fr/categories/"');
  });

  it('refuses (a feedwright bug) a part that is not well-formed, naming its file', () => {
    expect(() => refuse(undefined, 'rss.xml', 'an item')).not.toThrow();
    const thrown = thrownBy(() =>
      refuse('not well-formed XML: 1:5: oops', 'categories/a/rss.xml', 'an item'),
    );
    expect(thrown).toBeInstanceOf(FeedwrightError);
    expect((thrown as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-invalid',
      file: 'categories/a/rss.xml',
      message: 'an item of categories/a/rss.xml: not well-formed XML: 1:5: oops',
    });
  });
});

describe('showsFullText and carriesContent', () => {
  it('show the full text except in an archive of excerpts or for `feed: summary`; carry it only once rendered', () => {
    const item = makeItem({ contentHtml: '<p>Body</p>' });
    const cases: [FeedDocument, FeedItem, boolean][] = [
      [doc([item]), item, true],
      [doc([item], { excerpts: true }), item, false],
      [doc([item]), { ...item, excerpt: true }, false],
    ];
    for (const [document, shown, expected] of cases) {
      expect(showsFullText(document, shown)).toBe(expected);
      expect(carriesContent(document, shown)).toBe(expected);
    }
    const pending = { ...item, contentHtml: '', pending: true as const };
    expect(showsFullText(doc([pending]), pending)).toBe(true);
    expect(carriesContent(doc([pending]), pending)).toBe(false);
  });
});

describe('FragmentStore', () => {
  it('keeps the latest fragments up to its budget, forgetting the oldest first', () => {
    const store = new FragmentStore(10);
    const [a, b, c] = [makeItem({ id: 'a' }), makeItem({ id: 'b' }), makeItem({ id: 'c' })];
    store.set(a, 'rss', ['1234']);
    store.set(a, 'atom', ['12', '34']);
    store.set(b, 'rss', ['xy']);
    expect(store.get(a, 'rss')).toEqual(['1234']);
    store.set(c, 'rss', ['abcd']);
    // 14 characters: the oldest (a's RSS) goes; a's Atom (4) + b (2) + c (4) = 10 stay.
    expect(store.get(a, 'rss')).toBeUndefined();
    expect(store.get(a, 'atom')).toEqual(['12', '34']);
    expect(store.get(b, 'rss')).toEqual(['xy']);
    expect(store.get(c, 'rss')).toEqual(['abcd']);
    store.clear();
    expect(store.get(c, 'rss')).toBeUndefined();
  });

  it('forgets every item kept for documents when told a new site begins, giving the same XML', () => {
    const item = makeItem();
    const feed = doc([item]);
    const before = itemsXml(feed, 'rss');
    forgetItems();
    expect(itemsXml(feed, 'rss')).toEqual(before);
  });
});
