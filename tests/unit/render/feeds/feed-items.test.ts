import { describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../../src/diagnostics.js';
import type { FeedDocument, FeedItem, ItemXml, KeptItems } from '../../../../src/model.js';
import { makeHtmlStore } from '../../../../src/pipeline/html-store.js';
import { renderAtom, renderRss } from '../../../../src/render/feeds/feed-adapter.js';
import {
  carriedItems,
  carriesContent,
  carryItems,
  FragmentStore,
  forgetItems,
  itemsXml,
  refuse,
  showsFullText,
} from '../../../../src/render/feeds/feed-items.js';
import { summaryKey } from '../../../../src/render/item-key.js';
import { removeHtmlStore, storeHtml } from '../../../../src/stored-html.js';
import { joinParts } from '../../../../src/text.js';
import { expectWellFormed, parseXml } from '../../../helpers/feeds.js';
import {
  feedsOf,
  makeItem,
  makePost,
  siteConfig,
  itemXml as xmlOf,
  xmlText,
} from '../../../helpers/model.js';
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
  return joinParts(itemsXml({ ...feed, items: [item] }, format, anyContent));
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
    expect(rss).toContain(joinParts(itemsXml(feed, 'rss')));
    expect(atom).toContain(joinParts(itemsXml(feed, 'atom')));
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

  it('puts a stored full text in as it was stored, the same in every document that shows it', () => {
    const dir = makeHtmlStore();
    try {
      for (const text of ['<p>Stored “text” ✓ 😀</p>', '<pre>]]&gt; </item> ]]></pre>']) {
        const lead = { html: '<figure>lead</figure>', unless: 'src="elsewhere"' };
        const after = '<aside>note</aside>';
        const held = makeItem({ contentHtml: `${lead.html}${text}${after}` });
        const body = storeHtml(dir, text);
        const stored = makeItem({ contentHtml: { body, lead, after } });
        for (const format of ['rss', 'atom'] as const) {
          const expected = itemXml(doc([held]), held, format);
          // The first document checks the text; the others put it in as stored.
          for (const feed of [doc([stored]), doc([stored], { title: 'Other' }), doc([stored])])
            expect(itemXml(feed, stored, format)).toBe(expected);
          // Once checked, the body goes in as the bytes stored, unless a `]]>` must be split.
          const bodies = itemsXml(doc([stored]), format).filter(
            (part) => typeof part !== 'string' && Buffer.from(part).toString() === text,
          );
          expect(bodies).toHaveLength(text.includes(']]>') ? 0 : 1);
        }
      }
    } finally {
      removeHtmlStore(dir);
    }
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

  it('refuses an item of a shape checked already that holds a character XML cannot carry', () => {
    forgetItems();
    const feed = doc([makeItem({ title: 'Fine' })]);
    itemXml(feed, makeItem({ title: 'Fine' }), 'rss');
    const bad = makeItem({ title: 'Not \uFFFE fine', url: 'https://news.example.com/b/' });
    const thrown = thrownBy(() => itemXml(feed, bad, 'rss'));
    expect((thrown as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-invalid',
      message: expect.stringContaining('U+FFFE'),
    });
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
    store.set(a, 'rss', xmlOf('1234'));
    store.set(a, 'atom', xmlOf('12', '34'));
    store.set(b, 'rss', xmlOf('xy'));
    expect(xmlText(store.get(a, 'rss'))).toEqual(['1234']);
    store.set(c, 'rss', xmlOf('abcd'));
    // 14 bytes: the oldest (a's RSS) goes; a's Atom (4) + b (2) + c (4) = 10 stay.
    expect(store.get(a, 'rss')).toBeUndefined();
    expect(xmlText(store.get(a, 'atom'))).toEqual(['12', '34']);
    expect(xmlText(store.get(b, 'rss'))).toEqual(['xy']);
    expect(xmlText(store.get(c, 'rss'))).toEqual(['abcd']);
    store.clear();
    expect(store.get(c, 'rss')).toBeUndefined();
  });

  it('forgets every item kept for documents when told a new site begins, giving the same XML', () => {
    const item = makeItem();
    const feed = doc([item]);
    const before = joinParts(itemsXml(feed, 'rss'));
    forgetItems();
    expect(joinParts(itemsXml(feed, 'rss'))).toEqual(before);
  });
});

/** Items as `carriedItems` gave them, each marked, so that taking one shows. */
function marked(items: Map<string, ItemXml>): () => Map<string, ItemXml> {
  return () =>
    new Map(
      [...items].map(([key, xml]) => {
        const [head = '', ...rest] = xmlText(xml) ?? [];
        return [key, xmlOf(...([`<!--kept-->${head}`, ...rest] as [string])) as ItemXml];
      }),
    );
}

/** `carriedItems(docs)`, which must be some. */
function kept(docs: FeedDocument[]): KeptItems {
  const items = carriedItems(docs);
  if (!items) throw new Error('no items carried');
  return items;
}

describe('items carried from one build to the next', () => {
  it('takes an earlier build’s item for an item that shows the same, and writes a changed one afresh', () => {
    forgetItems();
    carryItems();
    const item = makeItem({ categories: [{ name: 'Politics', slug: 'politics' }] });
    const feed = doc([item]);
    const rss = joinParts(itemsXml(feed, 'rss'));
    const atom = joinParts(itemsXml(feed, 'atom'));
    const first = kept([feed]).fresh;
    expect([...first.keys()].every((key) => key.startsWith(`${summaryKey(item)}\u0000`))).toBe(
      true,
    );
    expect(first.size).toBe(2);
    forgetItems();
    carryItems(marked(first));
    const again = { ...item }; // a new build's item: another object, the same story
    expect(joinParts(itemsXml(doc([again]), 'rss'))).toEqual(`<!--kept-->${rss}`);
    expect(joinParts(itemsXml(doc([again]), 'atom'))).toEqual(`<!--kept-->${atom}`);
    const retitled = { ...item, title: 'Retitled' };
    const fresh = joinParts(itemsXml(doc([retitled]), 'rss'));
    expect(fresh).not.toContain('<!--kept-->');
    expect(fresh).toContain('Retitled');
    // carriedItems ends the carrying: nothing is taken after it, nor kept.
    // Both taken, so kept by key.
    expect(kept([doc([again])])).toEqual({ earlier: [...first.keys()], fresh: new Map() });
    forgetItems();
    expect(joinParts(itemsXml(doc([{ ...item }]), 'rss'))).toEqual(rss);
    expect(carriedItems([doc([item])])).toBeUndefined();
  });

  it('reads the earlier items only once a feed document is rendered, and keeps none new when none was', () => {
    let asked = 0;
    carryItems(() => {
      asked++;
      return new Map();
    });
    expect(asked).toBe(0);
    expect(carriedItems([doc([makeItem()])])).toBeUndefined();
    carryItems(() => {
      asked++;
      return new Map();
    });
    const item = makeItem();
    itemsXml(doc([item]), 'rss');
    itemsXml(doc([item]), 'atom');
    expect(asked).toBe(1);
    expect(kept([doc([item])]).fresh.size).toBe(2);
    forgetItems();
  });

  it('notes the items of the documents a new story changes only, and outlives forgetItems', () => {
    forgetItems();
    carryItems();
    const [a, b] = [makeItem({ id: 'a', title: 'A' }), makeItem({ id: 'b', title: 'B' })];
    const full = doc([a], { archive: 1, history: { next: doc([]).urls } });
    const open = doc([b], { archive: 2, history: {} });
    itemsXml(full, 'rss');
    itemsXml(open, 'rss');
    forgetItems(); // as a thread does once it has staged a site's outputs
    const carried = kept([full, open]);
    expect([...carried.fresh.keys()].map((key) => key.split('\u0000')[0])).toEqual([summaryKey(b)]);
  });

  it('gives the same documents whether their items were taken or written', () => {
    forgetItems();
    carryItems();
    const items = [
      makeItem({ id: 'tag:x,2026:a', idIsUrl: false, title: 'A & <b>', image }),
      makeItem({ id: 'tag:x,2026:b', idIsUrl: false, contentHtml: '', excerpt: true }),
    ];
    const feed = doc(items);
    const written = [renderRss(feed), renderAtom(feed)];
    const first = kept([feed]).fresh;
    forgetItems();
    carryItems(() => first);
    const copy = doc(items.map((item) => ({ ...item })));
    expect([renderRss(copy), renderAtom(copy)]).toEqual(written);
    expect(kept([copy])).toEqual({ earlier: [...first.keys()], fresh: new Map() });
    forgetItems();
  });
});
