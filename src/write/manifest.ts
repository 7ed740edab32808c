import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_FILE = '.feedwright-manifest.json';

/** Written into the output folder. Deterministic: the same output gives the same manifest. */
export interface Manifest {
  generator: 'feedwright';
  /** Output path → sha256 of its bytes. */
  files: Record<string, string>;
}

/** The manifest in `outDir`, or null when there is none (or it is not ours). */
export async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    return parsed?.generator === 'feedwright' && parsed.files && typeof parsed.files === 'object'
      ? parsed
      : null;
  } catch {
    return null;
  }
}
