import type { FieldReader } from '../field-reader.js';
import type { Conventions, Post, SiteConfig } from '../model.js';
import { fitSlug, makeSlug, safeName } from '../slug.js';
import {
  MAX_NAME_BYTES,
  MIN_SLUG_ROOM,
  overlongName,
  PERMALINK_TOKEN,
  PLAIN_PATH,
  reservedUse,
  resolveSitePath,
  servedPath,
  slugRoom,
} from '../urls.js';
import { zoneOffsetMs } from './dates.js';
import { fileNameOf } from './file-name.js';

/** What a permalink pattern is expanded from: the post's slug and date, its file, its categories. */
export type PermalinkFacts = Pick<Post, 'slug' | 'date'> &
  Partial<Pick<Post, 'sourcePath' | 'categories'>> & {
    /** The slug was written in the front matter: Jekyll's `:title` is then it, not the file's. */
    slugGiven?: boolean;
    /** The tool the post was written for: Jekyll keeps category names as written, lower-cased. */
    conventions?: Conventions;
  };

/** The post's public URL: its own `link`, else the site URL plus the expanded permalink. */
export function postUrl(
  post: PermalinkFacts & Pick<Post, 'link'>,
  config: Pick<SiteConfig, 'url' | 'permalink' | 'timezone'>,
): string {
  if (post.link) return post.link;
  const path = expandPermalink(config.permalink, post, config.timezone);
  // Same result as resolveSitePath for plain paths, without parsing a URL per post.
  if (PLAIN_PATH.test(path) && !path.includes('/.') && !path.includes('//'))
    return config.url + path.replace(/^\/+/, '');
  return resolveSitePath(config.url, path);
}

/**
 * `/posts/:year/:slug/` → `/posts/2026/my-post/`, date parts in the site's time zone. A slug too
 * long for its name in the page's path (`MAX_NAME_BYTES` with the pattern's text around it) is
 * cut to fit, as `fitSlug` does; a slug that fits is never changed. `:title` and `:filename` are
 * the file name without and with its date, as written (see `safeName`); `:sections` the folders
 * the file is in; `:categories` the categories' slugs. An empty place leaves no empty folder.
 */
export function expandPermalink(pattern: string, post: PermalinkFacts, timezone: string): string {
  let local: Date | undefined;
  const part = (get: (d: Date) => number, width: number) => {
    // The wall-clock date in the site's zone, read through a UTC Date shifted by the offset.
    local ??= new Date(post.date.getTime() + zoneOffsetMs(timezone, post.date.getTime()));
    return String(get(local)).padStart(width, '0');
  };
  const expanded = pattern.replace(PERMALINK_TOKEN, (_, token: string) => {
    switch (token) {
      case 'year':
        return part((d) => d.getUTCFullYear(), 4);
      case 'month':
        return part((d) => d.getUTCMonth() + 1, 2);
      case 'day':
        return part((d) => d.getUTCDate(), 2);
      default:
        return placeOf(token, post, pattern);
    }
  });
  return expanded.includes('//') ? expanded.replace(/\/{2,}/g, '/') : expanded;
}

/** What a token other than a date part stands for in `post`'s address. */
function placeOf(token: string, post: PermalinkFacts, pattern: string): string {
  const file = () => (post.sourcePath === undefined ? undefined : fileNameOf(post.sourcePath));
  const folders = () => {
    const parts = post.sourcePath?.split('/').slice(0, -1) ?? [];
    return (file()?.bundle ? parts.slice(0, -1) : parts).map(safeName).filter(Boolean);
  };
  const name = (pick: (f: NonNullable<ReturnType<typeof file>>) => string) => {
    const found = file();
    return fittedSlug(found ? safeName(pick(found)) || post.slug : post.slug, pattern);
  };
  const categories = () =>
    (post.categories ?? [])
      .map((name) =>
        post.conventions === 'jekyll' ? encodeURIComponent(name.toLowerCase()) : makeSlug(name),
      )
      .filter(Boolean);
  switch (token) {
    case 'title':
      return post.slugGiven ? fittedSlug(post.slug, pattern) : name((f) => f.title);
    case 'filename':
      return name((f) => f.stem);
    case 'sections':
      return folders().join('/');
    case 'section':
      return folders()[0] ?? '';
    case 'categories':
      return categories().join('/');
    case 'category':
      return categories()[0] ?? '';
    default:
      return fittedSlug(post.slug, pattern);
  }
}

const rooms = new Map<string, number>();

/** `slug`, cut to the room `pattern` leaves it (a pattern config refuses leaves it as it is). */
function fittedSlug(slug: string, pattern: string): string {
  let room = rooms.get(pattern);
  if (room === undefined) {
    room = slugRoom(pattern);
    rooms.set(pattern, room);
  }
  return room < MIN_SLUG_ROOM ? slug : fitSlug(slug, room);
}

