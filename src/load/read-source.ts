import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import { gitBlobId } from '../hash.js';
import { reusedBuffer } from '../text.js';

/** Front matter larger than this is refused before parsing: no post needs it, and it bounds memory. */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
/**
 * A post file larger than this (16 MB) is refused before its body is read: rendering takes
 * about 50 times a post's size in memory, and Google News already stops at 1 MB an article.
 */
export const MAX_POST_BYTES = 16_000_000;

/**
 * The text of `file` (as typed, relative to `cwd`), or undefined when there is no such file;
 * any other failure (no permission, a folder) is thrown as it came.
 */
export async function readTextIfPresent(cwd: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** `12.3 MB`: sizes as people read them, in the decimal megabytes Google News counts in. */
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
/** What ordering and validation need of a post file: its front matter, never its body. */
export interface PostHead {
  /** Bytes from the start of the file through the closing fence line (or all that was read). */
  bytes: Buffer;
  /** Byte offset where the body starts; the file's size when no closing fence was found. */
  bodyOffset: number;
  size: number;
  mtimeMs: number;
  /** The whole file's git blob id (`gitBlobId`), when it was read whole (`readPostFile`). */
  blob?: string;
}

// Front matter is 1–2 KiB in practice: one 4 KiB read finds its end almost always.
const FIRST_READ = 4 * 1024;
// A closing fence may follow the largest front matter we accept, plus a BOM and fence lines.
const MAX_HEAD = MAX_FRONT_MATTER_BYTES + 1024;
const NEWLINE = 0x0a;
// One buffer per thread, reused for every head: no allocation per file.
const scratch = Buffer.allocUnsafe(MAX_HEAD);

/**
 * Reads a post's head: the first few KiB, more only if the front matter is longer. Synchronous
 * on purpose: it runs in a tight loop (or a worker thread) where one syscall beats a promise.
 * `bytes` is a view of a shared buffer, valid until the next call: use it at once.
 */
export function readPostHead(file: string): PostHead {
  const fd = openPost(file);
  try {
    const { size, mtimeMs } = checkedStats(fd, file);
    let length = 0;
    const bodyOffset = bodyStart(scratch, size, (to) => {
      length = readFully(fd, scratch, length, to);
      return length;
    });
    return { bytes: scratch.subarray(0, bodyOffset), bodyOffset, size, mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** The thread's buffer for a whole file, up to 1 MiB; a larger file gets one of its own. */
const wholeBuffer = reusedBuffer(1024 * 1024);

/**
 * Reads a whole post at once: its head, as `readPostHead` gives it, and its body — one open and
 * one read, where the head and then the body would take two. Both are views of a buffer this
 * thread reuses, valid until the next call: use them at once.
 */
export function readPostFile(file: string): { head: PostHead; body: Buffer } {
  const fd = openPost(file);
  try {
    const { size, mtimeMs } = checkedStats(fd, file);
    const buffer = wholeBuffer(size);
    const read = readFully(fd, buffer, 0, size);
    const bodyOffset = bodyStart(buffer, size, (to) => Math.min(to, read));
    const bytes = buffer.subarray(0, bodyOffset);
    const blob = gitBlobId(buffer.subarray(0, read));
    return {
      head: { bytes, bodyOffset, size, mtimeMs, blob },
      body: buffer.subarray(bodyOffset, read),
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the body starts in `buffer`, a file of `size` bytes: the closing fence looked for in the
 * first 4 KiB, then — when not found — in the first `MAX_HEAD` bytes. `read(to)` makes sure the
 * buffer holds the file up to `to` and says how far it does (less at the end of a file that
 * shrank).
 */
function bodyStart(buffer: Buffer, size: number, read: (to: number) => number): number {
  let length = read(Math.min(size, FIRST_READ));
  let end = findBodyStart(buffer, length, length === size);
  if (end === -1 && length < size) {
    length = read(Math.min(size, MAX_HEAD));
    end = findBodyStart(buffer, length, length === size);
  }
  return end === -1 ? length : end;
}

/**
 * Opens a post without blocking: a named pipe put where a post was would otherwise wait forever
 * for a writer. (O_NONBLOCK changes nothing for a regular file.)
 */
function openPost(file: string): number {
  return openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
}

/**
 * The open file's size and mtime; a `FeedwrightError` for anything that is not a regular file
 * of at most `MAX_POST_BYTES` (it may have been swapped after the folder was listed).
 */
function checkedStats(fd: number, file: string): Stats {
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    throw refused(file, {
      code: 'post-not-a-file',
      message: `it is ${kindOf(stats)}, not a file`,
      fix: 'replace it with a Markdown file, or move it out of the posts folder',
    });
  }
  if (stats.size > MAX_POST_BYTES) {
    throw refused(file, {
      code: 'post-too-large',
      message: `the file is ${megabytes(stats.size)}, more than the ${megabytes(MAX_POST_BYTES)} a post may be`,
      fix: 'split it into several posts, and put images and other files in public/ and link to them',
    });
  }
  return stats;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'something else';
}

function refused(file: string, problem: { code: string; message: string; fix: string }) {
  return new FeedwrightError([{ severity: 'error', file, ...problem }]);
}

function readFully(fd: number, buffer: Buffer, from: number, to: number): number {
  let length = from;
  while (length < to) {
    const n = readSync(fd, buffer, length, to - length, length);
    if (n === 0) break;
    length += n;
  }
  return length;
}

/**
 * Offset just past the closing fence line of front matter that opens on line 1, or -1 if it is
 * not within the first `length` bytes. Front matter opens with `---` (YAML, or `---json`) and
 * closes with `---` or `...`; opens with `+++` (TOML) and closes with `+++`; or is a JSON object
 * that opens with `{` and closes with a line `}` (or is all on line 1). A file that opens with
 * none of these has no front matter: its head is empty and everything is body.
 */
export function findBodyStart(buffer: Buffer, length: number, complete = true): number {
  // Bytes past `length` are left over from another file: never look at them.
  let start = length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const close = closerOf(buffer, start, length);
  if (close === undefined) return 0;
  start = buffer.indexOf(NEWLINE, start);
  if (close === BRACE && (start === -1 || start >= length ? length : start) > 0) {
    // `{ … }` on line 1 alone is the whole object.
    const lineEnd = start === -1 || start >= length ? length : start;
    if (lastNonBlank(buffer, 0, lineEnd) === BRACE_CLOSE) {
      if (start !== -1 && start < length) return start + 1;
      return complete ? lineEnd : -1;
    }
  }
  while (start !== -1 && start < length) {
    const lineStart = start + 1;
    const next = buffer.indexOf(NEWLINE, lineStart);
    const lineEnd = next === -1 || next >= length ? length : next;
    if (isFence(buffer, lineStart, lineEnd, close)) {
      // The fence line must be complete: either a newline follows or the file ends here.
      if (next !== -1 && next < length) return next + 1;
      return lineEnd === length && complete ? lineEnd : -1;
    }
    if (next === -1 || next >= length) return -1;
    start = next;
  }
  return -1;
}

const DASH = 0x2d;
const PLUS = 0x2b;
const BRACE = 0x7b;
const BRACE_CLOSE = 0x7d;

/** Which fence closes the front matter opening at `start`: `-`, `+` or `{`; none for a body. */
function closerOf(buffer: Buffer, start: number, length: number): number | undefined {
  const c = buffer[start];
  if (start < length && c === BRACE) return BRACE;
  if (start + 3 > length) return undefined;
  if ((c === DASH || c === PLUS) && buffer[start + 1] === c && buffer[start + 2] === c) return c;
  return undefined;
}

function lastNonBlank(buffer: Buffer, from: number, to: number): number | undefined {
  for (let i = to - 1; i >= from; i--) {
    const b = buffer[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return b;
  }
  return undefined;
}

/** A closing fence line: `---` or `...` (YAML), `+++` (TOML), `}` (JSON); trailing blanks allowed. */
function isFence(buffer: Buffer, from: number, to: number, close: number): boolean {
  const c = buffer[from];
  let end = from + 3;
  if (close === BRACE) {
    if (c !== BRACE_CLOSE) return false;
    end = from + 1;
  } else {
    const ok = close === PLUS ? c === PLUS : c === DASH || c === 0x2e;
    if (!ok || buffer[from + 1] !== c || buffer[from + 2] !== c) return false;
  }
  for (let i = end; i < to; i++) {
    const b = buffer[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}
