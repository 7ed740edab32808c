/** One small reader per front-matter field; each reports its own problems on the reader. */
import { describe, type FieldReader } from '../field-reader.js';
import type {
  Alias,
  Author,
  Conventions,
  Correction,
  FeedChoice,
  LeadImage,
  SiteConfig,
} from '../model.js';
import { makeSlug, safeName } from '../slug.js';
import { collapseWhitespace, foldName } from '../text.js';
import {
  httpUrl,
  itemPagePath,
  MAX_NAME_BYTES,
  overlongName,
  reservedUse,
  resolveSitePath,
  servedPath,
} from '../urls.js';
import { parsePostDate } from './dates.js';
import type { FileName } from './file-name.js';

export const POST_KEYS = [
  'title',
  'date',
  'updated',
  'summary',
  'description',
  'categories',
  'category',
  'tags',
  'author',
  'authors',
  'slug',
  'id',
  'link',
  'image',
  'aliases',
  'draft',
  'corrections',
  'feed',
  'expires',
  'language',
  'translationKey',
] as const;

/** Other tools' names for the keys above, read the same way (not suggested for typos). */
export const POST_KEY_ALIASES = [
  'publishDate',
  'lastmod',
  'last_modified_at',
  'excerpt',
  'expiryDate',
  'published',
  'redirect_from',
  'lang',
  'permalink',
  'url',
  'path',
  'taxonomies',
] as const;

export function readTitle(r: FieldReader): string | undefined {
  return r.string('title', { required: true, example: 'title: "My first post"', collapse: true });
}

/**
 * `date` (Hugo's `publishDate` too; else the date a Jekyll-style file name starts with, `fileDate`)
 * and `updated` (Hugo's `lastmod`, jekyll-last-modified-at's `last_modified_at`), which may not be
 * earlier.
 */
export function readDates(
  r: FieldReader,
  timezone: string,
  fileDate?: string,
): { date?: Date; updated?: Date } {
  const dateKey = r.pick(['date', 'publishDate']);
  const date =
    !r.has(dateKey) && fileDate
      ? parseFileDate(r, fileDate, timezone)
      : readDate(r, dateKey, timezone, true);
  const updatedKey = r.pick(['updated', 'lastmod', 'last_modified_at']);
  const updated = readDate(r, updatedKey, timezone, false);
  if (date && updated && updated < date) {
    r.error(
      updatedKey,
      'updated-before-date',
      `${updatedKey} is earlier than ${dateKey}`,
      'a correction date must be on or after the publication date',
    );
  }
  return { ...(date ? { date } : {}), ...(updated ? { updated } : {}) };
}

/** The date a file name starts with, midnight in the site's zone; an error names the file. */
function parseFileDate(r: FieldReader, fileDate: string, timezone: string): Date | undefined {
  const parsed = parsePostDate(fileDate, timezone);
  if (parsed.ok) return parsed.date;
  return r.error(
    'file name',
    'bad-date',
    `the file name's date ${fileDate}: ${parsed.problem}`,
    'rename the file with a real date, or add "date:" to the front matter',
  );
}

/** `summary`, or `description` (Hugo, Zola) or `excerpt` (Jekyll) as its other names. */
export function readSummary(r: FieldReader): string | undefined {
  const key = r.pick(['summary', 'description', 'excerpt'], 'duplicate-summary', 2);
  return r.string(key, { example: `${key}: "One sentence about the post"`, collapse: true });
}

/**
 * `categories`, or `category` as its other name, or Zola's `[taxonomies] categories`. For Jekyll
 * posts a string is split at spaces, as Jekyll does (`categories: release news` is two).
 */
export function readCategories(
  r: FieldReader,
  conventions?: Conventions,
  sourcePath = '',
): string[] {
  if (conventions === 'jekyll') return jekyllCategories(r, sourcePath);
  const key = r.pick(['categories', 'category'], 'duplicate-categories', 2);
  return r.has(key) ? readNames(r, key) : taxonomy(r, 'categories');
}

/**
 * A Jekyll post's categories as Jekyll reads them: the folders above its `_posts` folder, then
 * `category` (one, as written), then `categories` (a string split at spaces) — all of them.
 */
