import type { RenderedBody } from '../derive/render-body.js';
import { renderBody } from '../derive/render-body.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Post, SiteConfig } from '../model.js';
import { type FileJob, hashBytes } from './parse-file.js';
import { decodeBody, parsePostHead } from './parse-post.js';
import { readPostBytes, readPostHead } from './read-source.js';

export interface RenderJob extends FileJob {
  /** Hashes of the rendering the cache holds, if any: when both match, nothing is rendered. */
  previous?: { headHash: string; bodyHash: string };
}

export interface RenderOutcome {
  sourcePath: string;
  post?: Post;
  /** Absent when the cached rendering is still right (`reused`) or the file has errors. */
  rendered?: RenderedBody;
  reused: boolean;
  headHash: string;
  bodyHash: string;
  diagnostics: Diagnostic[];
}

/** Reads a post in full and renders its body, unless its bytes match the cached rendering. */
export function renderFile(job: RenderJob, config: SiteConfig): RenderOutcome {
  const head = readPostHead(job.file);
  const headHash = hashBytes(head.bytes);
  const result = parsePostHead(head, job.sourcePath, job.display, config);
  const bodyBytes = readPostBytes(job.file, head.bodyOffset);
  const bodyHash = hashBytes(bodyBytes);
  const base = { sourcePath: job.sourcePath, headHash, bodyHash };
  // The file changed while we worked: its problems are what the writer needs to see.
  if (!result.post) return { ...base, reused: false, diagnostics: result.diagnostics };
  const post = result.post;
  if (job.previous?.headHash === headHash && job.previous.bodyHash === bodyHash) {
    return { ...base, post, reused: true, diagnostics: [] };
  }
  const decoded = decodeBody(bodyBytes, job.display, post.bodyLine);
  if (decoded.body === undefined)
    return { ...base, post, reused: false, diagnostics: decoded.diagnostics };
  return {
    ...base,
    post,
    rendered: renderBody(post, decoded.body, config),
    reused: false,
    diagnostics: decoded.diagnostics,
  };
}
