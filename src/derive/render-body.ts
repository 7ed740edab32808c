import type { FeedDocument, Post, SiteConfig } from '../model.js';
import { markdownToPlainText, renderContentHtml, splitMore } from '../render/html-content.js';
import { collapseWhitespace, truncateAtWord } from '../text.js';
import { feedDocuments, planFeeds } from './derive-feeds.js';
import { itemUrl } from './permalink.js';

export const SUMMARY_MAX_CHARS = 300;

/** What a post's body becomes in a feed; cached between builds, so kept apart from the post. */
export interface RenderedBody {
  summary: string;
  contentHtml: string;
}

/** Plain-text summary: the writer's, else the `<!--more-->` excerpt, else the first paragraph. */
export function deriveSummary(post: Pick<Post, 'summary'>, body: string): string {
  if (post.summary !== undefined) return collapseWhitespace(post.summary);
  const { excerpt } = splitMore(body);
  const text = collapseWhitespace(markdownToPlainText(excerpt ?? body, excerpt === undefined));
  return truncateAtWord(text, SUMMARY_MAX_CHARS);
}

/** The post's summary and its content HTML, links made absolute against its URL. */
export function renderBody(post: Post, body: string, config: SiteConfig): RenderedBody {
  return {
    summary: deriveSummary(post, body),
    contentHtml: renderContentHtml(
      splitMore(body).body,
      { itemUrl: itemUrl(post, config), siteUrl: config.url },
      config.html,
    ),
  };
}

/** All feeds for posts already in memory with their bodies (library use, tests). */
export function deriveFeeds(published: readonly Post[], config: SiteConfig): FeedDocument[] {
  return feedDocuments(
    planFeeds(published, config),
    config,
    (post) => post,
    (post) => renderBody(post, post.body ?? '', config),
  );
}