function jekyllCategories(r: FieldReader, sourcePath: string): string[] {
  const names = [...jekyllFolderCategories(sourcePath)];
  if (r.has('category')) {
    const one = r.raw('category');
    names.push(...readNames(r, 'category', typeof one === 'string' ? [one] : one));
  }
  if (r.has('categories')) {
    const value = r.raw('categories');
    const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
    names.push(...readNames(r, 'categories', list));
  }
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(foldName(name)) && seen.add(foldName(name)));
}

/** The folders a Jekyll post's `_posts` folder is in: its categories (`a/b/_posts/x.md`). */
function jekyllFolderCategories(sourcePath: string): string[] {
  const parts = sourcePath.split('/');
  const at = parts.lastIndexOf('_posts');
  return at > 0 ? parts.slice(0, at).filter((part) => part && !part.startsWith('_')) : [];
}

/** `tags`, or Zola's `[taxonomies] tags`. */
export function readTags(r: FieldReader): string[] {
  return r.has('tags') ? readNames(r, 'tags') : taxonomy(r, 'tags');
}

/** The names Zola's `[taxonomies]` table gives under `name`, if any. */
function taxonomy(r: FieldReader, name: string): string[] {
  if (!r.readsOtherNames) return [];
  const table = r.raw('taxonomies');
  if (table === null || typeof table !== 'object' || Array.isArray(table)) return [];
  if (!Object.hasOwn(table, name)) return [];
  return readNames(r, `taxonomies.${name}`, (table as Record<string, unknown>)[name]);
}

/**
 * `authors` or `author`: names, keys of the config's `authors` profiles, or `{name, email, url}`;
 * none (the site's author stands in) when neither is set.
 */
export function readAuthors(r: FieldReader, profiles: SiteConfig['authors']): Author[] | undefined {
  const key = r.has('authors') ? 'authors' : 'author';
  if (!r.has(key)) return [];
  const value = r.raw(key);
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const profileOf = (entry: unknown) =>
    typeof entry === 'string' && Object.hasOwn(profiles, entry.trim())
      ? profiles[entry.trim()]
      : undefined;
  // A profile is checked already (config); its name stands for it here.
  const named = list.map((entry) => profileOf(entry)?.name ?? entry);
  const people = r.people(key, Array.isArray(value) ? named : named[0]);
  if (!people || !r.ok) return undefined;
  const seen = new Set<string>();
  return people
    .map((person, i): Author => profileOf(list[i]) ?? person)
    .filter((person) => !seen.has(foldName(person.name)) && seen.add(foldName(person.name)));
}

/**
 * `slug`, else the file name (a bundle's folder name; without the date it starts with for
 * Jekyll, Zola and Eleventy posts, as they name them), made URL-safe — as Hugo does (lower case,
 * dots kept: `v9.9.0`) for Hugo posts.
 */
export function readSlug(
  r: FieldReader,
  name: FileName,
  conventions?: Conventions,
): string | undefined {
  const dateless = conventions !== undefined && conventions !== 'hugo';
  // A site of feedwright's own names a post by its file, as it always did (`index.md`: index).
  const fileStem = conventions === undefined ? name.file : dateless ? name.title : name.stem;
  const source = r.has('slug') ? r.string('slug', { example: 'slug: my-first-post' }) : fileStem;
  if (source === undefined) return undefined;
  const slug = conventions === 'hugo' ? safeName(source).toLowerCase() : makeSlug(source);
  if (conventions === 'hugo' && slug) return slug;
  if (!slug) {
    r.error(
      r.has('slug') ? 'slug' : 'file name',
      'bad-slug',
      `"${source}" gives an empty slug`,
      'use letters or digits, e.g. slug: my-post',
    );
    return undefined;
  }
  if (r.has('slug') && slug !== source) {
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(source)) {
      r.report(
        'warning',
        'slug',
        'slug-shortened',
        `slug has ${source.length} characters, more than the ${MAX_NAME_BYTES} bytes a file or folder name may have; it is cut to ${slug.length}, ending in ${slug.slice(-9)}`,
        'shorten it, or leave it: it is cut the same way on every build',
      );
    } else {
      r.report(
        'warning',
        'slug',
        'slug-normalized',
        `slug "${source}" is not URL-safe; "${slug}" is used`,
        `write slug: ${slug}`,
      );
    }
  }
  return slug;
}

/** The schemes an `id` may have: every feed carries it, and a reader may open it as a link. */
const ID_SCHEMES = ['http:', 'https:', 'tag:', 'urn:'];

