import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEXT } from '../../../src/config/page-text.js';
import { correctionNotes, itemHtml, leadFigure } from '../../../src/derive/item-html.js';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { htmlText, removeHtmlStore, storeHtml } from '../../../src/stored-html.js';

const ENGLISH = { language: { tag: 'en', text: BUILT_IN_TEXT.en } };
const FRENCH = { language: { tag: 'fr-CA', text: BUILT_IN_TEXT.fr } };
const UTC = { timezone: 'UTC', ...ENGLISH };

const image = {
  url: 'https://news.example.com/images/hill.png',
  alt: 'The Hill at dusk',
  caption: 'MPs return <next> week',
  credit: 'Jane & Co.',
  width: 1200,
  height: 675,
};
const corrections = [
  { date: new Date('2026-11-21T15:30:00Z'), text: 'An earlier version said "June".' },
  { date: new Date('2026-11-22T15:30:00Z'), text: 'The second fix.' },
];

/** Every element name, in document order, of an HTML fragment. */
function elements(html: string): string[] {
  const names: string[] = [];
  const walk = (nodes: { name?: string; children?: unknown[] }[]) => {
    for (const node of nodes) {
      if (node.name) names.push(node.name);
      if (node.children) walk(node.children as typeof nodes);
    }
  };
  walk(parseDocument(html).children as never);
  return names;
}

describe('leadFigure', () => {
  it('shows the image with its size, alt text, caption and credit, all escaped', () => {
    const html = leadFigure(image, ENGLISH);
    expect(html).toContain(
      '<img src="https://news.example.com/images/hill.png" alt="The Hill at dusk" width="1200" height="675">',
    );
    expect(html).toContain('MPs return &lt;next&gt; week');
    expect(html).toContain('<span class="credit">Photo: Jane &amp; Co.</span>');
    expect(elements(html)).toEqual(['figure', 'img', 'figcaption', 'span']);
  });

  it('has no caption without a caption or credit, and no size without both dimensions', () => {
    const html = leadFigure({ url: 'https://x.org/a.jpg', width: 10 }, ENGLISH);
    expect(html).not.toContain('figcaption');
    expect(html).not.toContain('width=');
    expect(html).toContain('alt=""');
  });
});

describe('correctionNotes', () => {
  it('dates each correction in the site zone, oldest first, with its text escaped', () => {
    const html = correctionNotes(corrections, { timezone: 'America/Toronto', ...ENGLISH });
    expect(html).toContain('<time datetime="2026-11-21T15:30:00.000Z">November 21, 2026</time>');
    expect(html).toContain('An earlier version said "June".');
    expect(html.indexOf('November 21')).toBeLessThan(html.indexOf('November 22'));
    expect(elements(html).filter((name) => name === 'p')).toHaveLength(2);
  });
});

describe('in French', () => {
  it('writes the credit, the correction label and its date in French, escaped the same way', () => {
    expect(leadFigure(image, FRENCH)).toContain(
      '<span class="credit">Photo : Jane &amp; Co.</span>',
    );
    const html = correctionNotes(corrections, { timezone: 'America/Toronto', ...FRENCH });
    expect(html).toContain(
      '<strong>Correction, <time datetime="2026-11-21T15:30:00.000Z">21 novembre 2026</time> :</strong>',
    );
    expect(html).toContain('aria-label="Corrections"');
  });
});

describe('itemHtml', () => {
  it('puts the lead image before the body and the corrections after it', () => {
    const html = itemHtml('<p>Body</p>', { image, corrections }, UTC);
    expect(html.indexOf('<figure')).toBeLessThan(html.indexOf('<p>Body</p>'));
    expect(html.indexOf('<p>Body</p>')).toBeLessThan(html.indexOf('class="corrections"'));
  });

  it('gives, for a stored body, parts that read back as the same HTML', () => {
    const dir = makeHtmlStore();
    try {
      const bodies = ['<p>Body</p>', `<p><img src="${image.url}" alt=""></p>`, '', '<p>été ✓</p>'];
      const extras = [{ image, corrections }, { image }, { corrections }, {}];
      for (const body of bodies)
        for (const extra of extras) {
          const parts = itemHtml(storeHtml(dir, body), extra, UTC);
          expect(typeof parts).toBe('object');
          expect(htmlText(parts)).toBe(itemHtml(body, extra, UTC));
        }
    } finally {
      removeHtmlStore(dir);
    }
  });

  it('leaves the image out when the body shows it already, and is the body alone with neither', () => {
    const body = `<p><img src="${image.url}" alt=""></p>`;
    expect(itemHtml(body, { image }, UTC)).toBe(body);
    expect(itemHtml('<p>B</p>', {}, UTC)).toBe('<p>B</p>');
  });
});
