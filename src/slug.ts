import slugify from '@sindresorhus/slugify';
import { shortHash } from './hash.js';
import { MAX_NAME_BYTES } from './urls.js';

/**
 * URL-safe, lower-case ASCII slug; `Économie` → `economie`, `../../etc` → `etc`. A slug over
 * `MAX_NAME_BYTES` (which no file system could hold as a name) is cut to fit it, as `fitSlug`
 * does; every shorter one is as it always was.
 */
export function makeSlug(text: string): string {
  // Most names are slugs already (`my-first-post`): slugify would give them back as they are.
  const slug = PLAIN_SLUG.test(text) ? text : slugify(text, { decamelize: false });
  return fitSlug(slug, MAX_NAME_BYTES);
}

/** Lower-case ASCII words joined by single hyphens: what slugify leaves untouched. */
const PLAIN_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A name made safe for a URL path as other tools keep it: case, dots and letters of any script
 * kept, every run of anything else one `-` (`Hello World!` → `Hello-World`, `v9.9.0` → `v9.9.0`).
 */
export function safeName(text: string): string {
  const name = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._~-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return fitSlug(name, MAX_NAME_BYTES);
}

/** What `fitSlug` appends to a slug it cuts: a hyphen and eight hex digits. */
const SUFFIX_BYTES = 9;

/**
 * `slug` as it is when it has at most `maxBytes` bytes (UTF-8); else its start, cut between two
 * code points and without a trailing hyphen, then `-` and eight hex digits of a hash of the
 * whole slug, `maxBytes` at most in all. Slugs that differ anywhere stay different once cut (but
 * for a one-in-four-billion clash of hashes), and the same slug is always cut the same way.
 */
export function fitSlug(slug: string, maxBytes: number): string {
  if (Buffer.byteLength(slug) <= maxBytes) return slug;
  const hash = shortHash(slug);
  const head = cutToBytes(slug, maxBytes - SUFFIX_BYTES).replace(/-+$/, '');
  return head ? `${head}-${hash}` : hash.slice(0, Math.max(0, maxBytes));
}

/** The longest start of `text` of at most `maxBytes` bytes (UTF-8) that ends between code points. */
export function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