export function readId(r: FieldReader): string | undefined {
  if (!r.has('id')) return undefined;
  const value = r.raw('id');
  const text = typeof value === 'string' ? value.trim() : '';
  const fix = 'use a URL or a tag URI such as "tag:example.com,2026:my-post", and never change it';
  // RFC 4287 §4.2.6: an Atom id is an absolute IRI; we also require it to stay one string everywhere.
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(text) || !URL.canParse(text)) {
    return r.error('id', 'bad-id', `id ${JSON.stringify(value)} is not an absolute URI`, fix);
  }
  const id = new URL(text);
  if (!ID_SCHEMES.includes(id.protocol)) {
    return r.error(
      'id',
      'bad-id',
      `id ${JSON.stringify(value)} is a ${id.protocol} URI; ids must be http(s) URLs or tag: or urn: URIs (readers may open an id as a link)`,
      fix,
    );
  }
  return id.href;
}

export function readLink(r: FieldReader): string | undefined {
  return r.has('link') ? r.url('link', r.raw('link'), 'https://example.com/article') : undefined;
}

const IMAGE_KEYS = ['src', 'alt', 'credit', 'caption'];

/** `image`: a URL or site path, or `{src, alt, credit, caption}`. */
export function readImage(r: FieldReader, config: Pick<SiteConfig, 'url'>): LeadImage | undefined {
  if (!r.has('image')) return undefined;
  const value = r.raw('image');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const url = imageSrc(r, 'image', value, config);
    return url ? { url } : undefined;
  }
  const record = value as Record<string, unknown>;
  const url = imageSrc(r, 'image.src', record.src, config);
  const text = (key: string) =>
    r.string(`image.${key}`, {
      example: `${key}: "…"`,
      collapse: true,
      value: Object.hasOwn(record, key) ? (record[key] ?? null) : null,
    });
  const image: LeadImage | undefined = url ? { url } : undefined;
  for (const key of ['alt', 'credit', 'caption'] as const) {
    const words = text(key);
    if (words && image) image[key] = words;
  }
  r.warnUnknownKeys(IMAGE_KEYS, { at: 'image', record });
  return image;
}

function imageSrc(
  r: FieldReader,
  key: string,
  value: unknown,
  config: Pick<SiteConfig, 'url'>,
): string | undefined {
  const text = r.string(key, {
    required: true,
    example: `${key}: /images/photo.jpg`,
    value: value ?? null,
  });
  if (text === undefined) return undefined;
  // Beside the post: placed once the post's own URL is known (see `placeBesidePost`).
  if (text.trim().startsWith('./')) return text.trim();
  let image: string | undefined;
  try {
    image = httpUrl(resolveSitePath(config.url, text.trim()));
  } catch {
    image = undefined;
  }
  if (image) return image;
  return r.error(
    key,
    'bad-image',
    `${key} "${text}" is not a URL or site path`,
    'use e.g. "/images/photo.jpg" or "https://…/photo.jpg"',
  );
}

/**
 * An image written beside its post (`./photo.jpg`, or `./photos/a.jpg`): published beside the
 * post's page, so its URL is the page's URL with the name resolved against it, and its file is
 * the one next to the post file. Only a post with a page on this site can have one.
 */
export function placeBesidePost(
  r: FieldReader,
  image: LeadImage,
  post: { url: string; pagePath?: string | undefined; sourcePath: string },
): LeadImage | undefined {
  if (!image.url.startsWith('./')) return image;
  const key = r.has('image') && typeof r.raw('image') === 'object' ? 'image.src' : 'image';
  const rest = image.url.slice(2);
  const segments = rest.split('/');
  if (!rest || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    return r.error(
      key,
      'bad-image',
      `${key} "${image.url}" is not a file beside the post`,
      'use e.g. ./photo.jpg, the file next to the post',
    );
  }
  if (!post.pagePath) {
    return r.error(
      key,
      'image-beside-external-post',
      `${key} "${image.url}" is beside the post, but the post has no page on this site to publish it beside`,
      'put the image in public/ and write its site path, e.g. /images/photo.jpg',
    );
  }
  const folder = post.sourcePath.includes('/')
    ? post.sourcePath.slice(0, post.sourcePath.lastIndexOf('/') + 1)
    : '';
  return {
    ...image,
    url: new URL(rest.split('/').map(encodeURIComponent).join('/'), post.url).href,
    source: `${folder}${rest}`,
  };
}

