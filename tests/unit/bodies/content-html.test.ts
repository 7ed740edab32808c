import { describe, expect, it } from 'vitest';
import { renderContentHtml } from '../../../src/bodies/content-html.js';

const base = {
  itemUrl: 'https://news.example.com/blog/posts/a/',
  siteUrl: 'https://news.example.com/blog/',
};
const render = (md: string, mode: 'sanitize' | 'keep' = 'sanitize') =>
  renderContentHtml(md, base, mode);

describe('renderContentHtml', () => {
  it('renders CommonMark with GFM tables, strikethrough and autolinks', () => {
    const html = render('| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ https://example.org');
    expect(html).toContain('<table>');
    expect(html).toContain('<td style="text-align:right">2</td>');
    expect(html).toContain('<s>old</s>');
    expect(html).toContain('<a href="https://example.org/">https://example.org</a>');
  });

  it('makes relative URLs absolute: "/" from the site root, others from the post URL', () => {
    const html = render(
      '[a](/about/) [b](../b/) ![c](c.png) [d](#top) [e](https://x.org/)\n\n<img srcset="s.jpg 1x, /l.jpg 2x" src="s.jpg">',
    );
    expect(html).toContain('href="https://news.example.com/blog/about/"');
    expect(html).toContain('href="https://news.example.com/blog/posts/b/"');
    expect(html).toContain('src="https://news.example.com/blog/posts/a/c.png"');
    expect(html).toContain('href="https://news.example.com/blog/posts/a/#top"');
    expect(html).toContain(
      'srcset="https://news.example.com/blog/posts/a/s.jpg 1x, https://news.example.com/blog/l.jpg 2x"',
    );
  });

  it('removes scripts, styles, frames, objects, event handlers and javascript:/data: URLs', () => {
    const html = render(
      '<script>alert(1)</script><style>p{}</style><iframe src="x"></iframe><object data="x"></object><embed src="x">\n\n' +
        '<a href="javascript:alert(1)" onclick="x()">j</a> <a href="data:text/html,x">d</a> <img src="data:image/png;base64,AA" onerror="x()">',
    );
    for (const bad of [
      '<script',
      'alert(1)',
      '<style',
      '<iframe',
      '<object',
      '<embed',
      'onclick',
      'onerror',
      'javascript:',
      'data:',
    ]) {
      expect(html).not.toContain(bad);
    }
  });

  it('keeps headings, emphasis, links, images, figures, tables, lists, quotes and code', () => {
    const html = render(
      '## H2\n\n*em* **strong** [l](https://x.org/)\n\n- a\n\n1. b\n\n> q\n\n```js\ncode()\n```\n\n<figure><img src="/f.jpg" alt="F"><figcaption>Cap</figcaption></figure>',
    );
    for (const good of [
      '<h2 id="h2">H2</h2>',
      '<em>em</em>',
      '<strong>strong</strong>',
      '<ul>',
      '<ol>',
      '<blockquote>',
      '<code class="language-js">',
      '<figure>',
      '<figcaption>Cap</figcaption>',
      'alt="F"',
    ]) {
      expect(html).toContain(good);
    }
  });

  it('keeps raw HTML as written when the site trusts its writers', () => {
    expect(render('<iframe src="/video"></iframe>', 'keep')).toBe(
      '<iframe src="https://news.example.com/blog/video"></iframe>',
    );
  });
});

describe('headings and footnotes', () => {
  const base = {
    itemUrl: 'https://news.example.com/posts/a/',
    siteUrl: 'https://news.example.com/',
  };
  const render = (body: string) => renderContentHtml(body, base, 'sanitize');

  it('gives every heading an id, unique in the story, so #links land', () => {
    const html = render(
      '## Results\n\n## Results\n\n## Élection 2026 : résultats\n\nSee [above](#results).',
    );
    expect(html).toContain('<h2 id="results">Results</h2>');
    expect(html).toContain('<h2 id="results-1">Results</h2>');
    expect(html).toContain('<h2 id="élection-2026--résultats">');
    expect(html).toContain('<a href="https://news.example.com/posts/a/#results">above</a>');
  });

  it('never gives a heading an id the story’s page uses itself', () => {
    expect(render('## Subscribe')).toBe('<h2 id="subscribe-section">Subscribe</h2>');
  });

  it('renders footnotes as linked notes, links absolute, nothing unsafe let through', () => {
    const html = render('A claim[^1].\n\n[^1]: The <script>alert(1)</script> source.\n');
    expect(html).toContain(
      '<sup class="footnote-ref"><a href="https://news.example.com/posts/a/#fn1" id="fnref1">[1]</a></sup>',
    );
    expect(html).toContain('<section class="footnotes">');
    expect(html).toContain('<li id="fn1" class="footnote-item">');
    expect(html).toContain('class="footnote-backref"');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('[^1]');
  });
});
