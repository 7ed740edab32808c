import { describe, expect, it } from 'vitest';
import { deriveSummary, renderBody, SUMMARY_MAX_CHARS } from '../../../src/bodies/render-body.js';
import { makePost, siteConfig } from '../../helpers/model.js';

describe('deriveSummary', () => {
  it("uses the writer's summary as is", () => {
    expect(deriveSummary({ summary: 'Mine  <b>' }, 'Other')).toBe('Mine <b>');
  });
  it('uses the text before <!--more-->, all of it', () => {
    expect(deriveSummary({}, 'One *two*.\n\n## Three\n\n<!-- more -->\n\nFour.')).toBe(
      'One two. Three',
    );
  });
  it('else the first paragraph as plain text, skipping a leading heading', () => {
    expect(deriveSummary({}, '# Head\n\nFirst [link](x) and `code`\nwrapped.\n\nSecond.')).toBe(
      'First link and code wrapped.',
    );
  });
  it('cuts a long paragraph at a word boundary near 300 characters', () => {
    const summary = deriveSummary({}, 'word '.repeat(200));
    expect(summary.endsWith('word…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
  });
  it('is empty for an empty body', () => {
    expect(deriveSummary({}, '')).toBe('');
  });
});

describe('renderBody', () => {
  const config = siteConfig({ url: 'https://u.github.io/repo/' });
  const post = makePost({ slug: 's' }, config);

  it('makes links absolute against the post URL, and root paths against the site URL', () => {
    const { contentHtml } = renderBody(post, '[a](other/) ![b](/img/b.png)', config);
    expect(contentHtml).toContain('href="https://u.github.io/repo/posts/s/other/"');
    expect(contentHtml).toContain('src="https://u.github.io/repo/img/b.png"');
  });

  it('drops the <!--more--> marker from the content and keeps what follows it', () => {
    const rendered = renderBody(post, 'Lead.\n\n<!--more-->\n\nRest.', config);
    expect(rendered.summary).toBe('Lead.');
    expect(rendered.contentHtml).toBe('<p>Lead.</p>\n<p>Rest.</p>');
  });

  it('sanitizes raw HTML unless the site keeps it', () => {
    const body = 'Hi <script>alert(1)</script>';
    expect(renderBody(post, body, config).contentHtml).not.toContain('<script');
    expect(renderBody(post, body, { ...config, html: 'keep' }).contentHtml).toContain('<script');
  });
});

describe('renderBody with template code and embeds', () => {
  const site = { url: 'https://news.example.com/', html: 'sanitize' as const };
  const post = { url: 'https://news.example.com/posts/a/' };

  it('never lets template code reach the summary or the content, and says what was left out', () => {
    const jekyll = { ...site, conventions: 'jekyll' as const };
    const r = renderBody(
      post,
      '{% include x %} The lede {{ site.title }} here.\n\nMore.\n',
      jekyll,
    );
    expect(r.summary).toBe('The lede here.');
    expect(r.contentHtml).not.toContain('{{');
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'liquid-left-out'],
      [1, 'liquid-left-out'],
    ]);
  });

  it('makes an iframe a link to what it showed, with a warning', () => {
    const r = renderBody(
      post,
      'Watch:\n\n<iframe src="https://player.vimeo.com/video/1"></iframe>\n',
      site,
    );
    expect(r.contentHtml).toContain(
      '<a href="https://player.vimeo.com/video/1">https://player.vimeo.com/video/1</a>',
    );
    expect(r.problems.map((p) => p.code)).toEqual(['embed-made-link']);
  });
});
