import slugify from '@sindresorhus/slugify';

/** URL-safe, lower-case ASCII slug; `Économie` → `economie`, `../../etc` → `etc`. */
export function makeSlug(text: string): string {
  return slugify(text, { decamelize: false });
}
