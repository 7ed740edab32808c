/** The plain text of a short piece of HTML, such as an Atom `type="html"` title. */
import { collapseWhitespace } from '../text.js';

// The named references feed titles use in practice; any character can also come as a number.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
};

/**
 * Tags removed, character references decoded, whitespace collapsed. An unknown named reference
 * stays as written; a number that is no Unicode scalar value becomes U+FFFD, as browsers do.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z]+));/g, (whole, dec, hex, name) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex, 16);
      const scalar = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) && code !== 0;
      return scalar ? String.fromCodePoint(code) : '\uFFFD';
    });
  return collapseWhitespace(text);
}
