import { describe, expect, it } from 'vitest';
import { renderFeed } from '../../../src/render/feeds/render-feeds.js';
import { verifyJsonFeed, verifyOutputFile, verifyXml } from '../../../src/write/verify-output.js';
import { feedsOf, makePost, siteConfig } from '../../helpers/model.js';

const VERSION = 'https://jsonfeed.org/version/1.1';

/** A JSON Feed text with the given members on top of a minimal valid one. */
function jsonFeed(members: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: VERSION, title: 'T', items: [], ...members });
}

/** The three files of a real feed, as a build renders them. */
function realFeed() {
  const config = siteConfig();
  const [doc] = feedsOf([makePost({ title: 'A <b> & ]]> שלום' }, config)], config);
  if (!doc) throw new Error('no feed');
  return renderFeed(doc);
}

describe('verifyXml', () => {
  it('accepts well-formed XML, with or without a declaration and namespaces', () => {
    expect(verifyXml('<rss/>')).toBeUndefined();
    expect(
      verifyXml(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>',
      ),
    ).toBeUndefined();
    expect(verifyXml('<rss><![CDATA[a ]]]]><![CDATA[> b]]>&#x26;</rss>')).toBeUndefined();
  });

  it.each([
    [
      'a tag closed out of order',
      '<rss><a></rss>',
      'not well-formed XML: 1:14: unexpected close tag.',
    ],
    ['an empty document', '', 'not well-formed XML: 1:0: document must contain a root element.'],
    ['an HTML entity', '<rss>&nbsp;</rss>', 'not well-formed XML: 1:11: undefined entity.'],
    [
      'two roots',
      '<rss/><rss/>',
      'not well-formed XML: 1:11: documents may contain only one root.',
    ],
    ['text outside the root', 'text', 'not well-formed XML: 1:4: text data outside of root node.'],
    ['a control character', '<rss>\u0001</rss>', 'not well-formed XML: 1:6: disallowed character.'],
    ['an unbound prefix', '<a:b/>', 'not well-formed XML: 1:6: unbound namespace prefix: "a".'],
  ])('reports %s, with where the parser stopped', (_, xml, problem) => {
    expect(verifyXml(xml)).toBe(problem);
    expect(verifyXml(xml, 'rss')).toBe(problem);
  });

  it('reports a raw ampersand or a raw < in text', () => {
    expect(verifyXml('<rss>a & b</rss>')).toMatch(/^not well-formed XML: /);
    expect(verifyXml('<rss>a < b</rss>')).toMatch(/^not well-formed XML: /);
    expect(verifyXml('<rss a="<"/>')).toMatch(/^not well-formed XML: /);
  });

  it('reports a root element other than the expected one', () => {
    expect(verifyXml('<feed xmlns="http://www.w3.org/2005/Atom"/>', 'rss')).toBe(
      'root element is <feed>, expected <rss>',
    );
    expect(verifyXml('<x:rss xmlns:x="urn:x"/>', 'rss')).toBe(
      'root element is <x:rss>, expected <rss>',
    );
    expect(verifyXml('<rss/>', 'rss')).toBeUndefined();
  });

  it('accepts the feeds feedwright renders', () => {
    const [rss, atom] = realFeed();
    expect(verifyXml(rss?.content ?? '', 'rss')).toBeUndefined();
    expect(verifyXml(atom?.content ?? '', 'feed')).toBeUndefined();
  });
});

