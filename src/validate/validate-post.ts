import { resolveSitePath } from '../config/validate-config.js';
import { makeSlug } from '../derive/slug.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FrontMatter } from '../load/front-matter.js';
import type { Post, SiteConfig } from '../model.js';
import { collapseWhitespace, foldName } from '../text.js';
import { parsePostDate } from './dates.js';
import { describe, FieldReader } from './field-reader.js';

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
  'draft',
] as const;

export interface PostValidation {
  post?: Post;
  diagnostics: Diagnostic[];
}

/**
 * Turns one post's front matter into a typed `Post` (body not loaded), or says everything that
 * is wrong with it.
 */
export function validatePost(
  fm: FrontMatter,
  sourcePath: string,
  displayPath: string,
  config: SiteConfig,
): PostValidation {
  const r = new FieldReader(fm.data, displayPath, (key) => fm.locations?.get(key));

  const title = r.string('title', {
    required: true,
    example: 'title: "My first post"',
    collapse: true,
  });
  const date = readDate(r, 'date', config.timezone, true);
  const updated = readDate(r, 'updated', config.timezone, false);
  if (date && updated && updated < date) {
    r.error(
      'updated',
      'updated-before-date',
      'updated is earlier than date',
      'a correction date must be on or after the publication date',
    );
  }

  if (r.has('summary') && r.has('description')) {
    r.report(
      'warning',
      'description',
      'duplicate-summary',
      'both summary and description are set; description is ignored',
      'keep only summary',
    );
  }
  const summaryKey = r.has('summary') ? 'summary' : 'description';
  const summary = r.string(summaryKey, {
    example: `${summaryKey}: "One sentence about the post"`,
    collapse: true,
  });

  const categories = readNames(r, r.has('categories') ? 'categories' : 'category');
  if (r.has('categories') && r.has('category')) {
    r.report(
      'warning',
      'category',
      'duplicate-categories',
      'both categories and category are set; category is ignored',
      'keep only categories',
    );
  }
  const tags = readNames(r, 'tags');

  const authorKey = r.has('authors') ? 'authors' : 'author';
  const authors = r.has(authorKey) ? r.people(authorKey, r.raw(authorKey)) : [config.author];

  const fileStem = sourcePath.split('/').pop()?.replace(/\.md$/, '') ?? sourcePath;
  const slugSource = r.has('slug')
    ? r.string('slug', { example: 'slug: my-first-post' })
    : fileStem;
  const slug = slugSource === undefined ? undefined : makeSlug(slugSource);
  if (slugSource !== undefined && !slug) {
    r.error(
      r.has('slug') ? 'slug' : 'file name',
      'bad-slug',
      `"${slugSource}" gives an empty slug`,
      'use letters or digits, e.g. slug: my-post',
    );
  } else if (r.has('slug') && slug !== slugSource) {
    r.report(
      'warning',
      'slug',
      'slug-normalized',
      `slug "${slugSource}" is not URL-safe; "${slug}" is used`,
      `write slug: ${slug}`,
    );
  }

  let id: string | undefined;
  if (r.has('id')) {
    const value = r.raw('id');
    const text = typeof value === 'string' ? value.trim() : '';
    // RFC 4287 §4.2.6: an Atom id is an absolute IRI; we also require it to stay one string everywhere.
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(text) || !URL.canParse(text)) {
      r.error(
        'id',
        'bad-id',
        `id ${JSON.stringify(value)} is not an absolute URI`,
        'use a URL or a tag URI such as "tag:example.com,2026:my-post", and never change it',
      );
    } else id = new URL(text).href;
  }
  const link = r.has('link')
    ? r.url('link', r.raw('link'), 'https://example.com/article')
    : undefined;
  let image: string | undefined;
  if (r.has('image')) {
    const value = r.string('image', { example: 'image: /images/photo.jpg' });
    if (value !== undefined) {
      try {
        image = resolveSitePath(config.url, value.trim());
        if (!/^https?:/.test(image)) throw new Error();
      } catch {
        r.error(
          'image',
          'bad-image',
          `image "${value}" is not a URL or site path`,
          'use e.g. "/images/photo.jpg" or "https://…/photo.jpg"',
        );
      }
    }
  }
  let draft = false;
  if (r.has('draft')) {
    const value = r.raw('draft');
    if (typeof value !== 'boolean') {
      r.error(
        'draft',
        'bad-draft',
        `draft must be true or false, not ${describe(value)}`,
        'write draft: true',
      );
    } else draft = value;
  }

  r.warnUnknownKeys(POST_KEYS);

  if (!r.ok || !title || !date || !slug || !authors) return { diagnostics: r.diagnostics };
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
      ...(id ? { id } : {}),
      ...(link ? { link } : {}),
      ...(image ? { image } : {}),
      draft,
      bodyLine: fm.bodyLine,
    },
  };
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
  const value = r.raw(key);
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

/** A list of names or one name; trimmed, empty ones dropped, duplicates (any case) removed. */
function readNames(r: FieldReader, key: string): string[] {
  if (!r.has(key)) return [];
  const value = r.raw(key);
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
