import fc from 'fast-check';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import type { FeedDocument, FeedItem, ItemText } from '../../../../src/model.js';
import { carriesContent, entryWriter } from '../../../../src/render/feeds/feed-items.js';
import {
  type EntryWriter,
  forgetTemplates,
  type ItemFormat,
  shapeOf,
  writeItem,
} from '../../../../src/render/feeds/item-templates.js';
import { TextTokens } from '../../../../src/render/feeds/text-tokens.js';
import { feedsOf, makeItem, makePost, siteConfig } from '../../../helpers/model.js';

function doc(overrides: Partial<FeedDocument> = {}): FeedDocument {
  const base = feedsOf([makePost()], siteConfig())[0];
  if (!base) throw new Error('no feed');
  return { ...base, ...overrides };
}

/** The item as `feed` writes it with its own values: one document of its own, cut out of it. */
function direct(item: FeedItem, format: ItemFormat, write: EntryWriter): ItemText {
  const t = new TextTokens();
  const site = 'https://news.example.com/';
  const feed = new Feed({ id: site, title: '', link: site, copyright: '', updated: new Date(0) });
  const { entry, content } = write(item, t);
  feed.addItem(entry);
  const xml = format === 'rss' ? feed.rss2() : feed.atom1();
  const [open, close] =
    format === 'rss' ? ['\n        <item>', '</item>'] : ['\n    <entry>', '</entry>'];
  const from = xml.indexOf(open);
  const element = xml.slice(from, xml.indexOf(close, from) + close.length);
  if (!content) return [t.resolve(element)];
  const [before = '', after = ''] = element.split(`<![CDATA[${content}]]>`);
  return [t.resolve(before), t.resolve(after)];
}

/** The form `itemsXml` names an item of `document` by. */
function formOf(document: FeedDocument, item: FeedItem, format: ItemFormat, anyContent: boolean) {
  return `${format}\u0000${anyContent}\u0000${document.siteUrl}\u0000${carriesContent(document, item)}`;
}

// Text as validation leaves it (no C0 control but tab, line feed and carriage return), with
// what XML, xml-js and `feed` treat specially, so every escaping is crossed.
const hostile = fc.constantFrom(
  '&',
  '&amp;',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '\t',
  '\n',
  '\r',
  'é',
  '😀',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), hostile), { maxLength: 6 })
  .map((parts) => parts.join('').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://news.example.com/a?x=1&y=2',
    'https://news.example.com/a?x=&amp;',
    "https://news.example.com/it's/",
    'https://news.example.com/a"b<c>/',
    'https://NEWS.example.com:443/%7Eb/../c',
  ),
);
const person = fc.record({ name: text, email: fc.emailAddress(), url }, { requiredKeys: ['name'] });
const category = text.map((name) => ({ name, slug: 'x' }));
const item = fc
  .record({
    title: text,
    url,
    id: fc.oneof(url, fc.constantFrom('tag:news.example.com,2026:a&b', 'urn:uuid:1<2>"3"')),
    idIsUrl: fc.boolean(),
    summary: fc.oneof(fc.constant(''), text),
    contentHtml: fc.oneof(fc.constant(''), text),
    excerpt: fc.option(fc.constant(true as const), { nil: undefined }),
    categories: fc.array(category, { maxLength: 2 }),
    tags: fc.array(category, { maxLength: 4 }),
    authors: fc.array(person, { minLength: 1, maxLength: 2 }),
    published: fc.date({
      min: new Date('1970-01-01'),
      max: new Date('2100-01-01'),
      noInvalidDate: true,
    }),
    modified: fc.date({
      min: new Date('1970-01-01'),
      max: new Date('2100-01-01'),
      noInvalidDate: true,
    }),
  })
  .map(({ excerpt, ...fields }) => makeItem({ ...fields, ...(excerpt ? { excerpt } : {}) }));

describe('writeItem', () => {
  it('gives every item exactly what `feed` writes with its own values, from a template another item of its shape made', () => {
    forgetTemplates();
    const documents = [
      doc(),
      doc({ excerpts: true }),
      doc({ siteUrl: 'https://news.example.com/fr/' }),
    ];
    fc.assert(
      fc.property(
        item,
        fc.constantFrom(...documents),
        fc.constantFrom<ItemFormat>('rss', 'atom'),
        fc.boolean(),
        (one, document, format, anyContent) => {
          const write = entryWriter(document, format, anyContent);
          const form = formOf(document, one, format, anyContent);
          expect(writeItem(one, format, form, write).xml).toEqual(direct(one, format, write));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('names the template of an item by its form and shape', () => {
    const write = entryWriter(doc(), 'rss', true);
    const a = makeItem({ title: 'A' });
    const b = makeItem({ title: 'B & C', url: 'https://news.example.com/b/' });
    const tagged = makeItem({ tags: [{ name: 'x', slug: 'x' }] });
    expect(shapeOf(a)).toBe(shapeOf(b));
    expect(shapeOf(a)).not.toBe(shapeOf(tagged));
    expect(writeItem(a, 'rss', 'f', write).template).toBe(writeItem(b, 'rss', 'f', write).template);
    expect(writeItem(a, 'rss', 'f', write).template).not.toBe(
      writeItem(a, 'rss', 'g', write).template,
    );
    expect(writeItem(tagged, 'rss', 'f', write).template).not.toBe(
      writeItem(a, 'rss', 'f', write).template,
    );
  });

  it('refuses (a bug) an item whose entry takes other texts than its template', () => {
    forgetTemplates();
    // A writer that decides on something the shape does not hold: the title's length.
    const write: EntryWriter = (one, t) => ({
      entry: {
        title: t.text(one.title),
        link: one.url,
        date: one.modified,
        ...(one.title.length > 3 ? { description: t.html(one.title) } : {}),
      },
    });
    writeItem(makeItem({ title: 'A' }), 'rss', 'f', write);
    expect(() => writeItem(makeItem({ title: 'Longer' }), 'rss', 'f', write)).toThrow(
      "a.md does not take its shape's template",
    );
    // And one that lacks a text its template has.
    writeItem(
      makeItem({ title: 'Longest', url: 'https://news.example.com/b/' }),
      'rss',
      'g',
      write,
    );
    expect(() => writeItem(makeItem({ title: 'B' }), 'rss', 'g', write)).toThrow(
      'no text token at description',
    );
  });
});
