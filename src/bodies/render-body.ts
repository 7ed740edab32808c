import type { Post, SiteConfig } from '../model.js';
import { collapseWhitespace, truncateAtWord } from '../text.js';
import { renderContentHtml } from './content-html.js';
import { droppedEmbeds } from './embeds.js';
import { markdownToPlainText, plainTextOf, splitMore } from './markdown.js';
import { safeMarkdown } from './safe-markdown.js';
import { type BodyProblem, untemplated } from './templating.js';

export const SUMMARY_MAX_CHARS = 300;

/** Plain-text summary: the writer's, else the `<!--more-->` excerpt, else the first paragraph. */
export function deriveSummary(post: Pick<Post, 'summary'>, body: string): string {
  if (post.summary !== undefined) return collapseWhitespace(post.summary);
  const { excerpt } = splitMore(body);
  const text = collapseWhitespace(markdownToPlainText(excerpt ?? body, excerpt === undefined));
  return truncateAtWord(text, SUMMARY_MAX_CHARS);
}

/**
 * The post's summary and its content HTML, links made absolute against its URL, and what in the
 * body could not be kept (template code left out, embeds made links). The Markdown is parsed
 * once: the first paragraph's text and the HTML come from the same tokens.
 */
export function renderBody(
  post: Pick<Post, 'summary' | 'url'>,
  written: string,
  site: Pick<SiteConfig, 'url' | 'html'> & Partial<Pick<SiteConfig, 'conventions'>>,
): { summary: string; contentHtml: string; problems: BodyProblem[] } {
  const { body, problems } = untemplated(written, site.conventions);
  const { excerpt, body: content } = splitMore(body);
  const tokens = safeMarkdown.parse(content, {});
  const summary =
    post.summary !== undefined || excerpt !== undefined
      ? deriveSummary(post, body)
      : truncateAtWord(collapseWhitespace(plainTextOf(tokens, true)), SUMMARY_MAX_CHARS);
  const base = { itemUrl: post.url, siteUrl: site.url };
  const embeds = site.html === 'sanitize' ? droppedEmbeds(tokens) : [];
  return {
    summary,
    contentHtml: renderContentHtml(content, base, site.html, tokens),
    problems: [...problems, ...embeds].sort((a, b) => a.line - b.line),
  };
}
