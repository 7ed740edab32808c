import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderContentHtml, sanitizedHtml } from '../../../src/bodies/content-html.js';
import { hasRawHtml, renderSafeMarkdown, safeMarkdown } from '../../../src/bodies/safe-markdown.js';

const base = {
  itemUrl: 'https://news.example.com/blog/posts/a/',
  siteUrl: 'https://news.example.com/blog/',
};
const safe = (md: string) => renderSafeMarkdown(safeMarkdown.parse(md, {}), base).trim();
const sanitized = (md: string) => sanitizedHtml(md, base, 'sanitize');

describe('hasRawHtml', () => {
  it('sees raw HTML as a block, inline, or a comment, and nothing in plain Markdown', () => {
    const raw = (md: string) => hasRawHtml(safeMarkdown.parse(md, {}));
    expect(raw('<div>x</div>')).toBe(true);
    expect(raw('Some <b>bold</b> text')).toBe(true);
    expect(raw('<!-- note -->')).toBe(true);
    expect(raw('A *b* [c](d) `<e>` and 1 < 2 & "q"')).toBe(false);
    expect(raw('```html\n<div>\n```')).toBe(false);
  });
});

describe('renderSafeMarkdown', () => {
  it('escapes text as sanitize-html serializes it: quotes left as typed', () => {
    expect(safe('Say "hi" & 1 < 2 > 0 \'now\'')).toBe(
      '<p>Say "hi" &amp; 1 &lt; 2 &gt; 0 \'now\'</p>',
    );
  });

  it('makes links and images absolute, and keeps attribute quotes escaped', () => {
    expect(safe('[a](../b "T \\"q\\"") ![c](/img/d.png)')).toBe(
      '<p><a href="https://news.example.com/blog/posts/b" title="T &quot;q&quot;">a</a> ' +
        '<img src="https://news.example.com/blog/img/d.png" alt="c" /></p>',
    );
  });

  it('drops a link or image URL of a scheme sanitize-html refuses, or an empty one', () => {
    expect(safe('[a](ftp://host/x) [b](mailto:a@b.example) [c]()')).toBe(
      '<p><a>a</a> <a href="mailto:a@b.example">b</a> <a>c</a></p>',
    );
    expect(safe('![x](data:image/png;base64,AAAA)')).toBe('<p><img alt="x" /></p>');
  });

  it('keeps only code classes sanitize-html allows', () => {
    expect(safe('```c++ extra\nx\n```')).toBe('<pre><code class="language-c++">x\n</code></pre>');
    expect(safe('```{r}\nx\n```')).toBe('<pre><code>x\n</code></pre>');
  });

  it('refuses raw HTML, which only sanitize-html may render', () => {
    expect(() => safe('a <b>c</b>')).toThrow('raw HTML reached the safe Markdown renderer');
  });

  it('writes void tags with " />" as sanitize-html does', () => {
    expect(safe('a  \nb\n\n***')).toBe('<p>a<br />\nb</p>\n<hr />');
  });
});

/** Markdown made of the pieces where the two renderers could part ways. */
const piece = fc.constantFrom(
  'Plain text with "quotes" & 1 < 2 > 0 and \'apostrophes\'.',
  '[rel](other/page) and [root](/x?a=1&b=2#f) and [frag](#top)',
  '[abs](https://example.org/a b) [ftp](ftp://h/x) [js](javascript:alert(1)) [empty]()',
  '[proto](//cdn.example/x) [tel](tel:+1-555) [mail](mailto:x@y.example "Mail \\"me\\"")',
  '![img](pics/a.png "A \\"title\\"") ![data](data:image/png;base64,AA) ![](/x.png)',
  '<https://auto.example/link?x="y"> and www.linkify.example and a@b.example',
  '```js\nconst s = "< b >" & 1;\n```',
  '```c#\nx\n```',
  '```{weird} info "q"\ny\n```',
  '    indented code with "quotes" & < tags >',
  '`inline "code" & <b>` and 2 > 1',
  '| a | b |\n|:--|--:|\n| "1" | <2> |',
  '> quote with **bold** and _em_ and ~~del~~',
  '1. one\n2. two\n\n- a\n- b',
  '# Heading "one"\n\n## Two & three',
  'line one  \nline two\\\nline three',
  '&copy; &amp; &#x22; &nbsp; &#1;',
  '***\n\n---\n\n___',
);

describe('the safe path against sanitize-html', () => {
  it('gives the same bytes for any Markdown without raw HTML (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const md = pieces.join('\n\n');
        expect(hasRawHtml(safeMarkdown.parse(md, {}))).toBe(false);
        expect(renderContentHtml(md, base, 'sanitize')).toBe(sanitized(md));
      }),
      { numRuns: Number(process.env.FEEDWRIGHT_FUZZ_RUNS ?? 300) },
    );
  });

  it('leaves Markdown with raw HTML to sanitize-html', () => {
    const md = 'Text <script>alert(1)</script> <a href="javascript:x">y</a>';
    expect(renderContentHtml(md, base, 'sanitize')).toBe(sanitized(md));
    expect(renderContentHtml(md, base, 'sanitize')).not.toContain('<script');
  });

  it('takes the full sanitizer with html: "keep", whatever the Markdown', () => {
    const md = '[a](ftp://h/x) <b>b</b>';
    expect(renderContentHtml(md, base, 'keep')).toBe(sanitizedHtml(md, base, 'keep'));
  });
});