describe('verifyJsonFeed', () => {
  it('says what is wrong, never throws, with JSON that is not an object or an item that is not', () => {
    expect(verifyJsonFeed('null')).toBe('not a JSON object');
    expect(verifyJsonFeed('[1]')).toBe('not a JSON object');
    const feed = (items: unknown[]) =>
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items });
    expect(verifyJsonFeed(feed([null]))).toBe('items[0] is not an object');
    expect(verifyJsonFeed(feed(['x']))).toBe('items[0] is not an object');
  });

  it('accepts a minimal JSON Feed 1.1 and the feeds feedwright renders', () => {
    expect(verifyJsonFeed(jsonFeed())).toBeUndefined();
    expect(
      verifyJsonFeed(
        jsonFeed({
          items: [
            { id: 'a', content_html: '' },
            { id: 'b', content_text: 'x' },
          ],
        }),
      ),
    ).toBeUndefined();
    expect(verifyJsonFeed(realFeed()[2]?.content ?? '')).toBeUndefined();
  });

  it('reports text that is not JSON, with the parser’s message', () => {
    expect(verifyJsonFeed('')).toBe('not valid JSON: Unexpected end of JSON input');
    expect(verifyJsonFeed('{')).toMatch(/^not valid JSON: /);
  });

  it.each([
    ['no version', { version: undefined }],
    ['JSON Feed 1.0', { version: 'https://jsonfeed.org/version/1' }],
    ['a version with a trailing slash', { version: `${VERSION}/` }],
  ])('reports %s as not JSON Feed 1.1', (_, members) => {
    expect(verifyJsonFeed(jsonFeed(members))).toBe('version is not JSON Feed 1.1');
  });

  it('reports a JSON value that is not an object as such', () => {
    expect(verifyJsonFeed('[]')).toBe('not a JSON object');
    expect(verifyJsonFeed('"feed"')).toBe('not a JSON object');
  });

  it('reports a missing or non-string title', () => {
    expect(verifyJsonFeed(jsonFeed({ title: undefined }))).toBe('title is missing');
    expect(verifyJsonFeed(jsonFeed({ title: 42 }))).toBe('title is missing');
  });

  it('reports missing items', () => {
    expect(verifyJsonFeed(jsonFeed({ items: undefined }))).toBe('items is missing');
    expect(verifyJsonFeed(jsonFeed({ items: {} }))).toBe('items is missing');
  });

  it('reports an item without an id, or with an empty or non-string one, by index', () => {
    const ok = { id: 'a', content_html: '' };
    expect(verifyJsonFeed(jsonFeed({ items: [ok, { content_html: '' }] }))).toBe(
      'items[1].id is missing',
    );
    expect(verifyJsonFeed(jsonFeed({ items: [{ id: '', content_html: '' }] }))).toBe(
      'items[0].id is missing',
    );
    expect(verifyJsonFeed(jsonFeed({ items: [{ id: 7, content_html: '' }] }))).toBe(
      'items[0].id is missing',
    );
  });

  it('reports an item with neither content_html nor content_text, by index', () => {
    const items = [
      { id: 'a', content_text: '' },
      { id: 'b', content_html: null },
    ];
    expect(verifyJsonFeed(jsonFeed({ items }))).toBe(
      'items[1] has neither content_html nor content_text',
    );
  });

  it('reports the first problem only', () => {
    expect(verifyJsonFeed(JSON.stringify({ version: 'x' }))).toBe('version is not JSON Feed 1.1');
    expect(verifyJsonFeed(jsonFeed({ items: [{}, { id: 'b' }] }))).toBe('items[0].id is missing');
  });
});

describe('verifyOutputFile', () => {
  it('leaves alone a file checked as it was put together', () => {
    expect(verifyOutputFile({ path: 'rss.xml', content: '<rss>', checked: true })).toBeUndefined();
    expect(verifyOutputFile({ path: 'rss.xml', content: '<rss>' })).toMatch(/not well-formed/);
  });

  it('takes a file checked as it was put together as it is, without reading its content', () => {
    const file = {
      path: 'rss.xml',
      parts: ['<rss>'],
      checked: true as const,
      get content(): string {
        throw new Error('the content was read');
      },
    };
    expect(verifyOutputFile(file)).toBeUndefined();
    for (const rendered of realFeed())
      expect(verifyOutputFile({ ...rendered, checked: undefined })).toBeUndefined();
  });

  it('checks a file given in parts from its parts, without reading its content', () => {
    const inParts = (parts: string[]) => ({
      path: 'sitemap-2.xml',
      parts,
      get content(): string {
        throw new Error('the content was read');
      },
    });
    expect(verifyOutputFile(inParts(['<urlset>', '<url/>', '</urlset>\n']))).toBeUndefined();
    expect(verifyOutputFile(inParts(['<urlset>', '<url>', '</urlset>\n']))).toMatch(
      /^not well-formed XML: /,
    );
  });

  it('checks rss.xml and atom.xml for their own root elements, in any folder', () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"/>';
    expect(verifyOutputFile({ path: 'rss.xml', content: '<rss/>' })).toBeUndefined();
    expect(verifyOutputFile({ path: 'rss.xml', content: atom })).toBe(
      'root element is <feed>, expected <rss>',
    );
    expect(verifyOutputFile({ path: 'categories/x/atom.xml', content: atom })).toBeUndefined();
    expect(verifyOutputFile({ path: 'categories/x/atom.xml', content: '<rss/>' })).toBe(
      'root element is <rss>, expected <feed>',
    );
  });

  it('checks any other XML file for well-formedness only', () => {
    expect(verifyOutputFile({ path: 'sitemap.xml', content: '<urlset/>' })).toBeUndefined();
    expect(verifyOutputFile({ path: 'sitemap.xml', content: '<urlset>' })).toMatch(
      /^not well-formed XML: /,
    );
  });

  it('checks feed.json as a JSON Feed', () => {
    expect(verifyOutputFile({ path: 'feed.json', content: jsonFeed() })).toBeUndefined();
    expect(verifyOutputFile({ path: 'categories/x/feed.json', content: '{}' })).toBe(
      'version is not JSON Feed 1.1',
    );
  });

  it('accepts every file of a rendered feed', () => {
    for (const file of realFeed()) expect(verifyOutputFile(file), file.path).toBeUndefined();
  });

  it('ignores pages and other files that are not feeds', () => {
    for (const path of ['index.html', 'posts/a.html', 'robots.txt', 'style.css', 'xml', 'json']) {
      expect(verifyOutputFile({ path, content: '<not <well> formed' }), path).toBeUndefined();
    }
  });

  it('ignores copied bytes, whatever their name', () => {
    for (const path of ['rss.xml', 'atom.xml', 'feed.json']) {
      expect(verifyOutputFile({ path, content: Buffer.from('not a feed') }), path).toBeUndefined();
    }
  });
});