/**
 * Reports, on `r`, a post whose page would be one feedwright writes for itself (see
 * `reservedUse`), or whose address holds a name no file system takes. True when neither.
 */
export function checkPostAddress(
  r: FieldReader,
  post: Pick<Post, 'url' | 'link' | 'pagePath'> & Partial<Pick<Post, 'language'>>,
  config: Pick<SiteConfig, 'url'> & Partial<Pick<SiteConfig, 'languages'>>,
): boolean {
  const field = post.link ? 'link' : r.has('slug') ? 'slug' : 'file name';
  const fix = post.link
    ? 'link to the article’s own address, not to a page feedwright writes'
    : 'set another slug: in the front matter, or keep posts in a folder of their own with "permalink": "/posts/:slug/" in the config';
  const use = post.pagePath && (reservedUse(post.pagePath) ?? otherEdition(post, config));
  if (use) {
    r.error(
      field,
      'reserved-path',
      `the post's address ${post.url} is where feedwright writes ${use} (${post.pagePath})`,
      fix,
    );
    return false;
  }
  const long = overlongName(servedPath(post.url, config.url) ?? '');
  if (!long) return true;
  r.error(
    field,
    'name-too-long',
    `the post's address ${post.url} has a name of ${Buffer.byteLength(long)} bytes; file systems allow ${MAX_NAME_BYTES}`,
    post.link ? 'shorten the address: no file on this site can have that name' : fix,
  );
  return false;
}

/**
 * What another language's edition writes where the post's page would go: everything inside its
 * folder (`fr/…`) is that edition's.
 */
function otherEdition(
  post: Pick<Post, 'pagePath'> & Partial<Pick<Post, 'language'>>,
  config: Partial<Pick<SiteConfig, 'languages'>>,
): string | undefined {
  const path = post.pagePath ?? '';
  const edition = (config.languages ?? []).find((l) => l.folder && path.startsWith(l.folder));
  if (!edition) return undefined;
  // In its own edition's folder, what feedwright writes at a site's root it writes there too.
  if (edition.tag === post.language) return reservedUse(path.slice(edition.folder.length));
  return `the ${edition.tag} edition (its folder ${edition.folder})`;
}

/** A post's own address: a URL, a pattern of its own to expand, or none at all (`false`). */
export type OwnAddress = string | false | { pattern: string };

/**
 * The post's own address on the site, when its front matter gives one: `permalink` (Jekyll,
 * Eleventy), `url` (Hugo) or `path` (Zola), a site path such as `/2025/01/29/hello.html` or
 * `blog/hello/`. It wins over the site's permalink pattern (and its language folder): a migrated
 * post keeps the address readers know. Undefined when none is given, or it is not usable (said);
 * false for Eleventy's `permalink: false` (no page: the post is kept out, as a draft is).
 */
export function readOwnAddress(
  r: FieldReader,
  config: Pick<SiteConfig, 'url'>,
): OwnAddress | undefined {
  const key = r.pick(['permalink', 'url', 'path']);
  if (!r.has(key)) return undefined;
  const value = r.raw(key);
  // Eleventy's `permalink: false`: the page is written nowhere, so the post is not published.
  if (value === false && key === 'permalink') return false;
  const fix = `write it as a path on the site, e.g. ${key}: /2025/01/29/hello.html or ${key}: /blog/hello/`;
  if (typeof value !== 'string' || value.trim() === '') {
    return r.error(key, `bad-${key}`, `${key} must be a path on the site`, fix);
  }
  if (/\{[{%]/.test(value)) {
    // Eleventy's computed permalinks: the site's pattern stands in (and `migrate` keeps readers).
    r.report(
      'warning',
      key,
      `template-${key}`,
      `${key} ${JSON.stringify(value)} holds template code, which cannot run here: the site's permalink pattern gives the address`,
      'write the address it gave this post, as a path, or run feedwright migrate with the old feed',
    );
    return undefined;
  }
  const trimmed = value.trim();
  // Jekyll expands the same tokens in a post's own permalink (`/blog/:title/`).
  if (key === 'permalink' && new RegExp(PERMALINK_TOKEN.source).test(trimmed)) {
    return { pattern: `/${trimmed.replace(/^\/+/, '')}` };
  }
  let url: string;
  try {
    url = /^[a-z][a-z0-9+.-]*:/i.test(trimmed)
      ? resolveSitePath(config.url, trimmed)
      : resolveSitePath(config.url, trimmed.replace(/^\/*/, ''));
  } catch {
    return r.error(key, `bad-${key}`, `${key} ${JSON.stringify(value)} is not a path`, fix);
  }
  if (!url.startsWith(config.url)) {
    return r.error(
      key,
      `bad-${key}`,
      `${key} ${JSON.stringify(value)} is not under the site URL ${config.url}`,
      'use link: for an article that lives elsewhere',
    );
  }
  return url;
}
