import type { Diagnostic } from '../diagnostics.js';
import { FieldReader, type Location } from '../field-reader.js';
import type { SiteConfig } from '../model.js';
import { CONFIG_DEFAULTS, CONFIG_FIELDS } from './config-fields.js';
import { permalinkProblem } from './permalink-pattern.js';

/** What a user writes in `feedwright.config.json`; every key is checked by `validateConfig`. */
export interface UserConfig {
  title: string;
  description: string;
  url: string;
  language?: string;
  /** Every language the site publishes in, the default first, e.g. `["en-CA", "fr-CA"]`. */
  languages?: string[];
  /** Page text overrides, by language: `{"fr": {"subscribe": "Abonnez-vous"}}`. */
  text?: Record<string, Record<string, string | { one: string; other: string }>>;
  timezone?: string;
  author: { name: string; email?: string; url?: string } | string;
  copyright?: string;
  limit?: number;
  archiveSize?: number;
  archiveContent?: 'summary' | 'full';
  icon?: string;
  logo?: string;
  permalink?: string;
  /** The tool the posts were written for: its permalinks, slugs and categories are kept. */
  conventions?: 'jekyll' | 'hugo' | 'zola' | 'eleventy';
  html?: 'sanitize' | 'keep';
  hubs?: string[];
  authors?: Record<
    string,
    { name: string; email?: string; url?: string; bio?: string; image?: string } | string
  >;
  tagFeeds?: boolean;
  maxFeedBytes?: number;
}

export type ConfigResult =
  | { ok: true; config: SiteConfig; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Checks every key of a config and says everything that is wrong with it, located by `locate`. */
export function validateConfig(
  data: unknown,
  file: string,
  locate: (key: string) => Location | undefined = () => undefined,
): ConfigResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'config-not-object',
          file,
          message: 'the config must be a JSON object',
          fix: 'write {"title": …, "description": …, "url": …, "author": {"name": …}}',
        },
      ],
    };
  }
  const r = new FieldReader(data as Record<string, unknown>, file, locate);
  const c: Partial<SiteConfig> = { ...CONFIG_DEFAULTS };
  for (const [, read] of CONFIG_FIELDS) read(r, c);
  r.warnUnknownKeys(CONFIG_FIELDS.map(([key]) => key));

  const { title, description, url, author, copyright, icon, logo, maxFeedBytes, languages } = c;
  // A pattern of the posts' own tool is checked as any written one would be.
  const implied = c.conventions && !r.has('permalink') && permalinkProblem(c.permalink ?? '', url);
  if (implied) r.error('conventions', 'bad-conventions', implied.message, implied.fix);
  if (!r.ok || !title || !description || !url || !author || !languages) {
    return { ok: false, diagnostics: r.diagnostics };
  }
  const config: SiteConfig = {
    title,
    description,
    url,
    language: c.language ?? CONFIG_DEFAULTS.language,
    languages,
    timezone: c.timezone ?? CONFIG_DEFAULTS.timezone,
    author,
    limit: c.limit ?? CONFIG_DEFAULTS.limit,
    archiveSize: c.archiveSize ?? CONFIG_DEFAULTS.archiveSize,
    archiveContent: c.archiveContent ?? CONFIG_DEFAULTS.archiveContent,
    permalink: c.permalink ?? CONFIG_DEFAULTS.permalink,
    ...(c.conventions ? { conventions: c.conventions } : {}),
    html: c.html ?? CONFIG_DEFAULTS.html,
    hubs: c.hubs ?? [],
    authors: c.authors ?? {},
    tagFeeds: c.tagFeeds ?? CONFIG_DEFAULTS.tagFeeds,
    ...(copyright ? { copyright } : {}),
    ...(icon ? { icon } : {}),
    ...(logo ? { logo } : {}),
    ...(maxFeedBytes ? { maxFeedBytes } : {}),
  };
  return { ok: true, diagnostics: r.diagnostics, config };
}