/** `corrections`: a list of `{date, text}`, each on or after the publication date; oldest first. */
export function readCorrections(r: FieldReader, timezone: string, date?: Date): Correction[] {
  if (!r.has('corrections')) return [];
  const value = r.raw('corrections');
  if (!Array.isArray(value)) {
    r.error(
      'corrections',
      'bad-corrections',
      `corrections must be a list of {date, text}, not ${describe(value)}`,
      'write corrections: [{date: 2026-11-21 10:00, text: "An earlier version misstated …"}]',
    );
    return [];
  }
  const corrections: Correction[] = [];
  value.forEach((entry, i) => {
    const at = `corrections[${i}]`;
    const record = entry !== null && typeof entry === 'object' && !Array.isArray(entry);
    const fields = record ? (entry as Record<string, unknown>) : {};
    if (!record) {
      r.error(
        at,
        'bad-correction',
        `${at} must be {date, text}, not ${describe(entry)}`,
        `write ${at}: {date: 2026-11-21, text: "…"}`,
      );
      return;
    }
    const when = dateValue(r, `${at}.date`, fields.date ?? null, timezone, true);
    const text = r.string(`${at}.text`, {
      required: true,
      example: 'text: "An earlier version misstated …"',
      collapse: true,
      value: fields.text ?? null,
    });
    if (when && date && when < date) {
      r.error(
        `${at}.date`,
        'correction-before-date',
        `${at}.date is earlier than date`,
        'a correction is dated on or after the publication date',
      );
    } else if (when && text) corrections.push({ date: when, text });
  });
  return corrections.sort((a, b) => a.date.getTime() - b.date.getTime());
}

const FEED_CHOICES: Record<string, FeedChoice> = {
  true: 'full',
  full: 'full',
  false: 'none',
  none: 'none',
  summary: 'summary',
};

/** `feed`: true/`full` (the default), `summary` (feeds carry the summary), false (in no feed). */
export function readFeed(r: FieldReader): FeedChoice {
  // Eleventy's way of keeping a page out of collections (and so out of its feed).
  if (!r.has('feed'))
    return r.readsOtherNames && r.raw('eleventyExcludeFromCollections') === true ? 'none' : 'full';
  const value = r.raw('feed');
  const word = typeof value === 'boolean' || typeof value === 'string' ? String(value) : '';
  // Own keys only: `feed: toString` is no choice.
  const choice = Object.hasOwn(FEED_CHOICES, word) ? FEED_CHOICES[word] : undefined;
  if (choice) return choice;
  r.error(
    'feed',
    'bad-feed',
    `feed must be true, false or "summary", not ${describe(value)}`,
    'write feed: false (in no feed) or feed: summary (feeds carry the summary)',
  );
  return 'full';
}

/** `expires` (Hugo's `expiryDate`): when the story is withdrawn (after its date). */
export function readExpires(r: FieldReader, timezone: string, date?: Date): Date | undefined {
  const key = r.pick(['expires', 'expiryDate']);
  const expires = readDate(r, key, timezone, false);
  if (expires && date && expires <= date) {
    return r.error(
      key,
      'expires-before-date',
      `${key} is not after date`,
      'a story can only be withdrawn after it is published',
    );
  }
  return expires;
}

/**
 * `aliases`: old addresses of the post on this site (site paths like `/2019/old-slug/`, or full
 * URLs under the site URL), each to get a page that redirects to the post.
 */
export function readAliases(r: FieldReader, config: Pick<SiteConfig, 'url'>): Alias[] {
  // jekyll-redirect-from calls them `redirect_from`.
  const key = r.pick(['aliases', 'redirect_from']);
  if (!r.has(key)) return [];
  const value = r.raw(key);
  const list = Array.isArray(value) ? value : [value];
  const aliases: Alias[] = [];
  list.forEach((entry, i) => {
    const at = Array.isArray(value) ? `${key}[${i}]` : key;
    const alias = typeof entry === 'string' ? aliasOf(entry.trim(), config.url) : undefined;
    if (alias && 'page' in alias) {
      if (!aliases.some((a) => a.page === alias.page)) aliases.push(alias);
      return;
    }
    const shown = `${at} ${JSON.stringify(entry)}`;
    r.error(
      at,
      alias?.code ?? 'bad-alias',
      alias ? `${shown} ${alias.problem}` : `${shown} ${NO_PAGE}`,
      alias?.fix ?? 'use the old address as a site path, e.g. aliases: ["/2019/old-slug/"]',
    );
  });
  return aliases;
}

