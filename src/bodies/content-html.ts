import sanitizeHtml from 'sanitize-html';
import type { SiteConfig } from '../model.js';
import { stripXmlForbidden } from '../text.js';
import { markdown } from './markdown.js';

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'action', 'background', 'longdesc'];

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
    a: ['href', 'title', 'name', 'id', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['srcset', 'sizes', 'type', 'media'],
    td: ['align', 'colspan', 'rowspan', 'style'],
    th: ['align', 'colspan', 'rowspan', 'scope', 'style'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    code: ['class'],
    blockquote: ['cite'],
    q: ['cite'],
    '*': ['id', 'lang', 'dir', 'title'],
  },
  allowedClasses: { code: [/^language-[\w+#-]+$/] },
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
  base: { itemUrl: string; siteUrl: string },
  mode: SiteConfig['html'],
): string {
  const html = markdown.render(body);
  const absolutize = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
    tagName,
    attribs: absolutizeAttributes(attribs, base),
  });
  const options: sanitizeHtml.IOptions =
    mode === 'keep'
      ? {
          allowedTags: false,
          allowedAttributes: false,
          allowVulnerableTags: true,
          transformTags: { '*': absolutize },
        }
      : { ...SAFE_OPTIONS, transformTags: { '*': absolutize } };
  // Character references such as `&#x1;` decode to characters XML cannot carry; drop them.
  return stripXmlForbidden(sanitizeHtml(html, options)).text.trim();
}

type Base = { itemUrl: string; siteUrl: string };

function absolutizeAttributes(
  attribs: sanitizeHtml.Attributes,
  baseUrl: Base,
): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = { ...attribs };
  for (const name of URL_ATTRIBUTES) {
    const value = out[name];
    if (value !== undefined) out[name] = absoluteUrl(value, baseUrl);
  }
  if (out.srcset !== undefined) out.srcset = absoluteSrcset(out.srcset, baseUrl);
  return out;
}

/**
 * `/x` means the site root (which may be a sub-path, as on GitHub Pages project sites), the way
 * front-matter paths do; `x` and `../x` are relative to the post's own URL.
 */
function absoluteUrl(value: string, base: Base): string {
  const trimmed = value.trim();
  // Fragments stay as they are; a reader shows the item on its own, so they still point inside it.
  if (trimmed === '' || trimmed.startsWith('#')) return value;
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//'))
      return new URL(trimmed.slice(1), base.siteUrl).href;
    return new URL(trimmed, base.itemUrl).href;
  } catch {
    return value;
  }
}

function absoluteSrcset(srcset: string, baseUrl: Base): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      return url ? [absoluteUrl(url, baseUrl), ...descriptor].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}
