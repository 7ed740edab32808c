/** Reading front matter: one post file's head read and validated, and many at once on threads. */
import { hashBytes } from '../hash.js';
import { type PostHead, readPostFile, readPostHead } from '../load/read-source.js';
import type { FileJob, HeadRead, SiteConfig } from '../model.js';
import { headRecord, unreadableHead, validateHead } from './post-file.js';
import { PARALLEL_THRESHOLD, runJobs, type StageOptions } from './worker-pool.js';

/** Every file's front matter, read and validated, in `jobs` order. */
export async function readHeads(
  jobs: readonly FileJob[],
  config: SiteConfig,
  options: StageOptions = {},
): Promise<HeadRead[]> {
  // A cold build asks for every body (`withBody` on every job): files are then read whole, which
  // loads the rendering libraries, and each job costs more.
  const whole = jobs.some((job) => job.withBody);
  const { readStory } = whole ? await import('./render-bodies.js') : { readStory: undefined };
  // Every job the same way on every thread (the workers' `story` task reads each file whole). What
  // this thread reads is copied, as a worker's is sent: V8 cuts a post's strings out of its front
  // matter text, which they would otherwise keep alive for the whole build (~1 KB a post).
  const run = (job: FileJob) =>
    structuredClone(readStory ? readStory(job, config) : readHead(job, config));
  const heads = await runJobs(whole ? 'story' : 'head', jobs, run, {
    ...options,
    batchSize: whole ? 8 : 256,
    threshold: PARALLEL_THRESHOLD,
  });
  // The workers load what comes next while this thread plans the feeds: the bodies' libraries,
  // or after a cold build's reading (bodies rendered already, every output to render) the outputs'.
  options.workers?.preload(whole ? 'output' : 'body');
  return heads;
}

/**
 * Reads a post's front matter and validates it — unless it is the one the cache knows
 * (`FileJob.known`), which needs neither: then its body's hash instead. Never throws for a bad or
 * unreadable file.
 */
export function readHead(job: FileJob, config: SiteConfig): HeadRead {
  // A file the cache knows is read whole: its body's hash is wanted when its head is the same.
  let read: { head: PostHead; body?: Buffer };
  try {
    read = job.known === undefined ? { head: readPostHead(job.file) } : readPostFile(job.file);
  } catch (error) {
    return unreadableHead(job, error);
  }
  const { head, body } = read;
  return (
    (body && sameHead(job, head, body)) || headRecord(job, head, validateHead(head, job, config))
  );
}

/**
 * A head that hashes to `job.known`, with the hash of its body: what the cache needs to keep the
 * file's record and story as they are; undefined when it does not.
 */
function sameHead(job: FileJob, head: PostHead, body: Buffer): HeadRead | undefined {
  const headHash = hashBytes(head.bytes);
  if (headHash !== job.known) return undefined;
  const { size, mtimeMs } = head;
  return {
    sourcePath: job.sourcePath,
    size,
    mtimeMs,
    headHash,
    diagnostics: [],
    sameHead: { bodyHash: hashBytes(body), ...(head.blob ? { blob: head.blob } : {}) },
  };
}

export { validateHead } from './post-file.js';
