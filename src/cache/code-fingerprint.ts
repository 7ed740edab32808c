import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let fingerprint: Promise<string> | undefined;

/**
 * A hash of feedwright's own code, so that any change to it (a new version, or a local edit)
 * invalidates caches built by the old code.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
    const hash = createHash('sha256');
    const entries = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => path.join(e.parentPath ?? e.path, e.name))
      .sort();
    for (const file of entries) hash.update(file.slice(root.length)).update(await readFile(file));
    return hash.digest('hex');
  })();
  return fingerprint;
}
