/**
 * One post file's head: decoded, its front matter parsed and validated, and what a build records
 * of it — shared by the stage that reads heads and the one that renders bodies.
 */
import { type Diagnostic, FeedwrightError, fileSystemProblem } from '../diagnostics.js';
import { hashBytes } from '../hash.js';
import { decodeSource } from '../load/decode-source.js';
import { parseFrontMatter, valueAt } from '../load/front-matter.js';
import type { PostHead } from '../load/read-source.js';
import type { FileJob, HeadRecord, Post, SiteConfig } from '../model.js';
import { validatePost } from '../validate/validate-post.js';

/** The record of a head read and validated. */
export function headRecord(
  job: Pick<FileJob, 'sourcePath'>,
  head: PostHead,
  { post, diagnostics }: { post?: Post; diagnostics: Diagnostic[] },
): HeadRecord {
  return {
    sourcePath: job.sourcePath,
    size: head.size,
    mtimeMs: head.mtimeMs,
    headHash: hashBytes(head.bytes),
    ...(head.blob ? { blob: head.blob } : {}),
    diagnostics,
    ...(post ? { ref: refOf(post) } : {}),
  };
}

/** The record of a file that could not be read. */
export function unreadableHead(job: FileJob, error: unknown): HeadRecord {
  const base = { sourcePath: job.sourcePath, size: -1, mtimeMs: -1, headHash: '' };
  return { ...base, diagnostics: [unreadable(job, error)] };
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
  if (!post) return { diagnostics };
  const imageAt = post.image ? valueAt(decoded.text, 'image') : undefined;
  return {
    post: { ...post, bodyOffset: head.bodyOffset, ...(imageAt ? { imageAt } : {}) },
    diagnostics,
  };
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
