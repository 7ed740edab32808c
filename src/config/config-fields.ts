/** One small reader per config key, in the order their problems are reported. */
import { describe, type FieldReader } from '../field-reader.js';
import type { AuthorProfile, Conventions, SiteConfig } from '../model.js';
import { makeSlug } from '../slug.js';
import { hubProblem, imageUrl, siteUrlProblem } from './config-urls.js';
import { readLanguages, readText } from './language-fields.js';
import { permalinkProblem } from './permalink-pattern.js';

/** The config as its keys are read: every key optional until all have been. */
export type ConfigDraft = Partial<SiteConfig>;

type KeyReader = (r: FieldReader, draft: ConfigDraft) => void;

/** What a key is when it is not set. */
export const CONFIG_DEFAULTS = {
  language: 'en',
  timezone: 'UTC',
  limit: 50,
  archiveSize: 100,
  archiveContent: 'summary',
  permalink: '/posts/:slug/',
  html: 'sanitize',
  tagFeeds: true,
} as const satisfies ConfigDraft;

const PERMALINK_TOKENS = [
  ':slug',
  ':title',
  ':filename',
  ':year',
  ':month',
  ':day',
  ':sections',
  ':section',
  ':categories',
  ':category',
];

/**
 * Each tool's own permalink pattern, as its documentation gives the default: Jekyll's `date`
 * style, Hugo's and Zola's path of sections then slug, Eleventy's path of folders then file.
 */
export const CONVENTION_PERMALINKS: Record<Conventions, string> = {
  jekyll: '/:categories/:year/:month/:day/:title.html',
  hugo: '/:sections/:slug/',
  zola: '/:sections/:slug/',
  eleventy: '/:sections/:filename/',
};

const readTitle: KeyReader = (r, c) => {
  c.title = r.string('title', { required: true, example: '"title": "My News"', collapse: true });
};

const readDescription: KeyReader = (r, c) => {
  c.description = r.string('description', {
    required: true,
    example: '"description": "News from …"',
    collapse: true,
  });
};

const readUrl: KeyReader = (r, c) => {
  if (!r.has('url')) {
    r.error(
      'url',
      'missing',
      'url is missing',
      'add "url": "https://example.com/", where the feeds will be served',
    );
    return;
  }
  const href = r.url('url', r.raw('url'), 'https://example.com/');
  if (!href) return;
  const problem = siteUrlProblem(href);
  if (problem) r.error('url', 'bad-url', problem.message, problem.fix);
  // Without a query or fragment, the href ends in its path: a folder's ends in `/`.
  else c.url = href.endsWith('/') ? href : `${href}/`;
};

const readLanguage: KeyReader = (r, c) => {
  if (!r.has('language')) return;
  const tag = r.raw('language');
  try {
    if (typeof tag !== 'string') throw new RangeError();
    c.language = Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    r.error(
      'language',
      'bad-language',
      `language ${JSON.stringify(tag)} is not a BCP 47 language tag`,
      'use e.g. "en", "en-CA" or "fr"',
    );
  }
};

const readTimezone: KeyReader = (r, c) => {
  if (!r.has('timezone')) return;
  const zone = r.raw('timezone');
  try {
    if (typeof zone !== 'string') throw new RangeError();
    c.timezone = canonicalZones().has(zone)
      ? zone
      : new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    r.error(
      'timezone',
      'bad-timezone',
      `timezone ${JSON.stringify(zone)} is not a known IANA time zone`,
      'use e.g. "America/Toronto" or "UTC"',
    );
  }
};

/**
 * The zones `Intl` names as they are (each resolves to itself): checking a zone against them takes
 * ~3 ms, where making a formatter to resolve it takes ~25 ms of loading locale data, a tenth of a
 * build that finds its output up to date. Other names ("UTC", "US/Eastern") are resolved.
 */
function canonicalZones(): ReadonlySet<string> {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return zones;
}

let zones: Set<string> | undefined;

const readAuthor: KeyReader = (r, c) => {
  c.author = r.has('author')
    ? r.person('author', r.raw('author'))
    : r.error(
        'author',
        'missing',
        'author is missing',
        'add "author": {"name": "Newsroom", "email": "news@example.com"}',
      );
};

/** A whole number of at least 1 (`limit`, `archiveSize`). */
const readCount =
  (key: 'limit' | 'archiveSize', example: number): KeyReader =>
  (r, c) => {
    if (!r.has(key)) return;
    const value = r.raw(key);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      r.error(
        key,
        badCode(key),
        `${key} must be a whole number of at least 1, not ${JSON.stringify(value)}`,
        `use e.g. "${key}": ${example}`,
      );
    } else c[key] = value;
  };

