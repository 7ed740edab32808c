import type { Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { SiteConfig } from '../model.js';
import { stripXmlForbidden } from '../text.js';
import { absolutizeAttributes, type Base } from './absolute-urls.js';
import { markdown } from './markdown.js';
import { hasRawHtml, renderSafeMarkdown, safeMarkdown } from './safe-markdown.js';

/** Tags a news article needs; no script, style, frames, objects or forms. */
const SAFE_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img',
  'figure',
  'figcaption',
  'picture',
  'source',
  'del',
  's',
  'ins',
  'sup',
  'sub',
  'details',
  'summary',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
];

const SAFE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: SAFE_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'name', 'id', 'rel', 'class'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['srcset', 'sizes', 'type', 'media'],
    td: ['align', 'colspan', 'rowspan', 'style'],
    th: ['align', 'colspan', 'rowspan', 'scope', 'style'],
    ol: ['start', 'reversed', 'type', 'class'],
    li: ['value', 'class'],
    sup: ['class'],
    hr: ['class'],
    section: ['class'],
    code: ['class'],
    blockquote: ['cite'],
    q: ['cite'],
    '*': ['id', 'lang', 'dir', 'title'],
  },
  allowedClasses: {
    code: [/^language-[\w+#-]+$/],
    // Footnotes, as markdown-it-footnote marks them, so pages and readers can style them.
    sup: ['footnote-ref'],
    hr: ['footnotes-sep'],
    section: ['footnotes'],
    ol: ['footnotes-list'],
    li: ['footnote-item'],
    a: ['footnote-backref'],
  },
  // Only the column alignment that GFM tables produce.
  allowedStyles: {
    td: { 'text-align': [/^(left|right|center)$/] },
    th: { 'text-align': [/^(left|right|center)$/] },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: {},
  allowProtocolRelative: true,
};

/**
 * Markdown to HTML for feed readers: sanitized (unless the site trusts its writers) and with
 * every relative URL made absolute, because many readers ignore `xml:base`.
 */
export function renderContentHtml(
  body: string,
  base: Base,
  mode: SiteConfig['html'],
  parsed?: Token[],
): string {
  // Markdown without raw HTML cannot hold anything unsafe: markdown-it escapes all its text, so
  // only its links need checking, which the safe renderer does as sanitize-html would, at a
  // fraction of the cost (and byte for byte the same).
  const tokens = parsed ?? safeMarkdown.parse(body, {});
  if (mode === 'sanitize' && !hasRawHtml(tokens)) return finish(renderSafeMarkdown(tokens, base));
  return sanitizedHtml(body, base, mode, tokens);
}

/** Markdown to HTML through sanitize-html: what any body with raw HTML takes. */
export function sanitizedHtml(
  body: string,
  base: Base,
  mode: SiteConfig['html'],
  parsed?: Token[],
): string {
  // Both instances parse alike: tokens parsed once (and not yet rendered) serve either.
  const html = parsed
    ? markdown.renderer.render(parsed, markdown.options, {})
    : markdown.render(body);
  const absolutize = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
    tagName,
    attribs: absolutizeAttributes(attribs, base),
  });
  // An embedded player becomes a link to what it showed (see embeds.ts).
  const toLink = (_tag: string, attribs: sanitizeHtml.Attributes) => {
    const href = attribs.src ?? attribs.data ?? '';
    return { tagName: 'a', attribs: absolutizeAttributes({ href }, base), text: href };
  };
  const options: sanitizeHtml.IOptions =
    mode === 'keep'
      ? {
          allowedTags: false,
          allowedAttributes: false,
          allowVulnerableTags: true,
          transformTags: { '*': absolutize },
        }
      : {
          ...SAFE_OPTIONS,
          transformTags: { iframe: toLink, embed: toLink, object: toLink, '*': absolutize },
        };
  return finish(sanitizeHtml(html, options));
}

/** Character references such as `&#x1;` decode to characters XML cannot carry: drop them. */
function finish(html: string): string {
  return stripXmlForbidden(html).text.trim();
}
