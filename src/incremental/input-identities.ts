/**
 * What each file the output depends on besides the posts (the public folder's, and the files
 * beside posts) is, for the output's key: the git blob git vouches for when it does, else its
 * size and mtime. By its blob, a file a checkout wrote again with the same bytes (CI's gives every
 * file a new mtime) leaves the key, and so the output, as it was.
 */

/** A file the output depends on: where it is, under which folder, and its size and mtime. */
export interface Input {
  /** Relative to `root`, `/`-separated: the name git's listing of `root` gives it. */
  path: string;
  /** Its absolute path. */
  file: string;
  /** The folder it was found in (the public folder, or the posts folder). */
  root: string;
  size: number;
  mtimeMs: number;
}

/** A file's size and mtime when last looked at, and the blob git vouched for then ('' if none). */
export type KnownInput = [size: number, mtimeMs: number, blob: string];

export interface InputIdentities {
  /** Each input's identity, in order: `blob:<id>:<size>`, or `stat:<size>:<mtime>`. */
  ids: string[];
  /** What to remember of each input, by file, for the next build. */
  known: Map<string, KnownInput>;
  /** The blob of each input known by one, by file. */
  blobs: Map<string, string>;
}

/**
 * The identity of every input: the one `known` gives while the file's size and mtime are those
 * recorded; else, when git vouches for it (`blobOf`, asked only of files not as recorded), its
 * blob; else its size and mtime.
 */
export function inputIdentities(
  inputs: readonly Input[],
  known: ReadonlyMap<string, KnownInput>,
  blobOf: (root: string, name: string) => string | undefined,
): InputIdentities {
  const next = new Map<string, KnownInput>();
  const blobs = new Map<string, string>();
  const ids = inputs.map((input) => {
    const last = known.get(input.file);
    const same = last !== undefined && last[0] === input.size && last[1] === input.mtimeMs;
    const blob = same ? last[2] : (blobOf(input.root, input.path) ?? '');
    next.set(input.file, [input.size, input.mtimeMs, blob]);
    if (!blob) return `stat:${input.size}:${input.mtimeMs}`;
    blobs.set(input.file, blob);
    // With its size: bytes git would convert (line endings, say) are another file to publish.
    return `blob:${blob}:${input.size}`;
  });
  return { ids, known: next, blobs };
}
