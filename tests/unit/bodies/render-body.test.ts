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
