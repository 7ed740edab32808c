import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';

import { sha256Hex } from '../../../src/hash.js';
import { MANIFEST_FILE, type Manifest, readManifest } from '../../../src/manifest.js';
import type { OutputFile } from '../../../src/model.js';
import { type WriteSiteOptions, writeSite } from '../../../src/pipeline/write-site.js';
import type { RenderedSite } from '../../../src/render/render-site.js';
import { KEPT_FILE_CHANGED, writeOutput } from '../../../src/write/write-output.js';
import { stampsByPath } from '../../helpers/stamps.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-write-site-'));
  dirs.push(dir);
  return dir;
}

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';
const PAGES: OutputFile[] = [
  { path: 'rss.xml', content: RSS },
  { path: 'index.html', content: '<!doctype html><title>Home</title>' },
  { path: 'posts/a/index.html', content: '<!doctype html><title>A</title>' },
];
const site = (files: RenderedSite['files']): RenderedSite => ({ files, keys: new Map() });

/** Write options for `outDir`, recording progress. */
function target(outDir: string, extra: Partial<WriteSiteOptions> = {}) {
  const progress: [number, number][] = [];
  const options: WriteSiteOptions = {
    outDir,
    display: 'dist',
    force: false,
    onProgress: (done, total) => progress.push([done, total]),
    ...extra,
  };
  return { options, progress };
}

const never = (): Promise<RenderedSite> => {
  throw new Error('renderAfresh must not be called');
};

/** What a build records in the manifest besides the files. */
const RECORD: Omit<Manifest, 'generator' | 'files'> = {
  nextDue: '2026-06-01T04:00:00.000Z',
  items: [
    {
      id: 'https://news.example.com/posts/a/',
      url: 'https://news.example.com/posts/a/',
      source: 'a.md',
      title: 'A',
      published: '2026-05-01T12:00:00.000Z',
      hash: 'key-of-a',
      aliases: ['/2019/a/'],
    },
  ],
  feeds: { 'rss.xml': { title: 'T', items: ['https://news.example.com/posts/a/'] } },
};

