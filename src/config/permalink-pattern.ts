/** Whether a permalink pattern gives every post a page of its own that a file system can hold. */
import {
  itemPagePath,
  MAX_NAME_BYTES,
  MIN_SLUG_ROOM,
  PERMALINK_TOKEN,
  reservedUse,
  resolveSitePath,
  servedPath,
  slugRoom,
} from '../urls.js';
import type { Problem } from './config-urls.js';

/** What a pattern is tried with: a slug and a date any post could have. */
const SAMPLE: Record<string, string> = {
  slug: 'a-post',
  title: 'a-post',
  filename: '2026-01-31-a-post',
  year: '2026',
  month: '01',
  day: '31',
  sections: 'blog',
  section: 'blog',
  categories: 'news',
  category: 'news',
};

/** Where the pattern is tried when the site URL is not known (it had problems of its own). */
const SOME_SITE = 'https://example.com/';

const FIX = 'use e.g. "/posts/:slug/" or "/:year/:month/:slug/"';

/**
 * What is wrong with `pattern` (a site path holding `:slug`), if anything: a name in it too long
 * to leave `:slug` `MIN_SLUG_ROOM` bytes, pages outside the site or of another type than HTML,
 * or pages where feedwright writes its own files (see `reservedUse`).
 */
export function permalinkProblem(pattern: string, siteUrl = SOME_SITE): Problem | undefined {
  const room = slugRoom(pattern);
  if (room < MIN_SLUG_ROOM) {
    return {
      message:
        room < 0
          ? `permalink has a path segment over ${MAX_NAME_BYTES} bytes, the most a file or folder name may have`
          : `permalink leaves :slug only ${room} bytes in its path segment (a file or folder name has at most ${MAX_NAME_BYTES})`,
      fix: `shorten the text around :slug; ${FIX}`,
    };
  }
  const sample = pattern.replace(PERMALINK_TOKEN, (_, token: string) => SAMPLE[token] ?? '');
  let url: string;
  try {
    url = resolveSitePath(siteUrl, sample);
  } catch {
    return { message: 'permalink must be a path on the site', fix: FIX };
  }
  const path = servedPath(url, siteUrl);
  const use = path && reservedUse(path);
  if (use) {
    return {
      message: `permalink puts posts where feedwright writes ${use} ("${sample}" is ${path})`,
      fix: FIX,
    };
  }
  if (!itemPagePath(url, siteUrl)) {
    return {
      message: `permalink gives addresses no page can be written at ("${sample}")`,
      fix: `end it with "/" or ".html", inside the site; ${FIX}`,
    };
  }
  return undefined;
}
