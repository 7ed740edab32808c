import type { Diagnostic } from '../diagnostics.js';
import type { SiteConfig } from '../model.js';
import { FieldReader, type Location } from '../validate/field-reader.js';

/** What a user writes in `feedwright.config.json`; every key is checked by `validateConfig`. */
export interface UserConfig {
  title: string;
  description: string;
  url: string;
  language?: string;
  timezone?: string;
  author: { name: string; email?: string; url?: string } | string;
  copyright?: string;
  limit?: number;
  icon?: string;
  logo?: string;
  permalink?: string;
  html?: 'sanitize' | 'keep';
  hubs?: string[];
}

/** Typed identity, for editors: `export default defineConfig({...})`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

export const CONFIG_KEYS = [
  'title',
  'description',
  'url',
  'language',
  'timezone',
  'author',
  'copyright',
  'limit',
  'icon',
  'logo',
  'permalink',
  'html',
  'hubs',
  '$schema',
] as const;

const PERMALINK_TOKENS = [':slug', ':year', ':month', ':day'];

export type ConfigResult =
  | { ok: true; config: SiteConfig; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

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
  const title = r.string('title', {
    required: true,
    example: '"title": "My News"',
    collapse: true,
  });
  const description = r.string('description', {
    required: true,
    example: '"description": "News from …"',
    collapse: true,
  });
  let url: string | undefined;
  if (!r.has('url')) {
    r.error(
      'url',
      'missing',
      'url is missing',
      'add "url": "https://example.com/", where the feeds will be served',
    );
  } else {
    url = r.url('url', r.raw('url'), 'https://example.com/');
    if (url && !url.endsWith('/')) url = `${new URL(url).origin}${new URL(url).pathname}/`;
    if (url && (new URL(url).search || new URL(url).hash)) {
      url = r.error(
        'url',
        'bad-url',
        'url must not have a query or fragment',
        'use the site root, e.g. "https://example.com/"',
      );
    }
  }

  let language = 'en';
  if (r.has('language')) {
    const tag = r.raw('language');
    try {
      if (typeof tag !== 'string') throw new RangeError();
      language = Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      r.error(
        'language',
        'bad-language',
        `language ${JSON.stringify(tag)} is not a BCP 47 language tag`,
        'use e.g. "en", "en-CA" or "fr"',
      );
    }
  }

  let timezone = 'UTC';
  if (r.has('timezone')) {
    const zone = r.raw('timezone');
    try {
      if (typeof zone !== 'string') throw new RangeError();
      timezone = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      r.error(
        'timezone',
        'bad-timezone',
        `timezone ${JSON.stringify(zone)} is not a known IANA time zone`,
        'use e.g. "America/Toronto" or "UTC"',
      );
    }
  }

  const author = r.has('author')
    ? r.person('author', r.raw('author'))
    : r.error(
        'author',
        'missing',
        'author is missing',
        'add "author": {"name": "Newsroom", "email": "news@example.com"}',
      );

  let limit = 50;
  if (r.has('limit')) {
    const value = r.raw('limit');
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      r.error(
        'limit',
        'bad-limit',
        `limit must be a whole number of at least 1, not ${JSON.stringify(value)}`,
        'use e.g. "limit": 50',
      );
    } else limit = value;
  }

  let permalink = '/posts/:slug/';
  if (r.has('permalink')) {
    const value = r.string('permalink', { example: '"/posts/:slug/"' });
    if (value !== undefined) {
      if (!value.includes(':slug')) {
        r.error(
          'permalink',
          'bad-permalink',
          'permalink must contain :slug, or two posts would share a URL',
          `use e.g. "/posts/:slug/" (tokens: ${PERMALINK_TOKENS.join(' ')})`,
        );
      } else if (/[?#\s]|^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        r.error(
          'permalink',
          'bad-permalink',
          'permalink must be a path on the site',
          'use e.g. "/posts/:slug/"',
        );
      } else permalink = value;
    }
  }

  let html: SiteConfig['html'] = 'sanitize';
  if (r.has('html')) {
    const value = r.raw('html');
    if (value !== 'sanitize' && value !== 'keep') {
      r.error(
        'html',
        'bad-html',
        `html must be "sanitize" or "keep", not ${JSON.stringify(value)}`,
        'use "sanitize" unless you trust every writer',
      );
    } else html = value;
  }

  const hubs: string[] = [];
  if (r.has('hubs')) {
    const value = r.raw('hubs');
    if (!Array.isArray(value)) {
      r.error(
        'hubs',
        'bad-hubs',
        'hubs must be a list of URLs',
        'use e.g. "hubs": ["https://pubsubhubbub.appspot.com/"]',
      );
    } else {
      value.forEach((hub, i) => {
        const href = r.url(`hubs[${i}]`, hub, 'https://pubsubhubbub.appspot.com/');
        if (href) hubs.push(href);
      });
    }
  }

  const copyright = r.string('copyright', { example: '"copyright": "© 2026 …"', collapse: true });
  const image = (key: 'icon' | 'logo') => {
    if (!r.has(key)) return undefined;
    const value = r.string(key, { example: `"${key}": "/${key}.png"` });
    if (value === undefined || !url) return undefined;
    return resolveSitePath(url, value);
  };
  const icon = image('icon');
  const logo = image('logo');

  r.warnUnknownKeys(CONFIG_KEYS);

  if (!r.ok || !title || !description || !url || !author) {
    return { ok: false, diagnostics: r.diagnostics };
  }
  return {
    ok: true,
    diagnostics: r.diagnostics,
    config: {
      title,
      description,
      url,
      language,
      timezone,
      author,
      limit,
      permalink,
      html,
      hubs,
      ...(copyright ? { copyright } : {}),
      ...(icon ? { icon } : {}),
      ...(logo ? { logo } : {}),
    },
  };
}

/** A site path ("/img/a.png" or "img/a.png") is under the site root, which may itself be a sub-path. */
export function resolveSitePath(siteUrl: string, value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return new URL(value).href;
  return new URL(value.replace(/^\/+/, ''), siteUrl).href;
}