const readPermalink: KeyReader = (r, c) => {
  if (!r.has('permalink')) return;
  const value = r.string('permalink', { example: '"/posts/:slug/"' });
  if (value === undefined) return;
  if (!/:(slug|title|filename)\b/.test(value)) {
    r.error(
      'permalink',
      'bad-permalink',
      'permalink must contain :slug (or :title or :filename), or two posts would share a URL',
      `use e.g. "/posts/:slug/" (tokens: ${PERMALINK_TOKENS.join(' ')})`,
    );
    return;
  }
  const problem = /[?#\s]|^[a-z][a-z0-9+.-]*:\/\//i.test(value)
    ? { message: 'permalink must be a path on the site', fix: 'use e.g. "/posts/:slug/"' }
    : permalinkProblem(value, c.url);
  if (problem) r.error('permalink', 'bad-permalink', problem.message, problem.fix);
  else c.permalink = value;
};

/** The code of a bad value of a camel-cased key: `archiveContent` → `bad-archive-content`. */
function badCode(key: string): string {
  return `bad-${key.replace(/[A-Z]/g, (l) => `-${l.toLowerCase()}`)}`;
}

/** A key that takes one of a few words (`html`, `archiveContent`). */
const readChoice =
  <K extends 'html' | 'archiveContent'>(
    key: K,
    choices: readonly NonNullable<ConfigDraft[K]>[],
    fix: string,
  ): KeyReader =>
  (r, c) => {
    if (!r.has(key)) return;
    const value = r.raw(key);
    if (!choices.includes(value as never)) {
      const words = choices.map((w) => `"${w}"`).join(' or ');
      const code = badCode(key);
      r.error(key, code, `${key} must be ${words}, not ${JSON.stringify(value)}`, fix);
    } else c[key] = value as ConfigDraft[K];
  };

const readHubs: KeyReader = (r, c) => {
  c.hubs = [];
  if (!r.has('hubs')) return;
  const value = r.raw('hubs');
  if (!Array.isArray(value)) {
    r.error(
      'hubs',
      'bad-hubs',
      'hubs must be a list of URLs',
      'use e.g. "hubs": ["https://pubsubhubbub.appspot.com/"]',
    );
    return;
  }
  value.forEach((hub, i) => {
    const key = `hubs[${i}]`;
    const href = r.url(key, hub, 'https://pubsubhubbub.appspot.com/');
    const problem = href && hubProblem(key, href);
    if (problem) r.error(key, 'bad-hub', problem.message, problem.fix);
    else if (href) c.hubs?.push(href);
  });
};

/**
 * `authors`: writers' profiles by the key posts name them by, each `{name, email?, url?, bio?,
 * image?}`. The key names the author's page and feed folder, so it stays when a name changes.
 */
const readAuthors: KeyReader = (r, c) => {
  c.authors = {};
  if (!r.has('authors')) return;
  const value = r.raw('authors');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    r.error(
      'authors',
      'bad-authors',
      `authors must map a key to a profile, not ${describe(value)}`,
      'write e.g. "authors": {"jdoe": {"name": "Jane Doe", "bio": "…"}}',
    );
    return;
  }
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const profile = authorProfile(r, key, entry, c.url);
    // Defined, not assigned: a key such as "__proto__" is a key like any other.
    if (profile) Object.defineProperty(c.authors, key, { value: profile, enumerable: true });
  }
};

function authorProfile(
  r: FieldReader,
  key: string,
  entry: unknown,
  siteUrl: string | undefined,
): AuthorProfile | undefined {
  const at = `authors.${key}`;
  if (!makeSlug(key)) {
    return r.error(
      at,
      'bad-author-key',
      `author key "${key}" gives an empty slug`,
      'use letters or digits, e.g. "jdoe"',
    );
  }
  const record = entry !== null && typeof entry === 'object' && !Array.isArray(entry);
  const { bio, image, ...rest } = record ? (entry as Record<string, unknown>) : {};
  const person = r.person(at, record ? rest : entry);
  if (!person) return undefined;
  const profile: AuthorProfile = { ...person, key };
  const text = r.string(`${at}.bio`, {
    example: 'bio: "Reporter covering…"',
    collapse: true,
    value: bio ?? null,
  });
  if (text) profile.bio = text;
  if (image != null) {
    const href =
      typeof image === 'string'
        ? imageUrl(`${at}.image`, siteUrl ?? 'https://example.com/', image)
        : undefined;
    if (href && 'href' in href) profile.image = href.href;
    else
      r.error(
        `${at}.image`,
        'bad-image',
        href?.message ?? `${at}.image must be a URL or site path`,
        href?.fix ?? 'use e.g. "/images/jdoe.jpg"',
      );
  }
  return profile;
}

