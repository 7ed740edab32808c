/**
 * What a post's file name says, as the tools posts come from read it: Jekyll, Zola and Eleventy
 * date a post by a `YYYY-MM-DD-` (or Zola's `YYYY-MM-DD_`) prefix, and a page bundle
 * (`my-post/index.md`, with its images beside it) is named by its folder.
 */

export interface FileName {
  /** The name without its extension (for a bundle, its folder's name): `2025-01-29-hello`. */
  stem: string;
  /** The date its name starts with, as written (`2025-01-29`), if any. */
  date?: string;
  /** The stem without that date: `hello`. */
  title: string;
  /** True for `folder/index.md`: the folder is the post (for posts written for another tool). */
  bundle: boolean;
  /** The file's own name without its extension (`index` for a bundle). */
  file: string;
}

const DATED = /^(\d{4}-\d{2}-\d{2})[-_](.+)$/;

export function fileNameOf(sourcePath: string): FileName {
  const parts = sourcePath.split('/');
  const name = parts.at(-1) ?? sourcePath;
  const base = name.replace(/\.[^.]+$/, '') || name;
  const bundle = base === 'index' && parts.length > 1;
  const stem = bundle ? (parts.at(-2) ?? base) : base;
  const dated = DATED.exec(stem);
  return dated
    ? { stem, date: dated[1] as string, title: dated[2] as string, bundle, file: base }
    : { stem, title: stem, bundle, file: base };
}
