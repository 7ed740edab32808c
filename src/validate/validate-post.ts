import type { Diagnostic } from '../diagnostics.js';
import { FieldReader } from '../field-reader.js';
import type { FrontMatter } from '../load/front-matter.js';
import type { Language, Post, SiteConfig } from '../model.js';
import { itemPagePath } from '../urls.js';
import { fileNameOf } from './file-name.js';
import { FOREIGN_KEYS } from './foreign-keys.js';
import {
  checkPostAddress,
  type OwnAddress,
  type PermalinkFacts,
  postUrl,
  readOwnAddress,
} from './permalink.js';
import {
  POST_KEY_ALIASES,
  POST_KEYS,
  placeBesidePost,
  readAliases,
  readAuthors,
  readCategories,
  readCorrections,
  readDates,
  readDraft,
  readExpires,
  readFeed,
  readId,
  readImage,
  readLink,
  readSlug,
  readSummary,
  readTags,
  readTitle,
} from './post-fields.js';
import { readPostLanguage, readTranslationKey } from './post-language.js';

/** Keys read under another name, and other tools' keys that change nothing here. */
const ACCEPTED_KEYS = new Set([...POST_KEY_ALIASES, ...FOREIGN_KEYS]);

export interface PostValidation {
  post?: Post;
  diagnostics: Diagnostic[];
}

/**
 * Turns one post's front matter into a typed `Post`, its URL and page path settled, or says
 * everything that is wrong with it. The body is not read.
 */
export function validatePost(
  fm: FrontMatter,
  sourcePath: string,
  displayPath: string,
  config: SiteConfig,
): PostValidation {
  const r = new FieldReader(fm.data, displayPath, (key) => fm.locations?.get(key));
  // Other tools' names for keys are read in posts written for those tools, and only there: on a
  // site of feedwright's own they stay unknown keys, so upgrading changes no post.
  r.readsOtherNames = config.conventions !== undefined;
  const title = readTitle(r);
  const name = fileNameOf(sourcePath);
  const { date, updated: written } = readDates(r, config.timezone, name.date);
  const summary = readSummary(r);
  const categories = readCategories(r, config.conventions, sourcePath);
  const tags = readTags(r);
  const authors = readAuthors(r, config.authors);
  const slug = readSlug(r, name, config.conventions);
  const id = readId(r);
  const link = readLink(r);
  const lead = readImage(r, config);
  const aliases = readAliases(r, config);
  const draft = readDraft(r);
  const corrections = readCorrections(r, config.timezone, date);
  const feed = readFeed(r);
  const expires = readExpires(r, config.timezone, date);
  const own = r.readsOtherNames ? readOwnAddress(r, config) : undefined;
  const language = readPostLanguage(r, config.languages);
  const translationKey = readTranslationKey(r);
  r.warnUnknownKeys(POST_KEYS, undefined, r.readsOtherNames ? ACCEPTED_KEYS : undefined);
  // A correction moves `updated` (never the id or `date`): readers see the story was changed.
  const updated = latest(written, corrections.at(-1)?.date);

  if (!r.ok || !title || !date || !slug || !authors || !language)
    return { diagnostics: r.diagnostics };
  const { conventions } = config;
  const facts = { slug, date, sourcePath, categories, slugGiven: r.has('slug'), conventions };
  const { url, pagePath } = addressOf(facts, { link, own, language }, config);
  const image = lead && placeBesidePost(r, lead, { url, pagePath, sourcePath });
  if (lead && !image) return { diagnostics: r.diagnostics };
  const address = { url, link, pagePath, language: language.tag };
  if (!checkPostAddress(r, address, config)) return { diagnostics: r.diagnostics };
  if (pagePath && aliases.some((alias) => alias.page === pagePath)) {
    r.error(
      'aliases',
      'alias-is-own-address',
      `an alias is the post's own address (${url})`,
      'list only addresses the post had before',
    );
    return { diagnostics: r.diagnostics };
  }
  return {
    diagnostics: r.diagnostics,
    post: {
      sourcePath,
      title,
      date,
      ...(updated ? { updated } : {}),
      ...(summary ? { summary } : {}),
      categories,
      tags,
      authors,
      slug,
      language: language.tag,
      ...(translationKey ? { translationKey } : {}),
      ...(id ? { id } : {}),
      ...(link ? { link } : {}),
      url,
      ...(pagePath ? { pagePath } : {}),
      ...(image ? { image } : {}),
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(corrections.length > 0 ? { corrections } : {}),
      ...(feed !== 'full' ? { feed } : {}),
      ...(expires ? { expires } : {}),
      draft: draft || own === false,
      bodyLine: fm.bodyLine,
    },
  };
}

/**
 * The post's URL and page path: its `link`, else its own address, else the permalink expanded —
 * in its language's folder (`fr/posts/…`) for a language other than the default.
 */
function addressOf(
  facts: PermalinkFacts,
  given: { link?: string | undefined; own: OwnAddress | undefined; language: Language },
  config: SiteConfig,
): { url: string; pagePath?: string } {
  const { own } = given;
  // What `postUrl` reads, not a copy of the whole config for every post.
  const pattern = {
    url: config.url + given.language.folder,
    permalink: typeof own === 'object' ? own.pattern : config.permalink,
    timezone: config.timezone,
  };
  const url = given.link ?? ((typeof own === 'string' && own) || postUrl(facts, pattern));
  const pagePath = itemPagePath(url, config.url);
  return pagePath ? { url, pagePath } : { url };
}

/** The later of two dates, either of which may be absent. */
function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a || !b) return a ?? b;
  return a >= b ? a : b;
}