describe('writeSite', () => {
  it('writes the rendered files and the copies, reporting progress 0/N then N/N', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const outDir = path.join(root, 'dist');
    const { options, progress } = target(outDir);
    const rendered = site(PAGES);
    const { site: written, result } = await writeSite(
      rendered,
      never,
      [{ path: 'img/logo.png', source: path.join(root, 'logo.png') }],
      options,
    );
    expect(written).toBe(rendered);
    expect(result.written).toEqual(['rss.xml', 'index.html', 'posts/a/index.html', 'img/logo.png']);
    expect(result.unchanged).toEqual([]);
    expect(progress).toEqual([
      [0, 3],
      [3, 3],
    ]);
    expect(await readFile(path.join(outDir, 'rss.xml'), 'utf8')).toBe(RSS);
    expect([...(await readFile(path.join(outDir, 'img/logo.png')))]).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
    const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8'));
    expect(manifest.files['index.html']).toBe(sha256Hex(PAGES[1]?.content ?? ''));
    // Without a record, the manifest lists the files and nothing else.
    expect(Object.keys(manifest)).toEqual(['generator', 'files']);
  });

  it('carries over kept files that are as the last build wrote them', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    await writeSite(site(PAGES), never, [], target(outDir).options);
    const kept = site([
      { path: 'rss.xml', keep: sha256Hex(RSS) },
      { path: 'index.html', content: '<!doctype html><title>New home</title>' },
    ]);
    const { site: written, result } = await writeSite(kept, never, [], target(outDir).options);
    expect(written).toBe(kept);
    expect(result.unchanged).toEqual(['rss.xml']);
    expect(result.written).toEqual(['index.html']);
    expect(result.removed).toEqual(['posts/a/index.html']);
  });

  it('renders afresh once and writes that when a kept file was edited since', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    await writeSite(site(PAGES), never, [], target(outDir).options);
    await writeFile(
      path.join(outDir, 'index.html'),
      '<!doctype html><title>Edited by hand</title>',
    );

    // The build meant to keep every page as it was.
    const kept = site(PAGES.map((f) => ({ path: f.path, keep: sha256Hex(f.content) })));
    // Precondition: writing it as it is fails as the real writer does.
    const refused = await writeOutput(outDir, kept.files).catch((e: unknown) => e);
    expect((refused as FeedwrightError).diagnostics[0]?.code).toBe(KEPT_FILE_CHANGED);

    const fresh = site(PAGES);
    let calls = 0;
    const asked: string[][] = [];
    const { options, progress } = target(outDir, { record: RECORD });
    const { site: written, result } = await writeSite(
      kept,
      async (changed) => {
        calls++;
        asked.push([...changed]);
        // Rendering afresh may have to render bodies first: it is awaited.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return fresh;
      },
      [],
      options,
    );
    expect(calls).toBe(1);
    // Told which files were changed: the outputs to render again.
    expect(asked).toEqual([['index.html']]);
    expect(written).toBe(fresh);
    expect(result.manifest).toEqual({
      generator: 'feedwright',
      files: Object.fromEntries(PAGES.map((f) => [f.path, sha256Hex(f.content)])),
      ...RECORD,
    });
    expect(await readManifest(outDir)).toEqual(result.manifest);
    expect(result.written).toEqual(['index.html']);
    expect([...result.unchanged].sort()).toEqual(['posts/a/index.html', 'rss.xml']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe(PAGES[1]?.content);
    expect(progress).toEqual([
      [0, 3],
      [3, 3],
    ]);
  });

  it('lets other write errors through without rendering again', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'notes.txt'), 'not ours');
    const { options, progress } = target(outDir);
    const error = await writeSite(site(PAGES), never, [], options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'output-foreign-files',
      file: 'dist',
    });
    expect(progress).toEqual([[0, 3]]);
    expect(await readFile(path.join(outDir, 'notes.txt'), 'utf8')).toBe('not ours');
  });

  it('replaces a folder with foreign files when forced', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'notes.txt'), 'not ours');
    const { result } = await writeSite(
      site(PAGES),
      never,
      [],
      target(outDir, { force: true }).options,
    );
    expect(result.written).toHaveLength(3);
    await expect(readFile(path.join(outDir, 'notes.txt'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('reports a public file that vanished before it was copied as a clear error naming it', async () => {
    const root = await tempDir();
    const copies = [{ path: 'img/gone.png', source: path.join(root, 'gone.png') }];
    const error = await writeSite(
      site(PAGES),
      never,
      copies,
      target(path.join(root, 'dist')).options,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'fs-enoent',
      file: path.join(root, 'gone.png'),
      message: 'no such file or folder while opening it (ENOENT)',
    });
    await expect(readFile(path.join(root, 'dist', 'index.html'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('trusts the stamps of the last build for files it keeps', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    const first = await writeSite(site(PAGES), never, [], target(outDir).options);
    const kept = site(PAGES.map((f) => ({ path: f.path, keep: sha256Hex(f.content) })));
    const { result } = await writeSite(
      kept,
      never,
      [],
      target(outDir, { stamps: first.result.stamps }).options,
    );
    expect(result.written).toEqual([]);
    // The files kept their stamps; the manifest is written anew, and its stamp is its own.
    const { [MANIFEST_FILE]: manifestStamp, ...files } = stampsByPath(result.stamps);
    const { [MANIFEST_FILE]: _, ...firstFiles } = stampsByPath(first.result.stamps);
    expect(files).toEqual(firstFiles);
    expect(Object.keys(files).sort()).toEqual(PAGES.map((f) => f.path).sort());
    const info = statSync(path.join(outDir, MANIFEST_FILE));
    expect(manifestStamp).toEqual({ size: info.size, mtimeMs: info.mtimeMs });
  });

  it('writes what the build records into the manifest, and returns its stamp', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    const { result } = await writeSite(
      site(PAGES),
      never,
      [],
      target(outDir, { record: RECORD }).options,
    );
    const text = await readFile(path.join(outDir, MANIFEST_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual({
      generator: 'feedwright',
      files: result.manifest.files,
      ...RECORD,
    });
    expect(result.manifest).toEqual(JSON.parse(text));
    const info = statSync(path.join(outDir, MANIFEST_FILE));
    expect(stampsByPath(result.stamps)[MANIFEST_FILE]).toEqual({
      size: info.size,
      mtimeMs: info.mtimeMs,
    });
    expect(info.size).toBe(Buffer.byteLength(text));
    // The manifest is not among the files it lists.
    expect(Object.keys(result.manifest.files)).not.toContain(MANIFEST_FILE);
  });
});
