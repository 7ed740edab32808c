import type { Token } from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { lazyPackage } from '../lazy-package.js';
import type { SiteConfig } from '../model.js';
import { stripXmlForbidden } from '../text.js';
import { absolutizeAttributes, type Base } from './absolute-urls.js';
import { markdown } from './markdown.js';
import { hasRawHtml, needsWholeStory, renderSafeMarkdown, safeMarkdown } from './safe-markdown.js';

/** sanitize-html, loaded by the first body with raw HTML (Markdown alone never needs it). */
const sanitize = lazyPackage<typeof sanitizeHtml>('sanitize-html');

/** Tags a news article needs besides sanitize-html's own; no script, style, frames, objects or forms. */
const MORE_TAGS = [
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

let safeTagList: string[] | undefined;

/** sanitize-html's own tags and those `MORE_TAGS` adds. */
function safeTags(): string[] {
  safeTagList ??= [...sanitize().defaults.allowedTags, ...MORE_TAGS];
  return safeTagList;
}

const SAFE_OPTIONS: Omit<sanitizeHtml.IOptions, 'allowedTags'> = {
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
  // fraction of the cost (and byte for byte the same). Raw HTML that stands in whole blocks of
  // its own is sanitized block by block, the Markdown around it rendered safe.
  const tokens = parsed ?? safeMarkdown.parse(body, {});
  if (mode === 'sanitize') {
    if (!hasRawHtml(tokens)) return finish(renderSafeMarkdown(tokens, base));
    const blocks = sanitizedBlocks(tokens, base);
    if (blocks) return finish(renderSafeMarkdown(tokens, base, blocks));
  }
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
  return finish(sanitize()(html, sanitizeOptions(base, mode)));
}

/** What sanitize-html is told for a post at `base`: the safe tags, or (`keep`) every tag. */
function sanitizeOptions(base: Base, mode: SiteConfig['html']): sanitizeHtml.IOptions {
  const absolutize = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
    tagName,
    attribs: absolutizeAttributes(attribs, base),
  });
  // An embedded player becomes a link to what it showed (see embeds.ts).
  const toLink = (_tag: string, attribs: sanitizeHtml.Attributes) => {
    const href = attribs.src ?? attribs.data ?? '';
    return { tagName: 'a', attribs: absolutizeAttributes({ href }, base), text: href };
  };
  return mode === 'keep'
    ? {
        allowedTags: false,
        allowedAttributes: false,
        allowVulnerableTags: true,
        transformTags: { '*': absolutize },
      }
    : {
        ...SAFE_OPTIONS,
        allowedTags: safeTags(),
        transformTags: { iframe: toLink, embed: toLink, object: toLink, '*': absolutize },
      };
}

/**
 * Each raw HTML block sanitized on its own, when that gives what sanitizing the whole story
 * would: the raw HTML is only in blocks (none inline, no footnotes), none inside a list or a
 * quote, and each block is whole — every element it opens it closes itself, in order, it closes
 * nothing it did not open, and it leaves no tag, attribute or comment open. The parser then
 * starts and ends each block in plain text with nothing open, as it would in the whole story.
 * Undefined when any block is not (the whole story is then sanitized); a differential test holds
 * the two ways to the same bytes.
 */
export function sanitizedBlocks(
  tokens: readonly Token[],
  base: Base,
): Map<Token, string> | undefined {
  const blocks = new Map<Token, string>();
  const options = sanitizeOptions(base, 'sanitize');
  for (const token of tokens) {
    if (needsWholeStory(token)) return undefined;
    if (token.type !== 'html_block') continue;
    if (token.level !== 0) return undefined;
    const html = wholeBlock(token.content, options);
    if (html === undefined) return undefined;
    blocks.set(token, html);
  }
  return blocks;
}

/** Elements with no end tag (those of the HTML standard, all of them void to htmlparser2 too). */
const VOID = new Set('area base br col embed hr img input link meta source track wbr'.split(' '));
/** An end tag as the parser reads one in text. */
const END_TAG = /<\/[a-zA-Z]/g;
/**
 * Put after a block and sanitized with it: it comes out as it went in only when the parser was
 * back in plain text at the block's end — not inside a tag, an attribute, an end tag or a comment
 * left open, which in the whole story would swallow what follows.
 */
const PROBE = '<p>feedwright-block-end</p>';

/** `html` sanitized with `options`, if it is a whole block (see `sanitizedBlocks`); else undefined. */
function wholeBlock(html: string, options: sanitizeHtml.IOptions): string | undefined {
  let whole = true;
  let ended = 0;
  const sanitized = sanitize()(`${html}${PROBE}`, {
    ...options,
    onCloseTag: (name, implied) => {
      if (!implied) ended++;
      else if (!VOID.has(name)) whole = false;
    },
  });
  // As many elements closed as end tags written (the probe's one included): none stray
  // (closing nothing here), and no `<x/>` of SVG or MathML closing an element with no end tag.
  const closed = ended === (html.match(END_TAG)?.length ?? 0) + 1;
  return whole && closed && sanitized.endsWith(PROBE)
    ? sanitized.slice(0, -PROBE.length)
    : undefined;
}

/** Character references such as `&#x1;` decode to characters XML cannot carry: drop them. */
function finish(html: string): string {
  return stripXmlForbidden(html).text.trim();
}
