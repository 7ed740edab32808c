import { validateConfig } from '../../src/config/validate-config.js';
import type { FeedItem, Post, SiteConfig } from '../../src/model.js';
import { makeConfig } from './site.js';

export function siteConfig(overrides: Parameters<typeof makeConfig>[0] = {}): SiteConfig {
  const result = validateConfig(makeConfig(overrides), 'config');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

export function makePost(overrides: Partial<Post> = {}): Post {
  return {
    sourcePath: `${overrides.slug ?? 'post'}.md`,
    title: 'A post',
    date: new Date('2026-05-01T12:00:00Z'),
    categories: [],
    tags: [],
    authors: [{ name: 'Desk' }],
    slug: 'post',
    draft: false,
    body: 'Body.\n',
    ...overrides,
  };
}

export function makeItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: 'https://news.example.com/posts/a/',
    idIsUrl: true,
    url: 'https://news.example.com/posts/a/',
    title: 'Title',
    published: new Date('2026-05-01T12:00:00Z'),
    modified: new Date('2026-05-01T12:00:00Z'),
    summary: 'Summary',
    contentHtml: '<p>Body</p>',
    categories: [],
    tags: [],
    authors: [{ name: 'Desk' }],
    ...overrides,
  };
}
