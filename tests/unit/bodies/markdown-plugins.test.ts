import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { headingId, withPlugins } from '../../../src/bodies/markdown-plugins.js';

describe('headingId', () => {
  it('makes ids as GitHub and Hugo do: lower case, dashes for spaces, punctuation dropped', () => {
    expect(headingId('Hello, World!')).toBe('hello-world');
    expect(headingId('  What’s new in 9.9?  ')).toBe('whats-new-in-99');
    expect(headingId('Élection 2026 : résultats')).toBe('élection-2026--résultats');
    expect(headingId('日本語の見出し')).toBe('日本語の見出し');
    expect(headingId('snake_case and-dash')).toBe('snake_case-and-dash');
  });

  it('never gives an id the page uses, nor an empty one', () => {
    expect(headingId('Main')).toBe('main-section');
    expect(headingId('Subscribe')).toBe('subscribe-section');
    expect(headingId('!!!')).toBe('section');
  });
});

describe('withPlugins', () => {
  it('adds heading ids (unique per document) and footnotes to an instance', () => {
    const md = withPlugins(new MarkdownIt());
    const html = md.render('# A\n\n# A\n\nText[^n].\n\n[^n]: Note.\n');
    expect(html).toContain('<h1 id="a">A</h1>');
    expect(html).toContain('<h1 id="a-1">A</h1>');
    expect(html).toContain('<section class="footnotes">');
    // A second document starts its ids afresh.
    expect(md.render('# A')).toContain('<h1 id="a">A</h1>');
  });
});
