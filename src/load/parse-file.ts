import { hash } from 'node:crypto';
import { itemUrl } from '../derive/permalink.js';
import type { Diagnostic } from '../diagnostics.js';
import type { PostRef, SiteConfig } from '../model.js';
import { parsePostHead } from './parse-post.js';
import { readPostHead } from './read-source.js';

/** One post file to look at. */
export interface FileJob {
  /** Absolute path. */
  file: string;
  /** Relative to the posts folder, `/`-separated. */
  sourcePath: string;
  /** As shown in messages. */
  display: string;
}

/** What the build keeps of one post file between stages (and between builds, in the cache). */
export interface ParsedFile {
  sourcePath: string;
  size: number;
  mtimeMs: number;
  /** Hash of the front matter bytes: a touched but unchanged file is recognised by it. */
  headHash: string;
  ref?: PostRef;
  diagnostics: Diagnostic[];
}

/** A change detector, not a security measure: SHA-1 through Node's one-shot hash is the quickest. */
export function hashBytes(bytes: Uint8Array): string {
  return hash('sha1', bytes, 'base64url');
}

/** Reads a post's front matter and validates it; never throws for a bad or unreadable file. */
export function parseFile(job: FileJob, config: SiteConfig): ParsedFile {
  let head: ReturnType<typeof readPostHead>;
  try {
    head = readPostHead(job.file);
  } catch (error) {
    return {
      sourcePath: job.sourcePath,
      size: -1,
      mtimeMs: -1,
      headHash: '',
      diagnostics: [
        {
          severity: 'error',
          code: 'unreadable',
          file: job.display,
          message: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          fix: 'check that it exists and that you may read it',
        },
      ],
    };
  }
  const parsed = parsePostHead(head, job.sourcePath, job.display, config);
  const post = parsed.post;
  return {
    sourcePath: job.sourcePath,
    size: head.size,
    mtimeMs: head.mtimeMs,
    headHash: hashBytes(head.bytes),
    diagnostics: parsed.diagnostics,
    ...(post
      ? {
          ref: {
            sourcePath: post.sourcePath,
            date: post.date,
            slug: post.slug,
            categories: post.categories,
            draft: post.draft,
            ...(post.updated ? { updated: post.updated } : {}),
            ...(post.id ? { id: post.id } : {}),
            ...(post.link ? { link: post.link } : {}),
            url: itemUrl(post, config),
          },
        }
      : {}),
  };
}
