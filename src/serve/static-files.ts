/** Which file of a folder a request path names, and how to label it. */
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** A request path's answer: a file, a redirect (a folder named without its `/`), or nothing. */
export type Lookup = { file: string } | { redirect: string } | undefined;

/**
 * The file `urlPath` (as requested, percent-encoded, query included or not) names under `root`:
 * a folder's `index.html` when it ends in `/`, a redirect to the same path with a `/` when it
 * names a folder without one. Never a file outside `root`.
 */
export async function lookUp(root: string, urlPath: string): Promise<Lookup> {
  const pathname = urlPath.split(/[?#]/)[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return undefined;
  const full = path.join(root, path.posix.normalize(decoded));
  const relative = path.relative(root, full);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const info = await stat(full).catch(() => undefined);
  if (info?.isFile()) return { file: full };
  if (!info?.isDirectory()) return undefined;
  if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
  const index = path.join(full, 'index.html');
  return (await stat(index).catch(() => undefined))?.isFile() ? { file: index } : undefined;
}

/**
 * Types for a browser to show what it is given: feeds and the OPML file as XML (a browser shows
 * `application/rss+xml` as a download), JSON Feed as JSON.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.opml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** True for the files served as text, where the site's URL is made the local one. */
export function isText(file: string): boolean {
  return /charset=utf-8$/.test(contentType(file)) || file.endsWith('.svg');
}
