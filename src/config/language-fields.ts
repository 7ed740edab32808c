/**
 * `languages` and `text`: the languages a site publishes in (the first the default), the folder
 * each one's feeds and pages go in, and the page text of each, built in or from the config.
 */
import { describe, type FieldReader } from '../field-reader.js';
import type { Language, PageText, PluralText, SiteConfig } from '../model.js';
import { findLanguage, primarySubtag } from '../text.js';
import { builtInText, PLURAL_KEYS, placeholders, TEXT_KEYS } from './page-text.js';

type Draft = Partial<SiteConfig>;

/** A BCP 47 tag in canonical form, or undefined when `value` is not one. */
function canonicalTag(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/** Reads `languages` (after `language`): every site language, with its folder and page text. */
export function readLanguages(r: FieldReader, c: Draft, defaultTag: string): void {
  const tags = r.has('languages') ? languageList(r, c) : [c.language ?? defaultTag];
  if (!tags) return;
  c.language = tags[0];
  const folders = languageFolders(tags);
  c.languages = tags.map((tag, i) => ({
    tag,
    folder: folders[i] ?? '',
    title: c.title ?? '',
    description: c.description ?? '',
    text: builtInText(tag) ?? (builtInText('en') as PageText),
    ...(builtInText(tag) ? {} : { locale: 'en' }),
  }));
}

/** The tags `languages` lists, canonical and distinct; undefined when it has a problem. */
function languageList(r: FieldReader, c: Draft): string[] | undefined {
  const value = r.raw('languages');
  const example = 'use e.g. "languages": ["en-CA", "fr-CA"] (the first is the default)';
  if (!Array.isArray(value) || value.length === 0) {
    return r.error(
      'languages',
      'bad-languages',
      `languages must be a list of language tags, not ${describe(value)}`,
      example,
    );
  }
  const tags: string[] = [];
  value.forEach((item, i) => {
    const tag = canonicalTag(item);
    if (!tag) {
      r.error(
        `languages[${i}]`,
        'bad-language',
        `${JSON.stringify(item)} is not a BCP 47 language tag`,
        example,
      );
    } else if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) {
      r.error(`languages[${i}]`, 'bad-languages', `${tag} is listed twice`, 'list it once');
    } else tags.push(tag);
  });
  if (r.has('language') && c.language && tags[0] && c.language !== tags[0]) {
    r.error(
      'language',
      'bad-language',
      `language is ${c.language} but languages starts with ${tags[0]}`,
      'put the default language first in languages, and leave language out',
    );
  }
  return r.ok ? tags : undefined;
}

/**
 * The folder of each language: `''` for the default, else its primary subtag (`fr/`) when no
 * other site language shares it, else the whole tag, lower-cased (`pt-br/`).
 */
export function languageFolders(tags: readonly string[]): string[] {
  return tags.map((tag, i) => {
    if (i === 0) return '';
    const shared = tags.filter((t) => primarySubtag(t) === primarySubtag(tag)).length > 1;
    return `${shared ? tag.toLowerCase() : primarySubtag(tag)}/`;
  });
}

/** Reads `text` (after `languages`): overrides of the page text, by language. */
export function readText(r: FieldReader, c: Draft): void {
  const languages = c.languages;
  if (!r.has('text')) {
    warnUntranslated(r, languages ?? []);
    return;
  }
  const value = r.raw('text');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    r.error(
      'text',
      'bad-text',
      `text must map a language to its page text, not ${describe(value)}`,
      'write e.g. "text": {"fr": {"subscribe": "Abonnez-vous"}}',
    );
    return;
  }
  if (!languages) return;
  const covered = new Set<string>();
  for (const [key, table] of Object.entries(value as Record<string, unknown>)) {
    const language = findLanguage(key, languages);
    if (!language) {
      r.error(
        `text.${key}`,
        'bad-text',
        `"${key}" is not one of the site's languages (${languages.map((l) => l.tag).join(', ')})`,
        'name a language listed in "languages" (or "language")',
      );
      continue;
    }
    language.text = overridden(r, `text.${key}`, language.text, table);
    Object.assign(language, aboutSite(r, `text.${key}`, table));
    if (table && typeof table === 'object' && TEXT_KEYS.every((k) => Object.hasOwn(table, k))) {
      // Every word given in the language: its dates are written in it too.
      covered.add(language.tag);
      delete language.locale;
    }
  }
  warnUntranslated(
    r,
    languages.filter((l) => !covered.has(l.tag)),
  );
}

/** Keys of `text.<language>` that are not page text: the site's own title and description. */
const SITE_KEYS = ['title', 'description'] as const;

/** The site's title and description in a language, where `table` gives them. */
function aboutSite(r: FieldReader, at: string, table: unknown): Partial<Language> {
  if (table === null || typeof table !== 'object' || Array.isArray(table)) return {};
  const about: Partial<Language> = {};
  for (const key of SITE_KEYS) {
    const value = (table as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const text = r.string(`${at}.${key}`, {
      example: `"${key}": "…"`,
      collapse: true,
      required: true,
      value: value ?? '',
    });
    if (text) about[key] = text;
  }
  return about;
}

/** `base` with the strings of `table` in place of its own, each checked. */
function overridden(r: FieldReader, at: string, base: PageText, table: unknown): PageText {
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    r.error(
      at,
      'bad-text',
      `${at} must map text keys to text, not ${describe(table)}`,
      'write e.g. {"subscribe": "Abonnez-vous"}',
    );
    return base;
  }
  const record = table as Record<string, unknown>;
  r.warnUnknownKeys([...SITE_KEYS, ...TEXT_KEYS], { at, record });
  const text: PageText = { ...base };
  for (const key of TEXT_KEYS) {
    if (!Object.hasOwn(record, key)) continue;
    const value = textValue(record[key], PLURAL_KEYS.includes(key as never));
    const missing =
      value && placeholders(base[key]).filter((p) => !placeholders(value).includes(p));
    if (!value) {
      const form = PLURAL_KEYS.includes(key as never) ? '{"one": "…", "other": "…"}' : 'a string';
      r.error(
        `${at}.${key}`,
        'bad-text',
        `${at}.${key} must be ${form}, not ${describe(record[key])}`,
        `write it as ${form}`,
      );
    } else if (missing && missing.length > 0) {
      const names = missing.map((p) => `{${p}}`).join(', ');
      r.error(
        `${at}.${key}`,
        'bad-text',
        `${at}.${key} leaves out ${names}`,
        `keep ${names} in it: it stands for what the text is about`,
      );
    } else Object.assign(text, { [key]: value });
  }
  return text;
}

function textValue(value: unknown, plural: boolean): string | PluralText | undefined {
  if (!plural) return typeof value === 'string' ? value : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const { one, other } = value as Record<string, unknown>;
  return typeof one === 'string' && typeof other === 'string' ? { one, other } : undefined;
}

/** A warning per language that has no built-in page text (its pages are then in English). */
function warnUntranslated(r: FieldReader, languages: readonly Language[]): void {
  for (const { tag } of languages) {
    if (builtInText(tag)) continue;
    r.report(
      'note',
      'text',
      'no-page-text',
      `pages in ${tag} show English text: feedwright has page text in English and French only`,
      `translate it under "text": {"${tag}": {…}} in the config (every key: ${TEXT_KEYS.length})`,
    );
  }
}
