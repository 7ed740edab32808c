/** Reading front matter: one post file's head read and validated, and many at once on threads. */
import { type Diagnostic, FeedwrightError, fileSystemProblem } from '../diagnostics.js';
import { hashBytes } from '../hash.js';
import { decodeSource } from '../load/decode-source.js';
import { parseFrontMatter } from '../load/front-matter.js';
import { type PostHead, readPostHead } from '../load/read-source.js';
import type { FileJob, HeadRecord, Post, SiteConfig } from '../model.js';
import { validatePost } from '../validate/validate-post.js';
import { PARALLEL_THRESHOLD, runJobs, type StageOptions } from './worker-pool.js';

/** Every file's front matter, read and validated, in `jobs` order. */
export async function readHeads(
  jobs: readonly FileJob[],
  config: SiteConfig,
  options: StageOptions = {},
): Promise<HeadRecord[]> {
  const run = (job: FileJob) => readHead(job, config);
  const heads = await runJobs('head', jobs, run, {
    ...options,
    batchSize: 256,
    threshold: PARALLEL_THRESHOLD,
  });
  // The workers load the rendering libraries while this thread plans the feeds.
  options.workers?.preload('body');
  return heads;
}

/** Reads a post's front matter and validates it; never throws for a bad or unreadable file. */
export function readHead(job: FileJob, config: SiteConfig): HeadRecord {
  let head: PostHead;
  try {
    head = readPostHead(job.file);
  } catch (error) {
    return {
      sourcePath: job.sourcePath,
      size: -1,
      mtimeMs: -1,
      headHash: '',
      diagnostics: [unreadable(job, error)],
    };
  }
  const { post, diagnostics } = validateHead(head, job, config);
  return {
    sourcePath: job.sourcePath,
    size: head.size,
    mtimeMs: head.mtimeMs,
    headHash: hashBytes(head.bytes),
    diagnostics,
    ...(post ? { ref: refOf(post) } : {}),
  };
}

/** A post's head decoded, its front matter parsed and validated; the body stays on disk. */
export function validateHead(
  head: PostHead,
  job: Pick<FileJob, 'sourcePath' | 'display'>,
  config: SiteConfig,
): { post?: Post; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(head.bytes, job.display);
  if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
  const fast = parseFrontMatter(decoded.text, job.display, { fast: true });
  if (!fast.ok) return { diagnostics: fast.diagnostics };
  let result = validatePost(fast.frontMatter, job.sourcePath, job.display, config);
  if (result.diagnostics.length > 0 && !fast.frontMatter.locations) {
    // Something to report: read it again with the parser that knows lines and columns.
    const precise = parseFrontMatter(decoded.text, job.display);
    if (!precise.ok) return { diagnostics: precise.diagnostics };
    result = validatePost(precise.frontMatter, job.sourcePath, job.display, config);
  }
  const { post, diagnostics } = result;
  return post ? { post: { ...post, bodyOffset: head.bodyOffset }, diagnostics } : { diagnostics };
}

/** What ordering and the collision checks need of a post, and nothing else (it is cached). */
function refOf(post: Post): HeadRecord['ref'] {
  return {
    sourcePath: post.sourcePath,
    date: post.date,
    slug: post.slug,
    language: post.language,
    ...(post.translationKey ? { translationKey: post.translationKey } : {}),
    categories: post.categories,
    tags: post.tags,
    // The name groups a byline's stories; the key (a profile's) names its folder.
    authors: post.authors.map(({ name, key }) => (key ? { name, key } : { name })),
    draft: post.draft,
    ...(post.feed ? { feed: post.feed } : {}),
    ...(post.expires ? { expires: post.expires } : {}),
    url: post.url,
    ...(post.pagePath ? { pagePath: post.pagePath } : {}),
    ...(post.updated ? { updated: post.updated } : {}),
    ...(post.id ? { id: post.id } : {}),
    ...(post.link ? { link: post.link } : {}),
  };
}

/** The error for a post file that cannot be read (gone, a folder, no permission). */
export function unreadable(job: FileJob, error: unknown): Diagnostic {
  const refused = error instanceof FeedwrightError ? error.diagnostics[0] : undefined;
  if (refused) return { ...refused, file: job.display };
  const fault = fileSystemProblem(error);
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return {
    severity: 'error',
    code: 'unreadable',
    file: job.display,
    message: fault
      ? `the file cannot be read: ${fault.message}`
      : `the file cannot be read (${reason})`,
    fix: fault?.fix ?? 'check that it exists and that you may read it',
  };
}
