/**
 * Stories' HTML put aside on disk while a build runs. A cold build renders every story (each gets
 * a page), but an output shows only a few of them: holding them all — and a copy on every thread
 * that renders outputs — is what made a 100,000-post build need gigabytes. Each thread appends the
 * HTML it renders to its own file in the build's folder; the model carries where it is, and the
 * thread rendering an output reads back only what that output shows.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { hashBytes } from './hash.js';
import type { ItemHtml, StoredHtml, StoredItemHtml, TextPart } from './model.js';
import { cdata, cdataParts, reusedBuffer, utf8Scratch, utf8Text } from './text.js';

/** What this thread has written so far, by store file: where the next story's HTML starts. */
const written = new Map<string, number>();

/**
 * This thread's store files open for appending, by path: open through a run of stories (a
 * thread renders them in batches), closed once the run is over (see `storeHtml`) — opening and
 * closing the file for each story was 10,000 of a cold build's 32,000 opens at 10,000 posts.
 */
const writers = new Map<string, number>();

/**
 * Appends `html` to this thread's file in the folder `dir`; where it now is. The file stays open
 * until the thread's current run of work ends (its next microtask), so no file outlives the batch
 * of jobs that wrote it, however the thread goes on.
 */
export function storeHtml(dir: string, html: string): StoredHtml {
  const file = path.join(dir, `html-${process.pid}-${threadId}.bin`);
  const bytes = utf8Scratch(html);
  const offset = written.get(file) ?? 0;
  writeAll(writerOf(file), bytes);
  written.set(file, offset + bytes.length);
  return { file, offset, bytes: bytes.length };
}

function writerOf(file: string): number {
  let fd = writers.get(file);
  if (fd === undefined) {
    fd = openSync(file, 'a');
    if (writers.size === 0) queueMicrotask(closeWriters);
    writers.set(file, fd);
  }
  return fd;
}

/** Writes all of `bytes` at the file's position (`writeSync` may write fewer at a time). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Closes this thread's store files open for appending. */
function closeWriters(): void {
  for (const fd of writers.values()) closeSync(fd);
  writers.clear();
}

