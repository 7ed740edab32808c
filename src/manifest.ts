/** The manifest every build writes into its output: what it wrote, with a digest per file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_FILE = '.feedwright-manifest.json';

/** Deterministic: the same output gives the same manifest. */
export interface Manifest {
  generator: 'feedwright';
  /** Output path → sha256 of its bytes. */
  files: Record<string, string>;
}

export type ManifestParse =
  | { ok: true; manifest: Manifest }
  | { ok: false; problem: 'not-json' | 'not-manifest'; message: string };

export function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Manifest>;
  if (m.generator !== 'feedwright') return false;
  if (typeof m.files !== 'object' || m.files === null || Array.isArray(m.files)) return false;
  return Object.values(m.files).every((digest) => typeof digest === 'string');
}

/** The manifest in `text`, or why it is not one. */
export function parseManifest(text: string): ManifestParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'not-json', message: (error as Error).message };
  }
  return isManifest(value)
    ? { ok: true, manifest: value }
    : { ok: false, problem: 'not-manifest', message: 'not a feedwright manifest' };
}

/** The manifest in the output folder `dir`, or null when there is none (or it is not ours). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return null;
  const parsed = parseManifest(text);
  return parsed.ok ? parsed.manifest : null;
}

export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
