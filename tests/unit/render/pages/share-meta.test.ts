import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashBytes } from '../../../../src/hash.js';
import { articleHead, jsonLd, newsArticle } from '../../../../src/render/pages/share-meta.js';
import { removeHtmlStore, storeHtml } from '../../../../src/stored-html.js';
import { all, attr, parseHtml, text } from '../../../helpers/html.js';
import { makeItem, makePost, siteConfig, siteOf } from '../../../helpers/model.js';

const config = siteConfig({ icon: '/icon.png' });
const site = siteOf([makePost({}, config)], config);
const item = makeItem({
  title: 'Budget </script><!-- passes',
  summary: 'It passed.',
  modified: new Date('2026-05-02T12:00:00Z'),
  categories: [{ name: 'Politics', slug: 'politics' }],
  tags: [{ name: 'Ottawa', slug: 'ottawa' }],
  authors: [
    { name: 'Jane Doe', slug: 'jane-doe' },
    { name: 'Sam', url: 'https://sam.example/' },
  ],
  image: {
    url: 'https://news.example.com/a.png',
    alt: 'The House',
    credit: 'AP',
    caption: 'A vote.',
    width: 1200,
    height: 675,
  },
  corrections: [{ date: new Date('2026-05-02T12:00:00Z'), text: 'The vote count was wrong.' }],
});

describe('newsArticle', () => {
  it('is a NewsArticle with its dates, every author, the image, and each correction', () => {
    expect(newsArticle(site, item)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: item.title,
      datePublished: '2026-05-01T12:00:00.000Z',
      dateModified: '2026-05-02T12:00:00.000Z',
      author: [
        { '@type': 'Person', name: 'Jane Doe', url: 'https://news.example.com/authors/jane-doe/' },
        { '@type': 'Person', name: 'Sam', url: 'https://sam.example/' },
      ],
      image: [
        {
          '@type': 'ImageObject',
          url: 'https://news.example.com/a.png',
          width: 1200,
          height: 675,
          creditText: 'AP',
        },
      ],
      articleSection: ['Politics'],
      keywords: ['Ottawa'],
      publisher: { '@type': 'Organization', name: 'Test News' },
      correction: [
        {
          '@type': 'CorrectionComment',
          text: 'The vote count was wrong.',
          datePublished: '2026-05-02T12:00:00.000Z',
        },
      ],
    });
  });

  it('has no image or correction when the story has none', () => {
    const plain = newsArticle(site, makeItem());
    expect(plain).not.toHaveProperty('image');
    expect(plain).not.toHaveProperty('correction');
  });
});

describe('articleHead', () => {
  const head = parseHtml(`<head>${articleHead(site, item).html}</head>`);
  const metas = Object.fromEntries(
    all(head, 'meta').map((m) => [attr(m, 'property') ?? attr(m, 'name'), attr(m, 'content')]),
  );

  it('writes JSON-LD that no text can break out of, and that parses back as the article', () => {
    const scripts = all(head, 'script');
    expect(scripts).toHaveLength(1);
    expect(attr(scripts[0], 'type')).toBe('application/ld+json');
    expect(text(scripts[0])).not.toContain('<');
    expect(JSON.parse(text(scripts[0]))).toEqual(JSON.parse(jsonLd(newsArticle(site, item))));
    expect(JSON.parse(text(scripts[0])).headline).toBe(item.title);
  });

  it('gives link previews the title, summary, image with its size, and dates', () => {
    expect(metas).toMatchObject({
      'og:type': 'article',
      'og:title': item.title,
      'og:description': 'It passed.',
      'og:url': item.url,
      'og:image': 'https://news.example.com/a.png',
      'og:image:width': '1200',
      'og:image:height': '675',
      'og:image:alt': 'The House',
      'article:published_time': '2026-05-01T12:00:00.000Z',
      'article:section': 'Politics',
      'article:tag': 'Ottawa',
      'twitter:card': 'summary_large_image',
      'twitter:image': 'https://news.example.com/a.png',
    });
  });

  it('shows a summary put aside on disk as its text, read once when the page gives it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedwright-share-'));
    try {
      const text = 'Put aside — été.';
      const stored = { ...storeHtml(dir, text), key: hashBytes(text) };
      const fromDisk = articleHead(site, makeItem({ summary: stored })).html;
      expect(fromDisk).toBe(articleHead(site, makeItem({ summary: text })).html);
      expect(fromDisk).toContain('content="Put aside — été."');
      // Given by the page, the summary is not read again.
      const gone = { ...stored, file: path.join(dir, 'gone.bin') };
      expect(articleHead(site, makeItem({ summary: gone }), text).html).toBe(fromDisk);
      expect(() => articleHead(site, makeItem({ summary: gone }))).toThrow();
    } finally {
      removeHtmlStore(dir);
    }
  });

  it('asks for a small card without an image', () => {
    const plain = parseHtml(articleHead(site, makeItem()).html);
    const card = all(plain, 'meta').find((m) => attr(m, 'name') === 'twitter:card');
    expect(attr(card, 'content')).toBe('summary');
    expect(all(plain, 'meta').some((m) => attr(m, 'property') === 'og:image')).toBe(false);
  });
});

describe('jsonLd', () => {
  it('writes < and the line separators as escapes, and stays the same JSON', () => {
    const value = { a: '</script><!--\u2028\u2029' };
    const out = jsonLd(value);
    expect(out).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
