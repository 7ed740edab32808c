import type { Diagnostic } from '../diagnostics.js';
import { MANIFEST_FILE } from '../manifest.js';
import type { CopiedFile } from '../model.js';

/**
 * The public folder's files as copies into the output, and an error for each one that would
 * replace a file feedwright writes (`generated`) or its manifest.
 */
export function publicCopies(
  assets: readonly { path: string; file: string }[],
  generated: readonly { path: string }[],
  publicDisplay: string | undefined,
): { copies: CopiedFile[]; diagnostics: Diagnostic[] } {
  const taken = new Set(generated.map((file) => file.path));
  const diagnostics: Diagnostic[] = [];
  for (const asset of assets) {
    if (taken.has(asset.path) || asset.path === MANIFEST_FILE) {
      diagnostics.push({
        severity: 'error',
        code: 'public-clash',
        file: `${publicDisplay}/${asset.path}`,
        message: 'this file would replace one that feedwright writes',
        fix: 'rename it or move it to another folder',
      });
    }
  }
  return { copies: assets.map((asset) => ({ path: asset.path, source: asset.file })), diagnostics };
}
