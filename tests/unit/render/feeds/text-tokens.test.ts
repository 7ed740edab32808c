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

  it('cuts a document at its tokens once, to be filled by any set that took the same, or by number', () => {
    const a = new TextTokens();
    const xml = `<link>${a.raw('https://x/?a=1&amp;b=2')}</link><title type="html"><![CDATA[${a.text('A & B')}]]></title>`;
    const template = TextTokens.compile(xml);
    expect(a.fill(template)).toBe(a.resolve(xml));
    expect(a.fill(template)).toBe(
      '<link>https://x/?a=1&amp;b=2</link><title type="text">A &#x26; B</title>',
    );
    const b = new TextTokens();
    b.raw('https://y/');
    b.text('<C>');
    b.text('D');
    expect(b.fill(template)).toBe(
      '<link>https://y/</link><title type="text">&#x3C;C&#x3E;</title>',
    );
    // Hole i takes value indices[i].
    expect(b.fill(template, [0, 2])).toBe('<link>https://y/</link><title type="text">D</title>');
    expect(TextTokens.numberOf(b.text('x'))).toBe(3);
    expect(TextTokens.numberOf('x\u00013\u0002')).toBeUndefined();
    expect(TextTokens.numberOf(3)).toBeUndefined();
    expect(b.size).toBe(4);
  });

  it('refuses (a bug) a token it did not make', () => {
    const t = new TextTokens();
    expect(() => t.resolve('<title>\u00017\u0002</title>')).toThrow('unknown text token');
    expect(() => t.resolve('<title>\u0001x</title>')).toThrow('was not resolved');
  });
});
