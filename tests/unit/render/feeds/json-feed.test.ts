import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../../src/diagnostics.js';
import type { FeedDocument } from '../../../../src/model.js';
import { forgetItems } from '../../../../src/render/feeds/feed-items.js';
import {
  jsonFeedParts,
  renderJsonFeed,
  toJsonFeed,
} from '../../../../src/render/feeds/json-feed.js';
import { expectValidJsonFeed, parseJsonFeed } from '../../../helpers/feeds.js';
import { feedsOf, makeItem, makePost, siteConfig, siteOf } from '../../../helpers/model.js';
import { thrownBy } from '../../../helpers/thrown.js';

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
    const feed = toJsonFeed(
      doc({ items: [makeItem({ image: { url: 'https://x.org/a.jpg?w=1&h=2' } })] }),
    );
    expect(feed.items[0]?.image).toBe('https://x.org/a.jpg?w=1&h=2');
  });

  it('writes category names first, then tags, as one tags list', () => {
    const item = makeItem({
      categories: [
        { name: 'Politics', slug: 'politics' },
        { name: 'Économie', slug: 'economie' },
      ],
      tags: [
        { name: 'elections', slug: 'elections' },
        { name: 'Ottawa', slug: 'ottawa' },
      ],
    });
    expect(toJsonFeed(doc({ items: [item] })).items[0]?.tags).toEqual([
      'Politics',
      'Économie',
      'elections',
      'Ottawa',
    ]);
    const tagsOnly = makeItem({ tags: [{ name: 'solo', slug: 'solo' }] });
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
            tags: [{ name: 't', slug: 't' }],
            image: { url: 'https://x.org/a.png' },
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
            tags: [{ name: hostile, slug: 'h' }],
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

describe('next_url (paging back through the archives)', () => {
  const SITE = 'https://news.example.com/';
  const config = siteConfig({ limit: 2, archiveSize: 2 });
  /** P0 … P4: the site's archives hold [P1 P0], [P3 P2], [P4]; Odd's [P3 P1] and an empty one. */
  const site = siteOf(
    [4, 3, 2, 1, 0].map((i) =>
      makePost(
        {
          slug: `p${i}`,
          title: `P${i}`,
          date: new Date(Date.UTC(2026, 0, i + 1)),
          categories: i % 2 ? ['Odd'] : ['Even'],
        },
        config,
      ),
    ),
    config,
  );
  const byPath = new Map([...site.feeds, ...site.archives].map((doc) => [doc.paths.json, doc]));
  const feedAt = (path: string) => {
    const doc = byPath.get(path);
    if (!doc) throw new Error(`no feed at ${path}`);
    return readBack(doc);
  };

  it('points the subscription document at its newest archive that holds anything', () => {
    expect(feedAt('feed.json').next_url).toBe(`${SITE}archive/3/feed.json`);
    expect(feedAt('categories/even/feed.json').next_url).toBe(
      `${SITE}categories/even/archive/2/feed.json`,
    );
    // Odd's open archive (2) is empty, so its newest full archive comes next.
    expect(feedAt('categories/odd/feed.json').next_url).toBe(
      `${SITE}categories/odd/archive/1/feed.json`,
    );
  });

  it('points each archive at the next older one, and the oldest at none', () => {
    expect(feedAt('archive/3/feed.json').next_url).toBe(`${SITE}archive/2/feed.json`);
    expect(feedAt('archive/2/feed.json').next_url).toBe(`${SITE}archive/1/feed.json`);
    expect(feedAt('archive/1/feed.json')).not.toHaveProperty('next_url');
    expect(feedAt('categories/odd/archive/2/feed.json').next_url).toBe(
      `${SITE}categories/odd/archive/1/feed.json`,
    );
    expect(feedAt('archive/2/feed.json').feed_url).toBe(`${SITE}archive/2/feed.json`);
  });

  it('writes no next_url for a feed without history', () => {
    expect(toJsonFeed(doc({ history: undefined }))).not.toHaveProperty('next_url');
    expect(readBack(siteOf([], config).feeds[0] as FeedDocument)).not.toHaveProperty('next_url');
  });

  it('is read back by feedsmith', () => {
    const feed = parseJsonFeed(renderJsonFeed(byPath.get('archive/2/feed.json') as FeedDocument));
    expect(feed.next_url).toBe(`${SITE}archive/1/feed.json`);
    expect(feed.title).toBe('Test News — archive 2');
    expect(feed.items?.map((item) => item.title)).toEqual(['P3', 'P2']);
  });

  it('gives an archive of excerpts each story’s summary as its text, and no HTML', () => {
    expect(config.archiveContent).toBe('summary');
    const feed = feedAt('archive/2/feed.json');
    expect(feed.items.map((item) => [item.content_text, item.summary, item.url])).toEqual([
      ['Body.', 'Body.', `${SITE}posts/p3/`],
      ['Body.', 'Body.', `${SITE}posts/p2/`],
    ]);
    for (const item of feed.items) expect(item).not.toHaveProperty('content_html');
    expect(feedAt('feed.json').items.map((item) => item.content_html)).toEqual([
      '<p>Body.</p>',
      '<p>Body.</p>',
    ]);
  });

  it('gives an archive of full text each story’s HTML', () => {
    const full = siteConfig({ limit: 2, archiveSize: 2, archiveContent: 'full' });
    const archive = siteOf([makePost({ slug: 'x', body: 'The *whole* story.\n' }, full)], full)
      .archives[0];
    if (!archive) throw new Error('no archive');
    const feed = readBack(archive);
    expect(feed.items.map((item) => [item.content_html, item.summary])).toEqual([
      ['<p>The <em>whole</em> story.</p>', 'The whole story.'],
    ]);
    expect(feed.items[0]).not.toHaveProperty('content_text');
  });

  it('reaches every story of a feed, following next_url from its subscription document', () => {
    for (const start of ['feed.json', 'categories/even/feed.json', 'categories/odd/feed.json']) {
      const titles: string[] = [];
      let next: string | undefined = `${SITE}${start}`;
      for (let hops = 0; next && hops < 10; hops++) {
        const feed = feedAt(next.slice(SITE.length));
        titles.push(...feed.items.map((item) => String(item.title)));
        next = feed.next_url as string | undefined;
      }
      expect(next, start).toBeUndefined();
      const listing = site.listings.find((l) => l.feed.paths.json === start);
      expect([...new Set(titles)].sort(), start).toEqual(
        listing?.items.map((item) => item.title).sort(),
      );
    }
  });
});

describe('toJsonFeed: images, bylines and excerpts', () => {
  it('gives the lead image’s URL, a byline’s portrait as avatar, an excerpt as text only', () => {
    const items = [
      makeItem({
        image: { url: 'https://x.org/a.png', credit: 'AP', width: 9, height: 9 },
        authors: [{ name: 'Jane', key: 'jane', image: 'https://x.org/jane.jpg' }],
      }),
      makeItem({ id: 'https://x.org/b', excerpt: true }),
    ];
    const text = renderJsonFeed(doc({ items }));
    expectValidJsonFeed(text);
    const [first, second] = toJsonFeed(doc({ items })).items;
    expect(first?.image).toBe('https://x.org/a.png');
    expect(first?.authors).toEqual([{ name: 'Jane', avatar: 'https://x.org/jane.jpg' }]);
    expect([second?.content_html, second?.content_text]).toEqual([undefined, 'Summary']);
  });
});

describe('renderJsonFeed, checked as it is made', () => {
  it('refuses (a feedwright bug) a feed missing a member JSON Feed 1.1 requires, naming its file', () => {
    const thrown = thrownBy(() => renderJsonFeed(doc({ items: [makeItem({ id: '' })] })));
    expect(thrown).toBeInstanceOf(FeedwrightError);
    expect((thrown as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-invalid',
      file: 'feed.json',
      message: 'the JSON Feed of feed.json: items[0].id is missing',
    });
  });
});

describe('jsonFeedParts', () => {
  // Text as validation leaves it, with what JSON escapes and what it leaves raw (U+2028).
  const text = fc
    .array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 4 }),
        fc.constantFrom('"', '\\', '\n', '\t', '\u2028', '😀', '</script>', ']'),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join('').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
  const item = fc
    .record({
      title: text,
      summary: fc.oneof(fc.constant(''), text),
      contentHtml: fc.oneof(fc.constant(''), text),
      excerpt: fc.option(fc.constant(true as const), { nil: undefined }),
      tags: fc.array(
        text.map((name) => ({ name, slug: 'x' })),
        { maxLength: 3 },
      ),
      image: fc.option(fc.constant({ url: 'https://news.example.com/a.jpg', alt: '', title: '' }), {
        nil: undefined,
      }),
    })
    .map(({ excerpt, image, ...fields }) =>
      makeItem({ ...fields, ...(excerpt ? { excerpt } : {}), ...(image ? { image } : {}) }),
    );

  it('writes exactly what JSON.stringify writes for the whole feed, items kept or not', () => {
    forgetItems();
    fc.assert(
      fc.property(fc.array(item, { maxLength: 4 }), fc.boolean(), (items, excerpts) => {
        const feed = doc({ items, ...(excerpts ? { excerpts: true } : {}) });
        const whole = `${JSON.stringify(toJsonFeed(feed), null, 2)}\n`;
        expect(jsonFeedParts(feed).join('')).toBe(whole);
        // Again, every item now taken from what this thread kept of it.
        expect(jsonFeedParts(feed).join('')).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('writes an item once for every document that shows it in the same form', () => {
    forgetItems();
    let reads = 0;
    const shared = makeItem({ title: 'Shared' });
    Object.defineProperty(shared, 'title', {
      get: () => {
        reads++;
        return 'Shared';
      },
    });
    const other = makeItem({ id: 'https://news.example.com/other/', title: 'Other' });
    const site = doc({ items: [shared, other] });
    const section = doc({ items: [shared], paths: { ...site.paths, json: 'section/feed.json' } });
    jsonFeedParts(site);
    jsonFeedParts(section);
    expect(reads).toBe(1);
    // An archive of excerpts shows it in another form: written again.
    jsonFeedParts(doc({ items: [shared], excerpts: true }));
    expect(reads).toBe(2);
    forgetItems();
    jsonFeedParts(section);
    expect(reads).toBe(3);
  });

  it('checks an item when it writes it, naming its place in the document', () => {
    forgetItems();
    const bad = makeItem({ id: '' });
    const thrown = thrownBy(() => jsonFeedParts(doc({ items: [makeItem(), bad] })));
    expect((thrown as FeedwrightError).diagnostics[0]).toMatchObject({
      message: 'the JSON Feed of feed.json: items[1].id is missing',
    });
  });
});