/** The smallest `maxFeedBytes`: a feed's own metadata and one summary must fit. */
export const MIN_FEED_BYTES = 10_000;

const readMaxFeedBytes: KeyReader = (r, c) => {
  if (!r.has('maxFeedBytes')) return;
  const value = r.raw('maxFeedBytes');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_FEED_BYTES) {
    r.error(
      'maxFeedBytes',
      'bad-max-feed-bytes',
      `maxFeedBytes must be a whole number of bytes, at least ${MIN_FEED_BYTES.toLocaleString('en-US')}, not ${JSON.stringify(value)}`,
      'use e.g. "maxFeedBytes": 2000000 (Google News reads at most 2 MB of a feed)',
    );
  } else c.maxFeedBytes = value;
};

/** A key that is true or false (`tagFeeds`). */
const readSwitch =
  (key: 'tagFeeds'): KeyReader =>
  (r, c) => {
    if (!r.has(key)) return;
    const value = r.raw(key);
    if (typeof value === 'boolean') c[key] = value;
    else
      r.error(
        key,
        badCode(key),
        `${key} must be true or false, not ${describe(value)}`,
        `write "${key}": false`,
      );
  };

const readCopyright: KeyReader = (r, c) => {
  c.copyright = r.string('copyright', { example: '"copyright": "© 2026 …"', collapse: true });
};

/** `icon` and `logo`: an http(s) URL, or a site path under `url` (so read after it). */
const readImage =
  (key: 'icon' | 'logo'): KeyReader =>
  (r, c) => {
    if (!r.has(key)) return;
    const value = r.string(key, { example: `"${key}": "/${key}.png"` });
    if (value === undefined) return;
    // Without a site URL (it has problems of its own), a site path is still checked for its form.
    const image = imageUrl(key, c.url ?? 'https://example.com/', value);
    if (!('href' in image)) r.error(key, `bad-${key}`, image.message, image.fix);
    else if (c.url) c[key] = image.href;
  };

const CONVENTIONS: readonly Conventions[] = ['jekyll', 'hugo', 'zola', 'eleventy'];

/** `conventions`: read before `permalink`, whose default it sets. */
const readConventions: KeyReader = (r, c) => {
  if (!r.has('conventions')) return;
  const value = r.raw('conventions');
  if (!CONVENTIONS.includes(value as Conventions)) {
    r.error(
      'conventions',
      'bad-conventions',
      `conventions must be ${CONVENTIONS.map((w) => `"${w}"`).join(', ')}, not ${describe(value)}`,
      'name the tool the posts were written for, e.g. "conventions": "jekyll"',
    );
    return;
  }
  c.conventions = value as Conventions;
  c.permalink = CONVENTION_PERMALINKS[c.conventions];
};

/** Every key a config may have, with its reader; `$schema` is for editors and ignored. */
export const CONFIG_FIELDS: readonly (readonly [string, KeyReader])[] = [
  ['title', readTitle],
  ['description', readDescription],
  ['url', readUrl],
  ['language', readLanguage],
  ['languages', (r, c) => readLanguages(r, c, CONFIG_DEFAULTS.language)],
  ['text', readText],
  ['timezone', readTimezone],
  ['author', readAuthor],
  ['limit', readCount('limit', 50)],
  ['archiveSize', readCount('archiveSize', 100)],
  [
    'archiveContent',
    readChoice(
      'archiveContent',
      ['summary', 'full'],
      'use "summary" (the full text is on each page)',
    ),
  ],
  ['conventions', readConventions],
  ['permalink', readPermalink],
  [
    'html',
    readChoice('html', ['sanitize', 'keep'], 'use "sanitize" unless you trust every writer'),
  ],
  ['hubs', readHubs],
  ['authors', readAuthors],
  ['tagFeeds', readSwitch('tagFeeds')],
  ['maxFeedBytes', readMaxFeedBytes],
  ['copyright', readCopyright],
  ['icon', readImage('icon')],
  ['logo', readImage('logo')],
  ['$schema', () => {}],
];
