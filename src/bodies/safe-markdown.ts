/**
 * Markdown without raw HTML, rendered safe directly: markdown-it escapes every piece of text, so
 * what sanitize-html would still do to its output is small and known — check link schemes, make
 * URLs absolute, drop code classes it does not allow, and write HTML the way it serializes it. Done
 * here, on the tokens, it costs a fraction of parsing the HTML again and gives the same bytes
 * (a differential test holds the two to that).
 */

import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { absoluteUrl, type Base } from './absolute-urls.js';
import { withPlugins } from './markdown-plugins.js';

/** The same Markdown as `markdown` (markdown.ts), writing `<br />`-style void tags as sanitize-html does. */
export const safeMarkdown = withPlugins(
  new MarkdownIt('default', {
    html: true,
    linkify: true,
    typographer: false,
    xhtmlOut: true,
  }),
);

/** The schemes sanitize-html lets through (its `allowedSchemes` in content-html.ts). */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
/** The code classes sanitize-html lets through (its `allowedClasses` in content-html.ts). */
const CODE_CLASS = /^language-[\w+#-]+$/;

/**
 * True when the Markdown holds raw HTML anywhere, or footnotes (whose markup the footnote plugin
 * writes itself, links and all): then only sanitize-html will do, block by block or whole.
 */
export function hasRawHtml(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.type === 'html_block' || needsWholeStory(token));
}

/**
 * True when `token` is, or holds, what only sanitize-html reading the whole story renders: raw
 * HTML inside a paragraph, or a footnote.
 */
export function needsWholeStory(token: Token): boolean {
  return (
    token.type === 'footnote_block_open' ||
    (token.children?.some(
      (child) => child.type === 'html_inline' || child.type === 'footnote_ref',
    ) ??
      false)
  );
}

/**
 * Tokens without raw HTML rendered safe; `blocks` gives what each raw HTML block (the only raw
 * HTML there may then be) renders as, sanitized already.
 */
export function renderSafeMarkdown(
  tokens: Token[],
  base: Base,
  blocks?: ReadonlyMap<Token, string>,
): string {
  return safeMarkdown.renderer.render(tokens, safeMarkdown.options, { base, blocks });
}

/** sanitize-html escapes text without quotes (attributes keep markdown-it's escaping). */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * A URL attribute as sanitize-html leaves it: made absolute, then dropped when empty or of a
 * scheme it does not allow (launder's `naughtyHref`).
 */
function cleanUrl(value: string, base: Base): string | undefined {
  const url = absoluteUrl(value, base);
  if (url === '') return undefined;
  const bare = url.replace(/[\x00-\x20]+/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(bare);
  return !scheme || ALLOWED_SCHEMES.has((scheme[1] as string).toLowerCase()) ? url : undefined;
}

function withCleanUrl(token: Token, name: 'href' | 'src', base: Base): void {
  const i = token.attrIndex(name);
  const attrs = token.attrs;
  if (i < 0 || !attrs) return;
  const url = cleanUrl((attrs[i] as [string, string])[1], base);
  if (url === undefined) attrs.splice(i, 1);
  else attrs[i] = [name, url];
}

/** The post's URLs, passed through markdown-it's `env`. */
function baseOf(env: unknown): Base {
  return (env as { base: Base }).base;
}

/** The raw HTML blocks sanitized already, passed through markdown-it's `env`. */
function blocksOf(env: unknown): ReadonlyMap<Token, string> | undefined {
  return (env as { blocks?: ReadonlyMap<Token, string> }).blocks;
}

const rules = safeMarkdown.renderer.rules;
const render = safeMarkdown.renderer;

// Raw HTML reaches this renderer only as blocks sanitized already (see `renderContentHtml`);
// any other is refused loudly.
const refuse = (): never => {
  throw new Error('raw HTML reached the safe Markdown renderer');
};
rules.html_inline = refuse;
rules.html_block = (tokens, idx, _options, env) =>
  blocksOf(env)?.get(tokens[idx] as Token) ?? refuse();

rules.text = (tokens, idx) => escapeText((tokens[idx] as Token).content);

rules.code_inline = (tokens, idx) => `<code>${escapeText((tokens[idx] as Token).content)}</code>`;

rules.code_block = (tokens, idx) =>
  `<pre><code>${escapeText((tokens[idx] as Token).content)}</code></pre>\n`;

rules.fence = (tokens, idx) => {
  const token = tokens[idx] as Token;
  const info = token.info ? safeMarkdown.utils.unescapeAll(token.info).trim() : '';
  const language = info ? `language-${info.split(/(\s+)/g)[0]}` : '';
  const attr = CODE_CLASS.test(language)
    ? ` class="${safeMarkdown.utils.escapeHtml(language)}"`
    : '';
  return `<pre><code${attr}>${escapeText(token.content)}</code></pre>\n`;
};

rules.link_open = (tokens, idx, options, env) => {
  withCleanUrl(tokens[idx] as Token, 'href', baseOf(env));
  return render.renderToken(tokens, idx, options);
};

rules.image = (tokens, idx, options, env) => {
  const token = tokens[idx] as Token;
  const alt = token.attrIndex('alt');
  if (token.attrs && alt >= 0) {
    (token.attrs[alt] as [string, string])[1] = render.renderInlineAsText(
      token.children ?? [],
      options,
      env,
    );
  }
  withCleanUrl(token, 'src', baseOf(env));
  return render.renderToken(tokens, idx, options);
};
