import { parseOpml } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { OPML_FILE, renderOpml } from '../../../../src/render/site-files/opml.js';
import { expectWellFormedAs } from '../../../helpers/feeds.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

const config = siteConfig({ title: 'News & <Views>' });
const site = siteOf(
  [
    makePost(
      {
        slug: 'a',
        categories: ['Politics'],
        authors: [{ name: 'Jane "J" Doe' }],
        tags: ['Ottawa'],
      },
      config,
    ),
    makePost(
      { slug: 'b', date: new Date('2026-04-01T00:00:00Z'), categories: ['Economy'] },
      config,
    ),
  ],
  config,
);

describe('renderOpml', () => {
  const text = renderOpml(site);

  it('is OPML 2.0 that feedsmith reads back: the site feed, then every feed grouped by kind', () => {
    expectWellFormedAs(text, 'opml');
    const opml = parseOpml(text);
    expect(opml.head?.title).toBe('News & <Views>: every feed');
    const outlines = opml.body?.outlines ?? [];
    expect(outlines.map((o) => o.text)).toEqual(['News & <Views>', 'Sections', 'Authors', 'Tags']);
    expect(outlines[0]).toMatchObject({
      type: 'rss',
      xmlUrl: 'https://news.example.com/rss.xml',
      htmlUrl: 'https://news.example.com/',
    });
    const inside = (i: number) => outlines[i]?.outlines?.map((o) => [o.text, o.xmlUrl, o.htmlUrl]);
    expect(inside(1)).toEqual([
      [
        'Economy',
        'https://news.example.com/categories/economy/rss.xml',
        'https://news.example.com/categories/economy/',
      ],
      [
        'Politics',
        'https://news.example.com/categories/politics/rss.xml',
        'https://news.example.com/categories/politics/',
      ],
    ]);
    expect(inside(2)).toEqual([
      [
        'Jane "J" Doe',
        'https://news.example.com/authors/jane-j-doe/rss.xml',
        'https://news.example.com/authors/jane-j-doe/',
      ],
    ]);
    expect(inside(3)?.map((row) => row[0])).toEqual(['Ottawa']);
  });

  it('lists every subscription feed the build writes, once', () => {
    const listed = text.match(/xmlUrl="[^"]+"/g) ?? [];
    expect(listed).toHaveLength(site.feeds.length);
  });

  it('dates itself by the newest feed, never the clock', () => {
    expect(renderOpml(site)).toBe(text);
    expect(parseOpml(text).head?.dateModified).toBe(site.feeds[0]?.updated.toUTCString());
  });

  it('lives at feeds.opml', () => {
    expect(OPML_FILE).toBe('feeds.opml');
  });
});

describe('renderOpml for a site in several languages', () => {
  const bilingual = siteConfig({ language: undefined, languages: ['en-CA', 'fr-CA'] });
  const two = siteOf(
    [
      makePost({ slug: 'f', language: 'fr-CA', categories: ['Politique'] }, bilingual),
      makePost({ slug: 'e', language: 'en-CA', categories: ['Politics'] }, bilingual),
    ],
    bilingual,
  );

  it('has an outline per language, named in it, holding its site feed and its groups', () => {
    const text = renderOpml(two);
    expectWellFormedAs(text, 'opml');
    const groups = parseOpml(text).body?.outlines ?? [];
    expect(groups.map((g) => [g.text, g.outlines?.map((o) => o.xmlUrl ?? o.text)])).toEqual([
      ['English', ['https://news.example.com/rss.xml', 'Sections']],
      ['Français', ['https://news.example.com/fr/rss.xml', 'Sections']],
    ]);
    const french = groups[1]?.outlines?.[1]?.outlines?.map((o) => [o.xmlUrl, o.language]);
    expect(french).toEqual([['https://news.example.com/fr/categories/politique/rss.xml', 'fr-CA']]);
  });
});
