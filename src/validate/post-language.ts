/** A post's `language:` (one of the site's) and `translationKey:` (what its translations share). */
import type { FieldReader } from '../field-reader.js';
import type { Language } from '../model.js';
import { findLanguage } from '../text.js';

/** The site language a post is in: its `language:`, else the site's default. */
export function readPostLanguage(
  r: FieldReader,
  languages: readonly Language[],
): Language | undefined {
  const fallback = languages[0];
  // Jekyll's multilingual plugins call it `lang`.
  const key = r.pick(['language', 'lang']);
  if (!r.has(key)) return fallback;
  const value = r.string(key, { example: `${key}: "${fallback?.tag ?? 'en'}"` });
  if (value === undefined) return undefined;
  const found = findLanguage(value, languages);
  if (found) return found;
  const listed = languages.map((l) => l.tag).join(', ');
  if (languages.length === 1) {
    // A site in one language publishes every post in it, as it always did; the post is told.
    r.report(
      'warning',
      key,
      'other-language',
      `${key} "${value}" is not the site's language (${listed}): the post is published as ${listed}`,
      `list every language the site publishes in: "languages": ["${fallback?.tag}", "${value}"]`,
    );
    return fallback;
  }
  return r.error(
    key,
    'bad-language',
    `${key} "${value}" is not one of the site's languages (${listed})`,
    `use one of ${listed}, or add it to "languages" in the config`,
  );
}

export function readTranslationKey(r: FieldReader): string | undefined {
  const key = r.string('translationKey', {
    example: 'translationKey: "budget-2026"',
    collapse: true,
  });
  if (key === undefined || key !== '') return key;
  return r.error(
    'translationKey',
    'empty',
    'translationKey is empty',
    'give the same key to a story and its translations, e.g. translationKey: "budget-2026"',
  );
}
