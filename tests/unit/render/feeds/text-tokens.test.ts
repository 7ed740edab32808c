import { describe, expect, it } from 'vitest';
import { TextTokens } from '../../../../src/render/feeds/text-tokens.js';

describe('TextTokens', () => {
  it('stands in for text with tokens free of markup, and escapes each when resolved', () => {
    const t = new TextTokens();
    const title = t.text('A & <B> "C"');
    const body = t.html('<p>x ]]> y</p>');
    expect(title).toMatch(/^\u0001\d+\u0002$/);
    expect(t.optionalText(undefined)).toBeUndefined();
    expect(t.optionalText('')).toBeUndefined();
    const xml = `<title>${title}</title><content:encoded><![CDATA[${body}]]></content:encoded><guid>${body}</guid>`;
    expect(t.resolve(xml)).toBe(
      '<title>A &#x26; &#x3C;B&#x3E; &#x22;C&#x22;</title>' +
        '<content:encoded><![CDATA[<p>x ]]]]><![CDATA[> y</p>]]></content:encoded>' +
        // HTML outside CDATA is escaped as text.
        '<guid>&#x3C;p&#x3E;x ]]&#x3E; y&#x3C;/p&#x3E;</guid>',
    );
  });

  it('writes an Atom text construct with the type of the text it holds', () => {
    const t = new TextTokens();
    const xml = `<title type="html"><![CDATA[${t.text('A < B')}]]></title><summary type="html"><![CDATA[${t.html('<b>x</b>')}]]></summary>`;
    expect(t.resolve(xml)).toBe(
      '<title type="text">A &#x3C; B</title><summary type="html"><![CDATA[<b>x</b>]]></summary>',
    );
  });

  it('refuses (a bug) a token it did not make', () => {
    const t = new TextTokens();
    expect(() => t.resolve('<title>\u00017\u0002</title>')).toThrow('unknown text token');
    expect(() => t.resolve('<title>\u0001x</title>')).toThrow('was not resolved');
  });
});
