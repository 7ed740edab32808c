/** The config `feedwright init` writes: the flags given, else defaults a new site can build with. */

/** Where the config's `$schema` points: the schema inside the installed package. */
export const SCHEMA_REFERENCE = './node_modules/feedwright/schema/feedwright.config.schema.json';

/** The URL a site gets when neither `--url` nor a GitHub remote says where it will live. */
export const PLACEHOLDER_URL = 'https://example.com/';

export interface SiteChoices {
  title: string;
  url: string;
  timezone: string;
}

/** The config object, keys in the order the README lists them. */
export function siteConfig(choices: SiteChoices): Record<string, unknown> {
  return {
    $schema: SCHEMA_REFERENCE,
    title: choices.title,
    description: `The latest from ${choices.title}.`,
    url: choices.url,
    language: 'en',
    timezone: choices.timezone,
    author: { name: choices.title },
    limit: 50,
    permalink: '/posts/:slug/',
  };
}

/** The config as its file holds it: two-space JSON, one key a line, a final newline. */
export function configText(config: Record<string, unknown>): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A site title from its folder's name: `my-news_site` → `My News Site`; `My News` for none. */
export function titleFromFolder(name: string): string {
  const words = name
    .split(/[\s_.-]+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => word.charAt(0).toLocaleUpperCase('en') + word.slice(1));
  return words.length > 0 ? words.join(' ') : 'My News';
}

/** This machine's IANA time zone (what `date` says), or UTC when it cannot tell. */
export function machineTimeZone(): string {
  try {
    return new Intl.DateTimeFormat('en').resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