const NO_PAGE = 'is not a path on this site that a page can be written at';

type AliasProblem = { code: string; problem: string; fix: string };

/** The alias a site path or URL gives, what is wrong with it, or undefined when it is no path. */
function aliasOf(value: string, siteUrl: string): Alias | AliasProblem | undefined {
  let url: string;
  try {
    url = resolveSitePath(siteUrl, value);
  } catch {
    return undefined;
  }
  const page = value ? itemPagePath(url, siteUrl) : undefined;
  const use = page && reservedUse(page);
  if (use) {
    return {
      code: 'reserved-path',
      problem: `is where feedwright writes ${use} (${page})`,
      fix: 'list only addresses this post had before; feedwright’s own pages cannot redirect',
    };
  }
  if (page) return { path: `/${url.slice(siteUrl.length)}`, page };
  const long = value ? overlongName(servedPath(url, siteUrl) ?? '') : undefined;
  if (!long) return undefined;
  return {
    code: 'name-too-long',
    problem: `${NO_PAGE}: a name in it has ${Buffer.byteLength(long)} bytes, and file systems allow ${MAX_NAME_BYTES}`,
    fix: 'drop it: no server could have had a page at that address',
  };
}

/** `draft: true`, or Jekyll's `published: false`. */
export function readDraft(r: FieldReader): boolean {
  const key = r.pick(['draft', 'published']);
  if (!r.has(key)) return false;
  const value = r.raw(key);
  if (typeof value === 'boolean') return key === 'draft' ? value : !value;
  r.error(
    key,
    'bad-draft',
    `${key} must be true or false, not ${describe(value)}`,
    key === 'draft' ? 'write draft: true' : 'write published: false',
  );
  return false;
}

function readDate(
  r: FieldReader,
  key: string,
  timezone: string,
  required: boolean,
): Date | undefined {
  if (!r.has(key)) {
    if (required)
      r.error(
        key,
        'missing',
        `${key} is missing`,
        `add "${key}: 2026-05-01 09:30" (time optional; no offset means the site's time zone)`,
      );
    return undefined;
  }
  return dateValue(r, key, r.raw(key), timezone, required);
}

/** A date as front matter writes it, read in the site's zone when it has no offset. */
function dateValue(
  r: FieldReader,
  key: string,
  value: unknown,
  timezone: string,
  required: boolean,
): Date | undefined {
  if ((value === null || value === undefined) && required) {
    return r.error(key, 'missing', `${key} is missing`, `add ${key}: 2026-05-01 09:30`);
  }
  if (typeof value !== 'string') {
    return r.error(
      key,
      'bad-date',
      `${key} must be a date like 2026-05-01 or 2026-05-01T09:30:00-04:00, not ${describe(value)}`,
      `write ${key}: 2026-05-01`,
    );
  }
  const parsed = parsePostDate(value, timezone);
  if (!parsed.ok) {
    return r.error(
      key,
      'bad-date',
      parsed.problem,
      `write ${key}: YYYY-MM-DD, optionally with HH:MM and an offset such as -04:00`,
    );
  }
  return parsed.date;
}

/**
 * A list of names or one name (under `key`, or `value` when given); trimmed, empty ones dropped,
 * duplicates (any case) removed.
 */
function readNames(r: FieldReader, key: string, given?: unknown): string[] {
  if (given === undefined && !r.has(key)) return [];
  const value = given === undefined ? r.raw(key) : given;
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const at = Array.isArray(value) ? `${key}[${i}]` : key;
    if (typeof entry !== 'string') {
      r.error(
        at,
        'not-text',
        `${at} must be text, not ${describe(entry)}`,
        `quote it: "${String(entry)}"`,
      );
      return;
    }
    const name = collapseWhitespace(r.clean(at, entry));
    const folded = foldName(name);
    if (name && !seen.has(folded)) {
      seen.add(folded);
      names.push(name);
    }
  });
  return names;
}
