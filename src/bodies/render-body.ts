import type { Post, RenderedBody, SiteConfig } from '../model.js';
import { collapseWhitespace, truncateAtWord } from '../text.js';
import { renderContentHtml } from './content-html.js';
import { markdownToPlainText, splitMore } from './markdown.js';

export const SUMMARY_MAX_CHARS = 300;

/** Plain-text summary: the writer's, else the `<!--more-->` excerpt, else the first paragraph. */
export function deriveSummary(post: Pick<Post, 'summary'>, body: string): string {
  if (post.summary !== undefined) return collapseWhitespace(post.summary);
  const { excerpt } = splitMore(body);
  const text = collapseWhitespace(markdownToPlainText(excerpt ?? body, excerpt === undefined));
  return truncateAtWord(text, SUMMARY_MAX_CHARS);
}

/** The post's summary and its content HTML, links made absolute against its URL. */
export function renderBody(
  post: Pick<Post, 'summary' | 'url'>,
  body: string,
  site: Pick<SiteConfig, 'url' | 'html'>,
): RenderedBody {
  return {
    summary: deriveSummary(post, body),
    contentHtml: renderContentHtml(
      splitMore(body).body,
      { itemUrl: post.url, siteUrl: site.url },
      site.html,
    ),
  };
}
