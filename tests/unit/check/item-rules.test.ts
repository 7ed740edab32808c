import { describe, expect, it } from 'vitest';
import { type ItemContext, isItemCheck, itemProblem } from '../../../src/check/item-rules.js';
import type { BuiltItem } from '../../../src/check/parse-feed.js';
import { primarySubtag } from '../../../src/text.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const context: ItemContext = { now: NOW, language: 'en-CA' };
const LINK = 'https://x.org/posts/a/';

function item(overrides: Partial<BuiltItem> = {}): BuiltItem {
  return {
    id: LINK,
    title: 'A title that is long enough',
    link: LINK,
    description: 'Summary.',
    contentHtml: '<p>Body.</p>',
    published: new Date('2026-05-01T09:00:00Z'),
    languages: [],
    images: [],
    ...overrides,
  };
}

describe('isItemCheck', () => {
  it('is true for the checks about one item', () => {
    expect(isItemCheck({ kind: 'title-length', max: 1 })).toBe(true);
    expect(isItemCheck({ kind: 'https' })).toBe(true);
    expect(isItemCheck({ kind: 'feed-size', maxBytes: 1 })).toBe(false);
    expect(isItemCheck({ kind: 'image', from: ['media'] })).toBe(false);
  });
});

describe('itemProblem', () => {
  it('title-length: counts characters, not UTF-16 units, against both limits', () => {
    const check = { kind: 'title-length', min: 20, max: 30 } as const;
    expect(itemProblem(check, item({ title: '🎉'.repeat(30) }), context)).toBeUndefined();
    expect(itemProblem(check, item({ title: 'x'.repeat(31) }), context)).toBe(
      'the title is 31 characters, limit 30 — shorten it',
    );
    expect(itemProblem(check, item({ title: 'Short' }), context)).toBe(
      'the title is 5 characters, at least 20 wanted — make it more descriptive',
    );
  });

  it('description-length: short, and missing', () => {
    const check = { kind: 'description-length', min: 300 } as const;
    expect(itemProblem(check, item({ description: 'x'.repeat(300) }), context)).toBeUndefined();
    expect(itemProblem(check, item(), context)).toBe(
      'its description is 8 characters, at least 300 wanted — write a "summary" of 300 characters or more in its front matter',
    );
    expect(itemProblem(check, item({ description: undefined }), context)).toMatch(
      /^it has no description, at least 300 wanted/,
    );
  });

  it('full-text: an item carried as its summary only', () => {
    expect(itemProblem({ kind: 'full-text' }, item(), context)).toBeUndefined();
    expect(itemProblem({ kind: 'full-text' }, item({ contentHtml: undefined }), context)).toBe(
      'the feed carries only its summary, not its full text — remove "feed: summary" from its front matter',
    );
  });

  it('article-size: UTF-8 bytes of the full text', () => {
    const check = { kind: 'article-size', maxBytes: 10 } as const;
    expect(itemProblem(check, item({ contentHtml: 'é'.repeat(5) }), context)).toBeUndefined();
    expect(itemProblem(check, item({ contentHtml: 'é'.repeat(6) }), context)).toBe(
      'its full text is 12 bytes, limit 10 — split the story, or move large embedded data out of its body',
    );
  });

  it('future-date and item-age, against the given now', () => {
    const future = item({ published: new Date('2026-06-02T00:00:00Z') });
    expect(itemProblem({ kind: 'future-date' }, item(), context)).toBeUndefined();
    expect(itemProblem({ kind: 'future-date' }, future, context)).toMatch(
      /^it is dated 2026-06-02T00:00:00Z, in the future, and is not taken until then/,
    );
    const old = item({ published: new Date('2025-06-01T12:00:00Z') });
    const age = { kind: 'item-age', maxDays: 365 } as const;
    expect(
      itemProblem(age, item({ published: new Date('2025-06-02T12:00:00Z') }), context),
    ).toBeUndefined();
    expect(itemProblem(age, old, context)).toMatch(
      /^it is dated 2025-06-01T12:00:00Z, 365 days ago, limit 365 — it is skipped/,
    );
    expect(itemProblem(age, item({ published: undefined }), context)).toBe(
      'it has no publication date — give the post a date',
    );
  });

  it('absolute-urls: names the first relative URL, where it is, and its absolute form', () => {
    const check = { kind: 'absolute-urls' } as const;
    expect(
      itemProblem(check, item({ contentHtml: '<a href="mailto:a@x.org">m</a>' }), context),
    ).toBeUndefined();
    const html = '<p><a href="#notes">notes</a> <img src="//cdn.x.org/a.png"></p>';
    expect(itemProblem(check, item({ contentHtml: html }), context)).toBe(
      `relative URL "#notes" (<a href> in its text) (and 1 more) — write the full URL, ${LINK}#notes: aggregators and email tools do not resolve relative ones`,
    );
    const image = item({ images: [{ url: '/images/a.png', role: 'media' }] });
    expect(itemProblem(check, image, context)).toMatch(
      /^relative URL "\/images\/a.png" \(media image\)/,
    );
  });

  it('https: item links and embedded resources over http; plain links to other sites are fine', () => {
    const check = { kind: 'https' } as const;
    const linkOut = item({ contentHtml: '<a href="http://other.org/">o</a>' });
    expect(itemProblem(check, linkOut, context)).toBeUndefined();
    const embedded = item({
      images: [{ url: 'http://photos.org/a.jpg', role: 'enclosure' }],
      contentHtml: '<iframe src="http://video.org/x"></iframe>',
    });
    expect(itemProblem(check, embedded, context)).toBe(
      'enclosure image http://photos.org/a.jpg is http (and 1 more) — serve it over https and link the https:// URL',
    );
  });

  it('https: leaves the feed’s own http origin to the feed’s finding', () => {
    const check = { kind: 'https' } as const;
    const site = item({
      link: 'http://x.org/posts/a/',
      images: [{ url: 'http://x.org/a.png', role: 'media' }],
    });
    expect(
      itemProblem(check, site, { ...context, insecureOrigin: 'http://x.org' }),
    ).toBeUndefined();
    expect(itemProblem(check, site, context)).toMatch(/^link http:\/\/x.org\/posts\/a\/ is http/);
  });

  it('language: an item in another language than the feed; regions of one language are one', () => {
    const check = { kind: 'language', declared: false } as const;
    expect(itemProblem(check, item({ languages: ['en-US'] }), context)).toBeUndefined();
    expect(itemProblem(check, item({ languages: ['fr-CA'] }), context)).toBe(
      'the item is in fr-CA, the feed in en-CA — one language per feed: publish it in a feed of its own language, or correct its language',
    );
    expect(itemProblem(check, item({ languages: ['fr'] }), { now: NOW })).toBeUndefined();
  });
});

describe('primarySubtag', () => {
  it('is the language without its region, lower case', () => {
    expect(primarySubtag('fr-CA')).toBe('fr');
    expect(primarySubtag('EN_us')).toBe('en');
    expect(primarySubtag('de')).toBe('de');
  });
});
