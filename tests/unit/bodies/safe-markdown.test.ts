import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderContentHtml,
  sanitizedBlocks,
  sanitizedHtml,
} from '../../../src/bodies/content-html.js';
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

/** Raw HTML blocks: whole ones, and every way a block can lean on what is around it. */
const htmlBlock = fc.constantFrom(
  '<figure>\n  <img src="/img/a.jpg" alt="a < b" loading="lazy">\n  <figcaption>Cap "q" &amp; more</figcaption>\n</figure>',
  '<aside class="related"><p>Related: <a href="../other/">Other</a></p></aside>',
  '<div class="note" onclick="x()">A <b>note</b> <span style="color:red">red</span></div>',
  '<script>alert("</div>")</script>',
  '<style>p { color: red }</style>',
  '<iframe src="https://video.example/embed/1"></iframe>',
  '<object data="/movie.swf"></object>',
  '<table>\n<tr><td align="right">1</td><td style="text-align:left">2</td></tr>\n</table>',
  '<details><summary>More</summary>\n\nHidden *markdown*\n\n</details>',
  '<div>',
  '</div>',
  '</p>',
  '</br>',
  '<p>never closed',
  '<ul><li>one<li>two</ul>',
  '<svg><path d="M0 0"/></svg>',
  '<math><mi>x</mi></math>',
  '<div class="never-ends',
  '<div',
  '<section id="a" title="b',
  '<title>*t*',
  '<xmp>*t*',
  '<noscript>*t*',
  '<plaintext>*t*',
  '<iframe>',
  '<!-- never ends',
  '<![CDATA[ x',
  '<!-- a comment -->\n<div>after it</div>',
  '<?pi x?>',
  '<!DOCTYPE html>',
  '<div>x</div',
  '<div>x</div foo="a',
  '<div>x</div><br',
  '<div>x</div><img src="y',
  '<div>x</div></',
  '<!-- a comment </div> -->',
  '<textarea><b>kept as text</b></textarea>',
  '<br>\n<hr/>\n<img src="x.png">',
  '<a href="javascript:alert(1)">bad</a> <a href="/ok/">ok</a>',
  '<section>\n<h2>Title</h2>\n</section>',
  '<blockquote cite="https://x.example/">Quote</blockquote>',
  '> <div>quoted block</div>',
  '- <div>listed block</div>\n- next',
  '- item\n\n  <li>a list item in a list item</li>\n- next',
  'Inline <b>bold</b> and <i>open',
  'Text with a note[^n].\n\n[^n]: The note.',
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

  it('gives the same bytes for any Markdown with raw HTML blocks, whole or not (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, htmlBlock), { minLength: 1, maxLength: 7 }),
        fc.constantFrom('\n\n', '\n'),
        (pieces, gap) => {
          const md = pieces.join(gap);
          expect(renderContentHtml(md, base, 'sanitize')).toBe(sanitized(md));
        },
      ),
      { numRuns: Number(process.env.FEEDWRIGHT_FUZZ_RUNS ?? 400) },
    );
  });

  it('sanitizes whole raw HTML blocks one by one, and anything else as a whole story', () => {
    const split = (md: string) => sanitizedBlocks(safeMarkdown.parse(md, {}), base) !== undefined;
    for (const md of [
      '<figure>\n<img src="/a.jpg" alt="a">\n<figcaption>A</figcaption>\n</figure>\n\nText',
      '<aside class="related"><p>See <a href="../b/">B</a></p></aside>',
      '<script>alert(1)</script>\n\n<table><tr><td>1</td></tr></table>',
      '<iframe src="https://video.example/e/1"></iframe>\n\n<br>\n<hr/>',
    ])
      expect(split(md), md).toBe(true);
    for (const md of [
      '<div>\n\nMarkdown *inside*\n\n</div>', // opened in one block, closed in another
      '</section>\n\nText', // an end tag that closes nothing the block opened
      '<p>never closed\n\nText',
      '> <div>in a quote</div>',
      '- item\n\n  <div>in a list</div>',
      '<svg><path d="M0"/></svg>',
      '<!-- a comment with </p> in it -->',
      'Inline <b>HTML</b> in a paragraph',
      'A note[^1].\n\n[^1]: The note.\n\n<div>x</div>',
    ])
      expect(split(md), md).toBe(false);
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
