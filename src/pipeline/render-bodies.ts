/** Rendering bodies: one post file read in full and rendered, and many at once on threads. */
import { renderBody } from '../bodies/render-body.js';
import { feedContentWarning } from '../derive/feed-content.js';
import type { Diagnostic } from '../diagnostics.js';
import { hashBytes } from '../hash.js';
import { decodeBody } from '../load/decode-source.js';
import { type PostHead, readPostFile } from '../load/read-source.js';
import type { BodyJob, BodyOutcome, FileJob, HeadRead, Post, SiteConfig } from '../model.js';
import { storeHtml } from '../stored-html.js';
import { headRecord, unreadable, unreadableHead, validateHead } from './post-file.js';
import { PARALLEL_THRESHOLD, runJobs, type StageOptions } from './worker-pool.js';

/** Every file read in full and its body rendered (unless its previous rendering still holds). */
export function renderBodies(
  jobs: readonly BodyJob[],
  config: SiteConfig,
  options: StageOptions = {},
): Promise<BodyOutcome[]> {
  const run = (job: BodyJob) => renderPostFile(job, config);
  return runJobs('body', jobs, run, {
    ...options,
    batchSize: 8,
    threshold: PARALLEL_THRESHOLD,
  });
}

/** Reads a post in full and renders its body, unless its bytes match the previous rendering. */
export function renderPostFile(job: BodyJob, config: SiteConfig): BodyOutcome {
  let read: { head: PostHead; body: Buffer };
  try {
    read = readPostFile(job.file);
  } catch (error) {
    // Deleted or locked since its front matter was read.
    const base = { sourcePath: job.sourcePath, headHash: '', bodyHash: '', size: -1, mtimeMs: -1 };
    return { ...base, reused: false, diagnostics: [unreadable(job, error)] };
  }
  const { head, body } = read;
  const headHash = hashBytes(head.bytes);
  const bytes = { head, headHash, bodyBytes: body };
  return outcomeOf(job, bytes, validateHead(head, job, config), config);
}

/**
 * Reads a post file once, whole, for a cold build: its head, and its body rendered unless the post
 * is a draft or has errors.
 */
export function readStory(job: FileJob, config: SiteConfig): HeadRead {
  let read: { head: PostHead; body: Buffer };
  try {
    read = readPostFile(job.file);
  } catch (error) {
    return unreadableHead(job, error);
  }
  const { head, body } = read;
  const result = validateHead(head, job, config);
  const record = headRecord(job, head, result);
  if (!result.post || result.post.draft) return record;
  const bytes = { head, headHash: record.headHash, bodyBytes: body };
  return { ...record, story: outcomeOf(job, bytes, result, config) };
}

/** What a post file gives, from its bytes and its validated head. */
function outcomeOf(
  job: BodyJob,
  { head, headHash, bodyBytes }: { head: PostHead; headHash: string; bodyBytes: Buffer },
  result: { post?: Post; diagnostics: Diagnostic[] },
  config: SiteConfig,
): BodyOutcome {
  const bodyHash = hashBytes(bodyBytes);
  const { size, mtimeMs } = head;
  const base = {
    sourcePath: job.sourcePath,
    size,
    mtimeMs,
    headHash,
    bodyHash,
    ...(head.blob ? { blob: head.blob } : {}),
  };
  // The file changed while we worked: its problems are what the writer needs to see.
  if (!result.post) return { ...base, reused: false, diagnostics: result.diagnostics };
  const post = result.post;
  if (!job.force && job.previous?.headHash === headHash && job.previous.bodyHash === bodyHash) {
    return { ...base, post, reused: true, diagnostics: [] };
  }
  const decoded = decodeBody(bodyBytes, job.display, post.bodyLine);
  if (decoded.body === undefined)
    return { ...base, post, reused: false, diagnostics: decoded.diagnostics };
  const { problems, summary, contentHtml } = renderBody(post, decoded.body, config);
  const tooLarge = feedContentWarning(contentHtml, job.display);
  // Put aside by this thread when the build asks, and its summary when it asks that too: only the
  // outputs that show them read them back. The front matter's summary, which the story's is made
  // of, then goes.
  const store = job.storeHtmlIn;
  const summaryStore = job.storeSummary && store;
  const rendered = {
    summary: summaryStore && summary !== '' ? storeHtml(summaryStore, summary) : summary,
    summaryKey: hashBytes(summary),
    contentHtml: store ? storeHtml(store, contentHtml) : contentHtml,
  };
  const kept = summaryStore && post.summary !== undefined ? withoutSummary(post) : post;
  const inBody = problems.map(
    (problem): Diagnostic => ({
      severity: 'warning',
      file: job.display,
      ...problem,
      line: (post.bodyLine ?? 1) + problem.line - 1,
    }),
  );
  const diagnostics = [...decoded.diagnostics, ...inBody, ...(tooLarge ? [tooLarge] : [])];
  return { ...base, post: kept, rendered, reused: false, diagnostics };
}

/** `post` without its front matter's summary, once its story's is made. */
function withoutSummary(post: Post): Post {
  const { summary: _, ...rest } = post;
  return rest;
}
