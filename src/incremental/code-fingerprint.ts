import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashParts } from '../hash.js';
import { compareCodePoints } from '../text.js';
import { walkFiles } from '../walk.js';

let fingerprint: string | undefined;

/**
 * A hash of feedwright's own code, so that any change to it (a new version, or a local edit)
 * invalidates caches built by the old code.
 */
export function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const files = walkFiles(root)
      .filter(({ dirent }) => dirent.isFile() && /\.(js|ts)$/.test(dirent.name))
      .filter(({ dirent }) => !dirent.name.endsWith('.d.ts'))
      .map((entry) => entry.path)
      .sort(compareCodePoints);
    fingerprint = hashParts(files.flatMap((file) => [file, readFileSync(path.join(root, file))]));
  }
  return fingerprint;
}
