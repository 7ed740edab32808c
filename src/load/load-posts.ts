import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Post, SiteConfig } from '../model.js';
import { discoverPosts } from './discover-posts.js';
import { parsePost } from './parse-post.js';

export interface LoadedPosts {
  /** Valid posts with their bodies, in file order. */
  posts: Post[];
  /** Every error and warning from every file. */
  diagnostics: Diagnostic[];
  /** Number of post files looked at. */
  files: number;
}

/**
 * Reads and validates every post, bodies included (for library users who want the posts;
 * `build` itself reads only front matter, and bodies only for posts that land in a feed).
 */
export async function loadPosts(
  postsDir: string,
  config: SiteConfig,
  displayDir = postsDir,
): Promise<LoadedPosts> {
  const shownDir = displayDir.replace(/\\/g, '/').replace(/\/+$/, '');
  const { files, warnings } = await discoverPosts(postsDir, shownDir);
  const posts: Post[] = [];
  const diagnostics: Diagnostic[] = [...warnings];
  for (const file of files) {
    const result = parsePost(
      await readFile(path.join(postsDir, file)),
      file,
      `${shownDir}/${file}`,
      config,
    );
    diagnostics.push(...result.diagnostics);
    if (result.post) posts.push(result.post);
  }
  return { posts, diagnostics, files: files.length };
}
