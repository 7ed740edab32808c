/**
 * Embedded players (`<iframe>`, `<embed>`, `<object>`) are never carried: a feed reader would
 * run another site's page inside it. The sanitizer turns each into a link to what it showed
 * (content-html.ts), and each is named in a warning here, so nothing vanishes silently.
 */
import type { Token } from 'markdown-it';
import type { BodyProblem } from './templating.js';

const EMBED = /<(iframe|embed|object)\b[^>]*?\b(?:src|data)\s*=\s*["']?([^"'\s>]+)/gi;

/** A warning per embed in the body's raw HTML, on its line. */
export function droppedEmbeds(tokens: readonly Token[]): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const scan = (html: string, line: number) => {
    for (const match of html.matchAll(EMBED)) {
      const before = html.slice(0, match.index).split('\n').length - 1;
      problems.push({
        line: line + before,
        code: 'embed-made-link',
        message: `the <${match[1]?.toLowerCase()}> of ${match[2]} is not carried (feeds and pages run no other site's player); a link to it stands in its place`,
        fix: 'nothing to do; or link to it in words, or set "html": "keep" if you trust every writer',
      });
    }
  };
  for (const token of tokens) {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'html_block') scan(token.content, line);
    for (const child of token.children ?? []) {
      if (child.type === 'html_inline') scan(child.content, line);
    }
  }
  return problems;
}
