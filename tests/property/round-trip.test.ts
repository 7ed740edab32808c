import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateConfig } from '../../src/config/validate-config.js';
import { selectPublished } from '../../src/derive/select.js';
import { parseFrontMatter } from '../../src/load/front-matter.js';
import type { SiteConfig } from '../../src/model.js';
import { renderFeeds } from '../../src/render/feeds/render-feeds.js';
import { collapseWhitespace, stripXmlForbidden } from '../../src/text.js';
import { validatePost } from '../../src/validate/validate-post.js';
import {
  decodeHtmlText,
  expectValidJsonFeed,
  expectWellFormed,
  parseAtomFeed,
  parseRssFeed,
  parseXml,
  textOf,
} from '../helpers/feeds.js';
import { feedsOf } from '../helpers/model.js';
import { makeConfig } from '../helpers/site.js';

/** `npm test` runs a few thousand cases; `npm run fuzz` sets FEEDWRIGHT_FUZZ_RUNS=100000. */
const RUNS = Number(process.env.FEEDWRIGHT_FUZZ_RUNS ?? 1500);
/** Generous: the fuzz run takes minutes, not the 30 s a normal test gets. */
const TIMEOUT = 30_000 + RUNS * 20;

const config = (() => {
  const result = validateConfig(makeConfig(), 'config');
  if (!result.ok) throw new Error('test config is invalid');
  return result.config as SiteConfig;
})();

// Pieces that have broken feed writers: CDATA ends, markup, entities, forbidden characters.
const hostilePiece = fc.constantFrom(
  ']]>',
  '<![CDATA[',
  '<b>',
  '</item>',
  '&',
  '&amp;',
  '&lt;',
  '&#x1;',
  '&nbsp;',
  '"',
  "'",
  '\u0000',
  '\u0008',
  '\u001b',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\r\n',
  '\t',
  '\u00A0',
  '\u200F',
  'é',
  '👩🏽‍💻',
  'مرحبا',
  '\u0001',
  '\u0002',
);
const hostileText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), hostilePiece), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** What the feeds must say for a written value: XML-forbidden characters gone, ASCII runs collapsed. */
const expected = (text: string) => collapseWhitespace(stripXmlForbidden(text).text);
const usable = (text: string) => expected(text).trim() !== '';

function buildOne(fields: {
  title: string;
  summary: string;
  category: string;
  author: string;
  body: string;
}) {
  const validation = validatePost(
    {
      data: {
        title: fields.title,
        date: '2026-01-01 10:00',
        summary: fields.summary,
        categories: [fields.category],
        author: { name: fields.author },
      },
      locations: new Map(),
      body: fields.body,
      bodyLine: 8,
    },
    'fuzz.md',
    'posts/fuzz.md',
    config,
  );
  if (!validation.post) throw new Error(JSON.stringify(validation.diagnostics));
  const post = { ...validation.post, body: fields.body };
  const feeds = feedsOf(selectPublished([post], { now: new Date('2027-01-01') }), config);
  return renderFeeds(feeds);
}

describe('property: any text in any field gives well-formed feeds that read back exactly', () => {
  it(
    'title, summary, category and author survive every format',
    () => {
      fc.assert(
        fc.property(
          fc.record({
            title: hostileText,
            summary: hostileText,
            category: hostileText,
            author: hostileText,
            body: hostileText,
          }),
          (fields) => {
            fc.pre(
              usable(fields.title) &&
                usable(fields.summary) &&
                usable(fields.category) &&
                usable(fields.author),
            );
            const files = buildOne(fields);
            const want = {
              title: expected(fields.title),
              summary: expected(fields.summary),
              category: expected(fields.category),
              author: expected(fields.author),
            };
            // fast-xml-parser (set to keep everything) must read back the exact text; feedsmith,
            // a feed reader, trims what it shows, so it is compared trimmed.
            const trim = (v: string | undefined) => v?.trim();
            for (const file of files) {
              if (file.path.endsWith('rss.xml')) {
                expectWellFormed(file.content, 'rss');
                const item = parseXml(file.content).rss.channel.item[0];
                expect(textOf(item.title)).toBe(want.title);
                expect(decodeHtmlText(textOf(item.description))).toBe(want.summary);
                expect(textOf(item.category[0])).toBe(want.category);
                expect(textOf(item['dc:creator'][0])).toBe(want.author);
                const read = parseRssFeed(file.content).items?.[0];
                expect(trim(read?.title)).toBe(want.title.trim());
                expect(trim(read?.categories?.[0]?.name)).toBe(want.category.trim());
              } else if (file.path.endsWith('atom.xml')) {
                expectWellFormed(file.content, 'feed');
                const entry = parseXml(file.content).feed.entry[0];
                expect(textOf(entry.title)).toBe(want.title);
                expect(entry.title['@type']).toBe('text');
                expect(textOf(entry.summary)).toBe(want.summary);
                expect(entry.category[0]['@term']).toBe(want.category);
                expect(entry.category[0]['@label']).toBe(want.category);
                expect(textOf(entry.author[0].name)).toBe(want.author);
                const read = parseAtomFeed(file.content).entries?.[0];
                expect(trim(read?.title?.value)).toBe(want.title.trim());
                expect(trim(read?.authors?.[0]?.name)).toBe(want.author.trim());
              } else {
                expectValidJsonFeed(file.content);
                const item = JSON.parse(file.content).items[0];
                expect(item.title).toBe(want.title);
                expect(item.summary).toBe(want.summary);
                expect(item.tags).toEqual([want.category]);
                expect(item.authors).toEqual([{ name: want.author }]);
              }
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'the rendered body is identical in RSS, Atom and JSON Feed',
    () => {
      fc.assert(
        fc.property(hostileText, (body) => {
          const files = buildOne({ title: 't', summary: 's', category: 'c', author: 'a', body });
          const site = files.slice(0, 3);
          const [rss, atom, json] = site.map((f) => f.content) as [string, string, string];
          const html = JSON.parse(json).items[0].content_html;
          expect(stripXmlForbidden(html).removed).toBe(0);
          expect(parseRssFeed(rss).items?.[0]?.content?.encoded ?? '').toBe(html);
          expect(parseAtomFeed(atom).entries?.[0]?.content?.value ?? '').toBe(html);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'front matter written by a YAML library reads back to the same strings',
    () => {
      // A file holds UTF-8, which cannot hold an unpaired surrogate: those are not written.
      const fileText = fc.string({ unit: 'grapheme', maxLength: 40 });
      fc.assert(
        fc.property(fileText, fileText, (title, summary) => {
          const text = `---\n${stringify({ title, summary, date: '2026-01-01' })}---\nbody\n`;
          const parsed = parseFrontMatter(text, 'x.md');
          expect(parsed.ok).toBe(true);
          if (parsed.ok) {
            expect(parsed.frontMatter.data.title).toBe(title);
            expect(parsed.frontMatter.data.summary).toBe(summary);
            expect(parsed.frontMatter.body).toBe('body\n');
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
