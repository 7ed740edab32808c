import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { html, raw, SafeHtml } from '../../../../src/render/pages/html-template.js';

const hostile = `<script>alert("x")</script> & 'q' ]]> שלום`;

describe('html', () => {
  it('escapes interpolated text in text and in attributes', () => {
    const name = '<i>';
    expect(html`<p title="${name}">${name}</p>`.html).toBe('<p title="&lt;i&gt;">&lt;i&gt;</p>');
    expect(html`${`a & b "c" 'd'`}`.html).toBe('a &amp; b &quot;c&quot; &#39;d&#39;');
  });

  it('keeps hostile text as text, for a real HTML parser too', () => {
    const out = html`<p title="${hostile}" data-x='${hostile}'>${hostile}</p>`.html;
    const doc = parseDocument(out);
    expect(DomUtils.getElementsByTagName('script', doc)).toHaveLength(0);
    const p = DomUtils.getElementsByTagName('p', doc)[0];
    if (!p) throw new Error('no p');
    expect(DomUtils.textContent(p)).toBe(hostile);
    expect(DomUtils.getAttributeValue(p, 'title')).toBe(hostile);
    expect(DomUtils.getAttributeValue(p, 'data-x')).toBe(hostile);
  });

  it('inserts raw markup and nested html results as they are', () => {
    const inner = html`<b>${'<x>'}</b>`;
    expect(html`<p>${raw('<br>')}${inner}</p>`.html).toBe('<p><br><b>&lt;x&gt;</b></p>');
  });

  it('escapes a nested result only once', () => {
    const inner = html`${'&'}`;
    expect(html`${html`${inner}`}`.html).toBe('&amp;');
  });

  it('renders nothing for null, undefined and false', () => {
    expect(html`[${null}|${undefined}|${false}]`.html).toBe('[||]');
  });

  it('makes `condition && html` render the markup only when the condition holds', () => {
    const show = (on: boolean) => html`<p>${on && html`<b>on</b>`}</p>`.html;
    expect(show(true)).toBe('<p><b>on</b></p>');
    expect(show(false)).toBe('<p></p>');
    const title = (text: string) => html`${text && html`<h1>${text}</h1>`}`.html;
    expect(title('')).toBe('');
  });

  it('joins arrays without separators, escaping text and keeping markup in them', () => {
    expect(html`${['<a>', raw('<hr>'), ['&', null, false], 3]}`.html).toBe('&lt;a&gt;<hr>&amp;3');
    expect(html`<ul>${[]}</ul>`.html).toBe('<ul></ul>');
  });

  it('writes numbers, including zero, as text', () => {
    expect(html`${0} ${42} ${-1.5}`.html).toBe('0 42 -1.5');
  });

  it('keeps the template’s own markup as written', () => {
    expect(html`<a href="x?a=1&b=2">&amp;</a>`.html).toBe('<a href="x?a=1&b=2">&amp;</a>');
    expect(html``.html).toBe('');
  });

  it('escapes text, inserts markup and drops nothing-values in one template', () => {
    const name = '<i>';
    expect(
      html`<p title="${name}">${name}${raw('<br>')}${[name, raw('<hr>')]}${false}${null}</p>`.html,
    ).toBe('<p title="&lt;i&gt;">&lt;i&gt;<br>&lt;i&gt;<hr></p>');
  });

  it('returns SafeHtml', () => {
    expect(html`<p></p>`).toBeInstanceOf(SafeHtml);
  });
});

describe('raw', () => {
  it('marks markup as safe without changing it', () => {
    const markup = raw(hostile);
    expect(markup).toBeInstanceOf(SafeHtml);
    expect(markup.html).toBe(hostile);
  });
});

describe('SafeHtml', () => {
  it('turns into its markup as a string', () => {
    const markup = html`<p>${'<'}</p>`;
    expect(markup.toString()).toBe('<p>&lt;</p>');
    expect(`${markup}`).toBe('<p>&lt;</p>');
    expect(String(new SafeHtml('<hr>'))).toBe('<hr>');
  });
});
