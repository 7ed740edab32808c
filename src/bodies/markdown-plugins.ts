/**
 * What real posts use beyond CommonMark, on both Markdown instances alike: an `id` on every
 * heading (so `[see below](#results)` and links from elsewhere land), and footnotes (`[^1]`).
 */
import type { MarkdownIt } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';

/** Ids the page around a story uses itself: a heading never takes one of them. */
const PAGE_IDS = new Set(['main', 'subscribe', 'subscribe-heading', 'latest-heading']);

/**
 * A heading's id as GitHub and Hugo make it: lower case, spaces to `-`, punctuation dropped,
 * letters of any script kept (`## Élection 2026 : résultats` → `élection-2026--résultats`).
 */
export function headingId(text: string): string {
  const id = text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
  return PAGE_IDS.has(id) ? `${id}-section` : id || 'section';
}

export function withPlugins(md: MarkdownIt): MarkdownIt {
  return md.use(anchor, { slugify: headingId, tabIndex: false }).use(footnote);
}
