import type { Diagnostic } from '../diagnostics.js';
import { MANIFEST_FILE } from '../manifest.js';
import type { CopiedFile } from '../model.js';
import { isSiteFile } from '../urls.js';

/**
 * The public folder's files as copies into the output, an error for each one that would replace
 * a file feedwright writes (`generated`) or its manifest — but a site's own `robots.txt`,
 * sitemap or `feeds.opml`, which is published instead of feedwright's (a note says so) — and a
 * warning for each one whose path differs from another's only in letter case (see `caseTwins`).
 */
export function publicCopies(
  assets: readonly { path: string; file: string }[],
  generated: readonly { path: string }[],
  publicDisplay: string | undefined,
): { copies: CopiedFile[]; diagnostics: Diagnostic[] } {
  const taken = new Set(generated.map((file) => file.path));
  const diagnostics: Diagnostic[] = [];
  for (const asset of assets) {
    if (taken.has(asset.path) && isSiteFile(asset.path)) {
      diagnostics.push({
        severity: 'note',
        code: 'public-site-file',
        file: `${publicDisplay}/${asset.path}`,
        message: `published instead of the ${asset.path} feedwright writes`,
      });
    } else if (taken.has(asset.path) || asset.path === MANIFEST_FILE) {
      diagnostics.push({
        severity: 'error',
        code: 'public-clash',
        file: `${publicDisplay}/${asset.path}`,
        message: 'this file would replace one that feedwright writes',
        fix: 'rename it or move it to another folder',
      });
    }
  }
  diagnostics.push(...caseTwins(assets, generated, publicDisplay));
  return { copies: assets.map((asset) => ({ path: asset.path, source: asset.file })), diagnostics };
}

/**
 * A warning for each public file whose output path differs from an earlier public file's, or from
 * a file feedwright writes, only in letter case (or in how an accented letter is encoded): on a
 * case-insensitive file system (macOS, Windows, and hosts that serve from one) the two are one
 * file, and one replaces the other.
 */
export function caseTwins(
  assets: readonly { path: string }[],
  generated: readonly { path: string }[],
  publicDisplay: string | undefined,
): Diagnostic[] {
  if (assets.length === 0) return [];
  const warnings: Diagnostic[] = [];
  const warn = (path: string, other: string, shown: string) =>
    warnings.push({
      severity: 'warning',
      code: 'case-twin',
      file: `${publicDisplay}/${path}`,
      message: `this file and ${shown} ${howTheyDiffer(path, other)}: on a case-insensitive file system (macOS, Windows) one replaces the other`,
      fix: 'rename one of them, and the links to it',
    });
  const seen = new Map<string, string>();
  for (const { path } of assets) {
    const first = seen.get(foldCase(path));
    if (first === undefined) seen.set(foldCase(path), path);
    else warn(path, first, `${publicDisplay}/${first}`);
  }
  for (const { path } of generated) {
    const asset = seen.get(foldCase(path));
    // The same path is a clash, reported as an error.
    if (asset !== undefined && asset !== path)
      warn(asset, path, `${path} (which feedwright writes)`);
  }
  return warnings;
}

/** One key for names a case-insensitive, normalization-insensitive file system takes as one. */
function foldCase(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

function howTheyDiffer(a: string, b: string): string {
  return a.toLowerCase() === b.toLowerCase()
    ? 'differ only in letter case'
    : 'differ only in letter case or in how their accented letters are encoded';
}
