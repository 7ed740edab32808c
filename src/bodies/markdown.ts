import MarkdownIt, { type Token } from 'markdown-it';
import { stripXmlForbidden } from '../text.js';
import { withPlugins } from './markdown-plugins.js';

// CommonMark plus GFM tables, strikethrough and autolinks, heading ids and footnotes. Raw HTML is
// parsed here and cleaned by sanitize-html afterwards (content-html.ts), so it is allowed through
// the Markdown step.
export const markdown = withPlugins(
  new MarkdownIt('default', {
    html: true,
    linkify: true,
    typographer: false,
  }),
);

const MORE_MARKER = /<!--\s*more\s*-->/i;

/** Splits off the excerpt a writer marked with `<!--more-->`, if any. */
export function splitMore(body: string): { excerpt?: string; body: string } {
  const match = MORE_MARKER.exec(body);
  if (!match) return { body };
  return {
    excerpt: body.slice(0, match.index),
    body: body.slice(0, match.index) + body.slice(match.index + match[0].length),
  };
}

/** Plain text of Markdown prose (headings, paragraphs, list items), without markup. */
export function markdownToPlainText(source: string, firstParagraphOnly: boolean): string {
  return plainTextOf(markdown.parse(source, {}), firstParagraphOnly);
}

/** Elements whose text is never shown (the sanitizer drops them with their content). */
const HIDDEN_OPEN = /^<(script|style|textarea|noscript|template|iframe|object)\b/i;
const HIDDEN_CLOSE = /^<\/(script|style|textarea|noscript|template|iframe|object)\s*>/i;

/**
 * Plain text of parsed Markdown prose (see `markdownToPlainText`): never the text inside an
 * inline `<script>` or `<style>` (the content drops it, so a summary must not show it).
 */
export function plainTextOf(tokens: readonly Token[], firstParagraphOnly: boolean): string {
  const blocks: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type !== 'inline') continue;
    const parent = tokens[i - 1];
    if (firstParagraphOnly && parent?.type !== 'paragraph_open') continue;
    let hidden = 0;
    const text = (token.children ?? [])
      .map((child) => {
        if (child.type === 'html_inline') {
          if (HIDDEN_OPEN.test(child.content)) hidden++;
          else if (HIDDEN_CLOSE.test(child.content)) hidden = Math.max(0, hidden - 1);
          return '';
        }
        if (hidden > 0) return '';
        if (child.type === 'text' || child.type === 'code_inline') return child.content;
        if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
        return '';
      })
      .join('');
    if (text.trim()) blocks.push(text);
    if (firstParagraphOnly && blocks.length > 0) break;
  }
  // Character references in the Markdown may decode to characters XML cannot carry.
  return stripXmlForbidden(blocks.join(' ')).text;
}
