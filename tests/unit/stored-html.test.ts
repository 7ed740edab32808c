import { mkdirSync, readdirSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBytes } from '../../src/hash.js';
import type { StoredHtml, StoredItemHtml } from '../../src/model.js';
import { makeHtmlStore } from '../../src/pipeline/html-store.js';
import {
  closeHtmlReaders,
  htmlCdata,
  htmlText,
  isEmptyHtml,
  isStored,
  readStoredHtml,
  removeHtmlStore,
  storedByteBounds,
  storeHtml,
  storyText,
} from '../../src/stored-html.js';
import { cdata, utf8Scratch } from '../../src/text.js';
import { LISTS_OPEN_FILES, openFiles } from '../helpers/open-files.js';

let dir: string;
beforeEach(() => {
  dir = makeHtmlStore();
});
afterEach(() => {
  removeHtmlStore(dir);
});

describe('storeHtml and readStoredHtml', () => {
  it('appends each story to one file of this thread, and reads back exactly what was stored', () => {
    const texts = ['<p>One</p>', '', '<p>“Deux” — été ✓ 😀</p>', '<p>three</p>'];
    const stored = texts.map((text) => storeHtml(dir, text));
    expect(new Set(stored.map((s) => s.file)).size).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);
    // One after the other, each its UTF-8 length.
    expect(stored.map((s) => s.offset)).toEqual([
      0,
      10,
      10,
      10 + Buffer.byteLength(texts[2] ?? ''),
    ]);
    expect(stored.map((s) => s.bytes)).toEqual(texts.map((t) => Buffer.byteLength(t)));
    expect(stored.map(readStoredHtml)).toEqual(texts);
    expect(statSync(stored[0]?.file ?? '').size).toBe(stored.reduce((n, s) => n + s.bytes, 0));
  });

  it('round-trips any text, in any order of reading', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 8 }), (texts) => {
        const stored = texts.map((text) => storeHtml(dir, text));
        const order = stored.map((_, i) => i).reverse();
        for (const i of order) expect(readStoredHtml(stored[i] as never)).toBe(texts[i]);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps a count per folder, and forgets a folder whose build removed it', () => {
    storeHtml(dir, '<p>x</p>');
    const other = makeHtmlStore();
    try {
      expect(storeHtml(other, '<p>y</p>').offset).toBe(0);
      expect(storeHtml(dir, '<p>z</p>').offset).toBe(8);
      // The same folder made again (a later build) starts from nothing.
      removeHtmlStore(other);
      mkdirSync(other);
      const again = storeHtml(other, '<p>w</p>');
      expect(again.offset).toBe(0);
      expect(readStoredHtml(again)).toBe('<p>w</p>');
    } finally {
      removeHtmlStore(other);
    }
  });

  it.skipIf(!LISTS_OPEN_FILES)(
    'keeps a store file open while this thread reads it, and closes it when told to forget',
    async () => {
      const stored = ['<p>a</p>', '<p>b</p>'].map((text) => storeHtml(dir, text));
      const open = () => openFiles().filter((file) => file === stored[0]?.file);
      await Promise.resolve(); // the run that stored them is over
      expect(open()).toEqual([]);
      expect(stored.map(readStoredHtml)).toEqual(['<p>a</p>', '<p>b</p>']);
      expect(open()).toHaveLength(1);
      expect(readStoredHtml(stored[0] as never)).toBe('<p>a</p>');
      expect(open()).toHaveLength(1);
      closeHtmlReaders();
      expect(open()).toEqual([]);
      // Read again, then the folder removed: closed with it.
      expect(readStoredHtml(stored[1] as never)).toBe('<p>b</p>');
      expect(open()).toHaveLength(1);
      removeHtmlStore(dir);
      expect(open()).toEqual([]);
      mkdirSync(dir);
    },
  );

  it.skipIf(!LISTS_OPEN_FILES)(
    'keeps its store file open through a run of stories, closed once the run is over',
    async () => {
      const first = storeHtml(dir, '<p>one</p>');
      const open = () => openFiles().filter((file) => file === first.file);
      const rest = ['<p>two</p>', '', '<p>three</p>'].map((text) => storeHtml(dir, text));
      expect(open()).toHaveLength(1); // one file, opened once
      await Promise.resolve();
      expect(open()).toEqual([]);
      // The next run opens it again and goes on where the last one stopped.
      const next = storeHtml(dir, '<p>four</p>');
      expect(next.offset).toBe(statSync(first.file).size - next.bytes);
      expect([first, ...rest, next].map(readStoredHtml)).toEqual([
        '<p>one</p>',
        '<p>two</p>',
        '',
        '<p>three</p>',
        '<p>four</p>',
      ]);
      // Removing the folder in the same run closes it at once.
      removeHtmlStore(dir);
      expect(open()).toEqual([]);
      mkdirSync(dir);
    },
  );

  it('refuses a stored story whose file was cut short, naming the file', () => {
    const stored = storeHtml(dir, '<p>A long enough story</p>');
    truncateSync(stored.file, 5);
    expect(() => readStoredHtml(stored)).toThrow(`${stored.file}: ended at 5 of ${stored.bytes}`);
  });
});