/** Removes a build's folder of stored HTML, and forgets this thread's files in it. */
export function removeHtmlStore(dir: string): void {
  for (const file of written.keys()) if (path.dirname(file) === dir) written.delete(file);
  closeWriters();
  closeHtmlReaders();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Closes the store files this thread read from: a thread done with a build's outputs lets them
 * go (a file kept open would keep its disk space after the build removes it, and a worker's files
 * stay open when it ends).
 */
export function closeHtmlReaders(): void {
  for (const fd of readers.values()) closeSync(fd);
  readers.clear();
  windows.clear();
}

/**
 * The store files this thread reads from, open until `closeHtmlReaders`: a page reads one story,
 * and opening and closing the file for each was 0.15 s of the 0.41 s the main thread spent
 * reading 10,000 pages' stories back (by CPU profile).
 */
const readers = new Map<string, number>();

/** Stories are read into this thread's buffer (a larger one into its own), then decoded. */
const readBuffer = reusedBuffer(1024 * 1024);

/** The HTML (or text) stored at `stored`, read back. */
export function readStoredHtml(stored: StoredHtml): string {
  return readInto(stored, readBuffer(stored.bytes)).toString('utf8', 0, stored.bytes);
}

/** The UTF-8 bytes stored at `stored`, read back into memory of their own (kept while held). */
export function readStoredBytes(stored: StoredHtml): Buffer {
  return readInto(stored, Buffer.allocUnsafe(stored.bytes));
}

/**
 * Reads the bytes stored at `stored` into the start of `buffer`; throws when the file ends first,
 * or when they do not hash to `stored.key` (a file that outlives the build, changed since).
 */
function readInto(stored: StoredHtml, buffer: Buffer): Buffer {
  readAt(stored, buffer);
  if (stored.key !== undefined && hashBytes(buffer.subarray(0, stored.bytes)) !== stored.key)
    throw new Error(
      `${stored.file}: the ${stored.bytes} bytes at ${stored.offset} are not those stored there — the build cache changed while this build read it: build again`,
    );
  return buffer;
}

function readAt(stored: StoredHtml, buffer: Buffer): void {
  const fd = readerOf(stored.file);
  if (stored.bytes <= WINDOWED_BYTES) {
    const window = windowOver(fd, stored);
    const at = stored.offset - window.start;
    if (at >= 0 && at + stored.bytes <= window.length) {
      window.bytes.copy(buffer, 0, at, at + stored.bytes);
      return;
    }
  }
  readFully(fd, stored.file, buffer, stored.bytes, stored.offset);
}

function readerOf(file: string): number {
  let fd = readers.get(file);
  if (fd === undefined) {
    fd = openSync(file, 'r');
    readers.set(file, fd);
  }
  return fd;
}

/** Reads `bytes` bytes at `offset` into the start of `buffer`; throws when the file ends first. */
function readFully(fd: number, file: string, buffer: Buffer, bytes: number, offset: number): void {
  const read = readSome(fd, buffer, bytes, offset);
  if (read < bytes) throw new Error(`${file}: ended at ${read} of ${bytes} bytes`);
}

/**
 * What this thread last read of each store file, around the last text it read there: a listing
 * page shows 50 stories, each summary ~1 KB read on its own (8 µs a read on the bench's machine,
 * of which the copy is nothing), and the next page shows the next ones — in each file, the texts
 * beside those just read. Bytes once written to a store file never change (each is appended to,
 * or named by its bytes), so what was read stays true for the build.
 */
interface ReadWindow {
  start: number;
  /** How many bytes `bytes` holds from `start` (fewer than its size where the file ended). */
  length: number;
  bytes: Buffer;
}

const windows = new Map<string, ReadWindow>();

/** Bytes read around a short text at once: its neighbours, in the direction the reads go. */
const WINDOW_BYTES = 64 * 1024;
/** Texts up to this long are read through a window. */
const WINDOWED_BYTES = 16 * 1024;
/**
 * A read this far or farther from the last window is taken as a jump, not a walk: only its own
 * bytes are read (a window at every jump would copy 64 KB for each text).
 */
const NEAR_BYTES = 4 * WINDOW_BYTES;
/** Files a thread keeps a window of (each 64 KB): the least recently filled goes first. */
const MAX_WINDOWS = 64;

/**
 * The window over `stored` of its file: the one held, else one read now — the text's own bytes
 * after a jump, else a window ending at the text when the reads walk back through the file (a
 * listing goes from the newest story back), else one starting at it. Undefined bytes past the
 * file's end are left out (`length`): a text beyond the window is then read on its own.
 */
function windowOver(fd: number, stored: StoredHtml): ReadWindow {
  const held = windows.get(stored.file);
  const end = stored.offset + stored.bytes;
  if (held && stored.offset >= held.start && end <= held.start + held.length) return held;
  const window = held ?? { start: 0, length: 0, bytes: Buffer.allocUnsafeSlow(WINDOW_BYTES) };
  const back = held !== undefined && stored.offset < held.start;
  const near =
    held !== undefined &&
    (back ? held.start - end : stored.offset - (held.start + held.length)) < NEAR_BYTES;
  const size = near ? WINDOW_BYTES : stored.bytes;
  window.start = near && back ? Math.max(0, end - WINDOW_BYTES) : stored.offset;
  window.length = readSome(fd, window.bytes, size, window.start);
  windows.delete(stored.file); // the Map's order: least recently filled first
  windows.set(stored.file, window);
  if (windows.size > MAX_WINDOWS) windows.delete(windows.keys().next().value as string);
  return window;
}

/** Reads up to `bytes` bytes at `offset` into `buffer`, fewer only where the file ends; how many. */
function readSome(fd: number, buffer: Buffer, bytes: number, offset: number): number {
  let read = 0;
  while (read < bytes) {
    const n = readSync(fd, buffer, read, bytes - read, offset + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/** True when `html` is put aside rather than held. */
export function isStored(html: string | StoredHtml): html is StoredHtml {
  return typeof html !== 'string';
}

/** The text of a story's HTML or summary, held or stored. */
export function storyText(text: string | StoredHtml): string {
  return isStored(text) ? readStoredHtml(text) : text;
}

/**
 * An item's HTML as text: its story's body read back when stored, with what goes around it. Read
 * from disk each time asked, nothing kept: a text kept for the next output that shows the story
 * outlived the young generation and died in the old one — a cold build of 10,000 posts peaked
 * ~100 MB higher keeping the last 4 M characters read, for one read in six saved.
 */
export function htmlText(html: ItemHtml): string {
  if (typeof html === 'string') return html;
  const body = readStoredHtml(html.body);
  return `${shownLead(html, (text) => body.includes(text))}${body}${html.after}`;
}

/** The item's lead image, unless its body shows it already (`holds` its `unless`), or ''. */
function shownLead(html: StoredItemHtml, holds: (text: string) => boolean): string {
  return html.lead && !holds(html.lead.unless) ? html.lead.html : '';
}

/**
 * An item's HTML in a CDATA section (`cdata(htmlText(html))`), in parts: a stored body is put in
 * as the bytes read back (`cdataParts`), not decoded to text to be encoded again when the document
 * is written — which took a cold build of 1,000 posts ~0.1 s of its main thread, every feed and
 * format that carries a story's text reading it again.
 */
export function htmlCdata(html: ItemHtml): TextPart[] {
  if (typeof html === 'string') return [cdata(html)];
  const body = readStoredBytes(html.body);
  return cdataParts(
    shownLead(html, (text) => holds(body, text)),
    body,
    html.after,
  );
}

/**
 * Whether UTF-8 `bytes` hold `text`: its UTF-8 bytes, found exactly where the decoded text holds
 * it — unless `text` has a surrogate (a lone one is encoded as U+FFFD): then it is looked for in
 * the text.
 */
function holds(bytes: Buffer, text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text) ? utf8Text(bytes).includes(text) : bytes.includes(text);
}

/** True when an item's HTML is empty (a stored body is never read for this). */
export function isEmptyHtml(html: ItemHtml): boolean {
  return typeof html === 'string'
    ? html === ''
    : html.body.bytes === 0 && !html.lead && html.after === '';
}

/**
 * Bounds of a stored item's HTML length in UTF-8 bytes, without reading its body: whether its
 * lead is shown depends on the body.
 */
export function storedByteBounds(html: StoredItemHtml): { least: number; most: number } {
  const least = html.body.bytes + Buffer.byteLength(html.after, 'utf8');
  return { least, most: least + (html.lead ? Buffer.byteLength(html.lead.html, 'utf8') : 0) };
}
