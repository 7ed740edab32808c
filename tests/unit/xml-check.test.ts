import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdata } from '../../src/text.js';
import { elementsProblem, xmlProblem, xmlTextProblem } from '../../src/xml-check.js';

describe('xmlProblem', () => {
  it('finds nothing wrong with well-formed XML, CDATA split at ]]> included', () => {
    expect(xmlProblem('<rss version="2.0"><channel/></rss>', 'rss')).toBeUndefined();
    expect(xmlProblem('<x><![CDATA[a ]]]]><![CDATA[> b]]>&#x26;</x>')).toBeUndefined();
  });

  it('names what a strict, namespace-aware parser finds', () => {
    expect(xmlProblem('<rss><channel></rss>')).toMatch(/^not well-formed XML: 1:\d+: /);
    expect(xmlProblem('<x>a & b</x>')).toMatch(/^not well-formed XML/);
    expect(xmlProblem('<rss><media:content/></rss>')).toMatch(/unbound namespace prefix/);
    expect(xmlProblem('<x>\u0003</x>')).toMatch(/disallowed character/);
  });

  it('refuses a root element other than the one expected', () => {
    expect(xmlProblem('<feed/>', 'rss')).toBe('root element is <feed>, expected <rss>');
  });

  it('reads a document given in parts as the text they join to, wherever they are cut', () => {
    const docs = [
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>a &amp; b</loc></url></urlset>',
      '<rss><channel></rss>',
      '<x>a & b</x>',
      '<x><![CDATA[a ]]]]><![CDATA[> b]]></x>',
      '<feed/>',
    ];
    for (const doc of docs)
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: doc.length - 1 })), (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), doc.length];
          const parts = at.slice(1).map((end, i) => doc.slice(at[i], end));
          expect(xmlProblem(parts, 'rss')).toBe(xmlProblem(doc, 'rss'));
        }),
        { numRuns: 50 },
      );
  });
});

describe('elementsProblem', () => {
  const open = '<rss xmlns:media="http://search.yahoo.com/mrss/"><channel>';
  const close = '</channel></rss>';

  it('finds nothing wrong with whole elements, namespaces declared by the wrapper', () => {
    expect(
      elementsProblem(open, ['<item><media:x/></item>', '\n  <item/>'], close),
    ).toBeUndefined();
    expect(elementsProblem(open, [], close)).toBeUndefined();
  });

  it('refuses an element that is not whole, even when its neighbour would close it', () => {
    expect(elementsProblem(open, ['<item><title>', '</title></item>'], close)).toBe(
      'not well-formed XML: element 1 is not whole (it ends 2 deep)',
    );
    expect(elementsProblem(open, ['<item a="', '"/>'], close)).toMatch(/^not well-formed XML/);
  });

  it('refuses a prefix the wrapper does not declare, and what the parser refuses', () => {
    expect(elementsProblem('<rss><channel>', ['<item><media:x/></item>'], close)).toMatch(
      /unbound namespace prefix/,
    );
    expect(elementsProblem(open, ['<item>a & b</item>'], close)).toMatch(/^not well-formed XML/);
  });
});

describe('xmlTextProblem', () => {
  it('names the first character XML 1.0 cannot carry', () => {
    expect(xmlTextProblem('<p>fine ]]> text é 😀</p>')).toBeUndefined();
    expect(xmlTextProblem('ok\u0003')).toBe(
      'not well-formed XML: character U+0003 at 2 is not allowed in XML 1.0',
    );
    expect(xmlTextProblem('\uD800x')).toMatch(/U\+D800 at 0/);
  });

  it('finds a problem exactly when a strict parser refuses the text in CDATA', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const parsed = xmlProblem(`<text>${cdata(text)}</text>`);
        expect(xmlTextProblem(text) === undefined).toBe(parsed === undefined);
      }),
      { numRuns: 500 },
    );
  });
});
