import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Post, SiteConfig } from '../model.js';
import { validatePost } from '../validate/validate-post.js';
import { decodeSource } from './decode-source.js';
import { discoverPosts } from './discover-posts.js';
import { parseFrontMatter } from './front-matter.js';

export interface LoadedPosts {
  /** Valid posts, in file order. */
  posts: Post[];
  /** Every error and warning from every file. */
  diagnostics: Diagnostic[];
  /** Number of post files looked at. */
  files: number;
}

/** Reads and validates every post; one bad file never stops the others from being checked. */
export async function loadPosts(
  postsDir: string,
  config: SiteConfig,
  displayDir = postsDir,
): Promise<LoadedPosts> {
  const shownDir = displayDir.replace(/\\/g, '/').replace(/\/+$/, '');
  const { files, warnings } = await discoverPosts(postsDir, shownDir);
  const results = await mapLimit(files, 32, async (file) => {
    const display = `${shownDir}/${file}`;
    const bytes = await readFile(path.join(postsDir, file));
    return parsePost(bytes, file, display, config);
  });
  const posts: Post[] = [];
  const diagnostics: Diagnostic[] = [...warnings];
  for (const result of results) {
    diagnostics.push(...result.diagnostics);
    if (result.post) posts.push(result.post);
  }
  return { posts, diagnostics, files: files.length };
}

/** One post file's bytes to a validated post (pure). */
export function parsePost(
  bytes: Uint8Array,
  sourcePath: string,
  display: string,
  config: SiteConfig,
) {
  const decoded = decodeSource(bytes, display);
  if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
  const parsed = parseFrontMatter(decoded.text, display);
  if (!parsed.ok) return { diagnostics: parsed.diagnostics };
  return validatePost(parsed.frontMatter, sourcePath, display, config);
}

/** `Promise.all` with at most `limit` tasks in flight, results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
