import MarkdownIt, { type Token } from 'markdown-it';
import { stripXmlForbidden } from '../text.js';

// CommonMark plus GFM tables, strikethrough and autolinks. Raw HTML is parsed here and
// cleaned by sanitize-html afterwards (content-html.ts), so it is allowed through the Markdown step.
export const markdown = new MarkdownIt('default', {
  html: true,
  linkify: true,
  typographer: false,
});

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

/** Plain text of parsed Markdown prose (see `markdownToPlainText`). */
export function plainTextOf(tokens: readonly Token[], firstParagraphOnly: boolean): string {
  const blocks: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type !== 'inline') continue;
    const parent = tokens[i - 1];
    if (firstParagraphOnly && parent?.type !== 'paragraph_open') continue;
    const text = (token.children ?? [])
      .map((child) => {
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