describe('an item whose story is stored', () => {
  const item = (body: string, extra: Partial<StoredItemHtml> = {}): StoredItemHtml => ({
    body: storeHtml(dir, body),
    after: '',
    ...extra,
  });
  const lead = { html: '<figure>lead</figure>\n', unless: 'src="https://x.org/a.jpg"' };

  it('is put together when read: the lead unless the body shows it, the body, what follows', () => {
    expect(htmlText(item('<p>Body</p>', { lead, after: '<aside>fix</aside>' }))).toBe(
      '<figure>lead</figure>\n<p>Body</p><aside>fix</aside>',
    );
    const shows = '<p><img src="https://x.org/a.jpg" alt=""></p>';
    expect(htmlText(item(shows, { lead }))).toBe(shows);
    expect(htmlText('<p>text</p>')).toBe('<p>text</p>');
  });

  it('is read from disk each time it is asked for, no text kept: only the bytes read last', () => {
    const stored = item('<p>Read</p>', { after: '!' });
    expect(htmlText(stored)).toBe('<p>Read</p>!');
    expect(htmlText(stored)).toBe('<p>Read</p>!');
    truncateSync(stored.body.file, 0);
    closeHtmlReaders(); // the bytes read last let go with the file: nothing kept to answer from
    expect(() => htmlText(stored)).toThrow('ended at 0');
  });

  it("reads stories of any size in turn, none showing another's bytes", () => {
    // Past the 64 KiB a thread's buffer starts with, and past the 1 MiB it grows to.
    const sizes = [10, 70 * 1024, 5, 1.5 * 1024 * 1024, 3, 900 * 1024, 1];
    const texts = sizes.map((n, i) => `<p>${String.fromCharCode(97 + i).repeat(n)}é</p>`);
    const stored = texts.map((text) => item(text));
    for (const i of [0, 1, 2, 3, 4, 5, 6, 3, 0, 5, 1])
      expect(htmlText(stored[i] as never)).toBe(texts[i]);
  });

  it('is empty only with no body, lead or notes, and is never read to tell', () => {
    expect(isEmptyHtml('')).toBe(true);
    expect(isEmptyHtml('<p>x</p>')).toBe(false);
    const empty = item('');
    expect(isEmptyHtml(empty)).toBe(true);
    expect(isEmptyHtml({ ...empty, after: 'x' })).toBe(false);
    expect(isEmptyHtml({ ...empty, lead })).toBe(false);
    const gone = {
      ...item('<p>x</p>'),
      body: { file: path.join(dir, 'gone'), offset: 0, bytes: 8 },
    };
    expect(isEmptyHtml(gone)).toBe(false);
  });

  it('bounds its UTF-8 length without reading the body: with and without its lead', () => {
    const stored = item('<p>été</p>', { lead, after: '✓' });
    const { least, most } = storedByteBounds(stored);
    expect(least).toBe(Buffer.byteLength('<p>été</p>✓'));
    expect(most).toBe(least + Buffer.byteLength(lead.html));
    expect(Buffer.byteLength(htmlText(stored))).toBe(most);
  });

  describe('in a CDATA section (htmlCdata)', () => {
    const bytesOf = (parts: readonly (string | Uint8Array)[]) => Buffer.from(utf8Scratch(parts));
    const asCdata = (html: StoredItemHtml | string) => Buffer.from(cdata(htmlText(html)), 'utf8');

    it('puts a stored body in as the bytes read back, between its lead and what follows', () => {
      const stored = item('<p>“Été” ✓ 😀</p>', { lead, after: '<aside>fix</aside>' });
      const parts = htmlCdata(stored);
      expect(parts).toHaveLength(3);
      expect(parts[1]).toBeInstanceOf(Uint8Array);
      expect(bytesOf(parts)).toEqual(asCdata(stored));
      expect(bytesOf(parts).toString()).toBe(
        '<![CDATA[<figure>lead</figure>\n<p>“Été” ✓ 😀</p><aside>fix</aside>]]>',
      );
      const shows = item('<p><img src="https://x.org/a.jpg" alt=""></p>', { lead });
      expect(bytesOf(htmlCdata(shows)).toString()).toBe(
        '<![CDATA[<p><img src="https://x.org/a.jpg" alt=""></p>]]>',
      );
      expect(htmlCdata('<p>a]]>b</p>')).toEqual([cdata('<p>a]]>b</p>')]);
    });

    it('keeps the bytes it read: reading other stories after does not change them', () => {
      const first = htmlCdata(item('<p>first story</p>'));
      for (const n of [10, 70 * 1024, 3]) htmlCdata(item(`<p>${'z'.repeat(n)}</p>`));
      expect(bytesOf(first).toString()).toBe('<![CDATA[<p>first story</p>]]>');
    });

    it('tests for the lead image in the text when the test has a lone surrogate', () => {
      // Encoded, a lone surrogate is U+FFFD: the body's own U+FFFD must not count as it.
      const odd = { html: '<figure>odd</figure>', unless: 'src="\uD800"' };
      const stored = item('<p><img src="\uFFFD"></p>', { lead: odd });
      expect(bytesOf(htmlCdata(stored))).toEqual(asCdata(stored));
      expect(bytesOf(htmlCdata(stored)).toString()).toContain('<figure>odd</figure>');
    });

    it('gives the bytes of cdata(htmlText(html)) for any story, lead and notes', () => {
      const text = fc.string({ unit: 'grapheme-composite' }).map((s) => s.replaceAll('\r', ''));
      const edgy = fc.oneof(text, fc.constantFrom(']', ']]', '>', ']]>', '\uD800', '\uDC00', ''));
      const html = fc.array(edgy, { maxLength: 6 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(html, html, html, fc.boolean(), (body, figure, after, withLead) => {
          const stored = item(body, {
            after,
            ...(withLead ? { lead: { html: figure, unless: body.slice(1, 4) || ']' } } : {}),
          });
          expect(bytesOf(htmlCdata(stored))).toEqual(asCdata(stored));
        }),
        { numRuns: 300 },
      );
    });
  });

  it('checks text stored with a key (a file that outlives the build) against it when read back', () => {
    const stored = storeHtml(dir, 'Un résumé.');
    const key = hashBytes('Un résumé.');
    expect(readStoredHtml({ ...stored, key })).toBe('Un résumé.');
    expect(storyText({ ...stored, key })).toBe('Un résumé.');
    const other = { ...stored, key: hashBytes('Un autre.') };
    expect(() => readStoredHtml(other)).toThrow(/: the 12 bytes at 0 are not those stored there/);
    expect(() => readStoredHtml(other)).toThrow(stored.file);
    // Without a key (the build's own store), the bytes are taken as they are.
    expect(readStoredHtml(stored)).toBe('Un résumé.');
  });

  it('tells stored story HTML from text, and reads either', () => {
    const stored = storeHtml(dir, '<p>s</p>');
    expect(isStored(stored)).toBe(true);
    expect(isStored('<p>s</p>')).toBe(false);
    expect(storyText(stored)).toBe('<p>s</p>');
    expect(storyText('<p>t</p>')).toBe('<p>t</p>');
  });
});

describe('reading stored texts through a window', () => {
  /** A store file of `count` texts of random lengths (some past the window's reach). */
  const storeOf = (lengths: number[]) =>
    lengths.map((n, i) => {
      const text = `${String.fromCharCode(97 + (i % 26)).repeat(n)}é${i}`;
      return { text, stored: storeHtml(dir, text) };
    });

  it('gives each text its own bytes, in any order of reading, walking or jumping', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 80 }),
        (lengths, picks) => {
          const texts = storeOf(lengths);
          closeHtmlReaders();
          const order = [...texts.keys(), ...[...texts.keys()].reverse(), ...picks];
          for (const at of order) {
            const { text, stored } = texts[at % texts.length] as (typeof texts)[number];
            expect(readStoredHtml(stored)).toBe(text);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads a text written after the window was read, past where the file then ended', () => {
    const [first] = storeOf([100]);
    expect(readStoredHtml(first?.stored as StoredHtml)).toBe(first?.text);
    const later = storeOf([200, 50_000, 10]);
    for (const { text, stored } of later) expect(readStoredHtml(stored)).toBe(text);
    expect(readStoredHtml(first?.stored as StoredHtml)).toBe(first?.text);
  });

  it('still refuses a text that is not there, and bytes that are not the ones stored', () => {
    const [a, b] = storeOf([10, 10]);
    const beyond = { ...(b?.stored as StoredHtml), offset: (b?.stored.offset ?? 0) + 1000 };
    expect(() => readStoredHtml(beyond)).toThrow('ended at 0');
    const keyed = { ...(a?.stored as StoredHtml), key: hashBytes('something else') };
    expect(() => readStoredHtml(keyed)).toThrow('are not those stored there');
  });

  it('keeps a window over at most 64 files, and reads from any of them again', () => {
    const stores = Array.from({ length: 70 }, () => makeHtmlStore());
    try {
      const texts = stores.map((store, i) => ({
        text: `<p>${i}</p>`,
        stored: storeHtml(store, `<p>${i}</p>`),
      }));
      for (const round of [0, 1])
        for (const { text, stored } of round ? [...texts].reverse() : texts)
          expect(readStoredHtml(stored)).toBe(text);
    } finally {
      for (const store of stores) removeHtmlStore(store);
    }
  });
});
