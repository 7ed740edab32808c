import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  feedContentWarning,
  fitsInFeeds,
  forFeeds,
  MAX_FEED_CONTENT_BYTES,
} from '../../../src/derive/feed-content.js';
import type { StoredItemHtml } from '../../../src/model.js';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { htmlText, removeHtmlStore, storeHtml } from '../../../src/stored-html.js';
import { makeItem } from '../../helpers/model.js';

const LIMIT = MAX_FEED_CONTENT_BYTES;

describe('fitsInFeeds', () => {
  it('takes HTML up to 1,000,000 bytes of UTF-8 and refuses one byte more', () => {
    expect(LIMIT).toBe(1_000_000);
    expect(fitsInFeeds('')).toBe(true);
    expect(fitsInFeeds('a'.repeat(LIMIT))).toBe(true);
    expect(fitsInFeeds('a'.repeat(LIMIT + 1))).toBe(false);
  });
  it('counts bytes, not characters: a euro sign is three', () => {
    expect(fitsInFeeds('€'.repeat(LIMIT / 4))).toBe(true); // 750,000 bytes
    expect(fitsInFeeds(`${'€'.repeat(333_333)}a`)).toBe(true); // 1,000,000 bytes
    expect(fitsInFeeds(`${'€'.repeat(333_333)}ab`)).toBe(false); // 1,000,001 bytes
    expect(fitsInFeeds('😀'.repeat(250_001))).toBe(false); // 4 bytes each
  });

  describe('for a story stored on disk', () => {
    let dir: string;
    beforeAll(() => {
      dir = makeHtmlStore();
    });
    afterAll(() => {
      removeHtmlStore(dir);
    });
    const lead = { html: `<figure>${'i'.repeat(100)}</figure>`, unless: 'src="a.jpg"' };
    const stored = (body: string, after = ''): StoredItemHtml => ({
      body: storeHtml(dir, body),
      lead,
      after,
    });

    it('answers as for its text, reading the body back only when its lead decides', () => {
      const cases = [
        stored('a'.repeat(1000)),
        stored('a'.repeat(LIMIT - 200), '✓'), // fits even with its lead: not read
        stored('a'.repeat(LIMIT + 1)), // too large even without it: not read
        stored(`<img src="a.jpg">${'a'.repeat(LIMIT - 60)}`), // shows its image: no lead, fits
        stored('a'.repeat(LIMIT - 60)), // the lead makes it too large
      ];
      for (const html of cases) expect(fitsInFeeds(html)).toBe(fitsInFeeds(htmlText(html)));
      expect(cases.map(fitsInFeeds)).toEqual([true, true, false, true, false]);
      // The first three are decided by their length: their bodies are not read.
      const gone = (html: StoredItemHtml) => ({
        ...html,
        body: { ...html.body, file: path.join(dir, 'gone') },
      });
      expect(cases.slice(0, 3).map((html) => fitsInFeeds(gone(html)))).toEqual([true, true, false]);
    });
  });
});

describe('forFeeds', () => {
  it('keeps an item that fits as the very same object', () => {
    const item = makeItem({ contentHtml: `<p>${'a'.repeat(1000)}</p>` });
    expect(forFeeds(item)).toBe(item);
  });

  it('gives an item too large for feeds its summary and a link to it as content, nothing else changed', () => {
    const item = makeItem({
      summary: 'Fish & chips <cheap>',
      url: 'https://news.example.com/posts/a/?x=1&y=2',
      contentHtml: `<p>${'a'.repeat(LIMIT)}</p>`,
    });
    const shown = forFeeds(item);
    expect(shown).toEqual({
      ...item,
      contentHtml:
        '<p>Fish &amp; chips &lt;cheap&gt;</p>\n<p><a href="https://news.example.com/posts/a/?x=1&amp;y=2">https://news.example.com/posts/a/?x=1&amp;y=2</a></p>',
    });
    expect(item.contentHtml).toHaveLength(LIMIT + 7);
  });

  it('gives the link alone when there is no summary', () => {
    const item = makeItem({ summary: '', contentHtml: 'x'.repeat(LIMIT + 1) });
    expect(forFeeds(item).contentHtml).toBe(
      '<p><a href="https://news.example.com/posts/a/">https://news.example.com/posts/a/</a></p>',
    );
  });

  it('leaves an item whose body is not at hand as it is', () => {
    const item = makeItem({ contentHtml: '', pending: true });
    expect(forFeeds(item)).toBe(item);
  });
});

describe('feedContentWarning', () => {
  it('says nothing of HTML that fits', () => {
    expect(feedContentWarning('a'.repeat(LIMIT), 'posts/a.md')).toBeUndefined();
  });
  it('names the file, the size and the limit, and what the feeds carry instead', () => {
    expect(feedContentWarning('€'.repeat(4_200_000), 'posts/a.md')).toEqual({
      severity: 'warning',
      code: 'content-too-large-for-feeds',
      file: 'posts/a.md',
      field: 'body',
      message:
        'its HTML is 12.6 MB, more than the 1.0 MB a feed carries of a story: the feeds carry its summary and a link to it instead (its page shows all of it)',
      fix: 'split it into several posts to have each whole in the feeds',
    });
  });
});
