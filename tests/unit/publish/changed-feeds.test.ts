import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { MANIFEST_FILE, type Manifest } from '../../../src/manifest.js';
import {
  changedFeeds,
  inputError,
  loadCurrentManifest,
  loadPreviousManifest,
} from '../../../src/publish/changed-feeds.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-changed-'));
  dirs.push(dir);
  return dir;
}

const d = (c: string) => c.repeat(64);
const manifest = (files: Record<string, string>): Manifest => ({ generator: 'feedwright', files });

const CURRENT = manifest({
  'rss.xml': d('1'),
  'atom.xml': d('2'),
  'feed.json': d('3'),
  'index.html': d('4'),
  'categories/tech/rss.xml': d('5'),
  'categories/tech/atom.xml': d('6'),
  'categories/tech/feed.json': d('7'),
  'categories/tech/index.html': d('8'),
  'img/rss.xml.png': d('9'),
});
const SITE = new URL('https://news.example.com/');

/** The error `promise` rejects with, which must be a FeedwrightError. */
async function failure(promise: Promise<unknown>): Promise<FeedwrightError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedwrightError);
  return error as FeedwrightError;
}

describe('changedFeeds', () => {
  it('without a previous manifest lists every feed, in manifest order, and nothing else', () => {
    expect(changedFeeds(CURRENT, null, SITE)).toEqual([
      { path: 'rss.xml', url: 'https://news.example.com/rss.xml' },
      { path: 'atom.xml', url: 'https://news.example.com/atom.xml' },
      { path: 'feed.json', url: 'https://news.example.com/feed.json' },
      { path: 'categories/tech/rss.xml', url: 'https://news.example.com/categories/tech/rss.xml' },
      {
        path: 'categories/tech/atom.xml',
        url: 'https://news.example.com/categories/tech/atom.xml',
      },
      {
        path: 'categories/tech/feed.json',
        url: 'https://news.example.com/categories/tech/feed.json',
      },
    ]);
  });

  it('lists only feeds whose digest differs from the previous manifest, and new ones', () => {
    const previous = manifest({
      ...CURRENT.files,
      'atom.xml': d('a'),
      'index.html': d('b'), // a page that changed is not a feed
      'categories/gone/rss.xml': d('c'), // a feed that no longer exists is not pinged
    });
    delete previous.files['categories/tech/feed.json'];
    expect(changedFeeds(CURRENT, previous, SITE).map((f) => f.path)).toEqual([
      'atom.xml',
      'categories/tech/feed.json',
    ]);
  });

  it('lists nothing when nothing changed', () => {
    expect(changedFeeds(CURRENT, manifest({ ...CURRENT.files }), SITE)).toEqual([]);
  });

  it('gives URLs under a site served from a sub-path', () => {
    const feeds = changedFeeds(
      manifest({ 'categories/tech/atom.xml': d('1') }),
      null,
      new URL('https://example.org/news/blog/'),
    );
    expect(feeds).toEqual([
      {
        path: 'categories/tech/atom.xml',
        url: 'https://example.org/news/blog/categories/tech/atom.xml',
      },
    ]);
  });
});

describe('loadCurrentManifest', () => {
  it('reads the manifest of the output folder', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(CURRENT));
    expect(await loadCurrentManifest(dir)).toEqual(CURRENT);
  });

  it('throws ping-no-manifest, located at the manifest path, when there is none', async () => {
    const dir = path.join(await tempDir(), 'dist');
    const error = await failure(loadCurrentManifest(dir));
    expect(error.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'ping-no-manifest',
        file: path.join(dir, MANIFEST_FILE),
        message: `no readable ${MANIFEST_FILE} in ${dir}`,
        fix: 'run feedwright build first (or pass the --out folder it wrote)',
      },
    ]);
  });

  it('throws ping-no-manifest when the manifest is not one of ours', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, MANIFEST_FILE),
      JSON.stringify({ generator: 'other', files: {} }),
    );
    expect((await failure(loadCurrentManifest(dir))).diagnostics[0]?.code).toBe('ping-no-manifest');
  });
});

describe('loadPreviousManifest', () => {
  it('reads a manifest saved from an earlier build', async () => {
    const file = path.join(await tempDir(), 'previous.json');
    await writeFile(file, JSON.stringify(CURRENT));
    expect(await loadPreviousManifest(file)).toEqual(CURRENT);
  });

  it('throws ping-previous-missing with the reason when the file cannot be read', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'nope.json');
    expect((await failure(loadPreviousManifest(file))).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'ping-previous-missing',
        file,
        message: 'previous manifest not readable (ENOENT)',
        fix: 'pass the path of a manifest saved from an earlier build, or leave --previous out',
      },
    ]);
    await mkdir(path.join(dir, 'folder.json'));
    expect((await failure(loadPreviousManifest(path.join(dir, 'folder.json')))).message).toBe(
      `${path.join(dir, 'folder.json')}  previous manifest not readable (EISDIR) — pass the path of a manifest saved from an earlier build, or leave --previous out`,
    );
  });

  it('throws ping-previous-invalid for a file that is not JSON, with the parser message', async () => {
    const file = path.join(await tempDir(), 'page.json');
    await writeFile(file, '<html>404</html>');
    const [diagnostic] = (await failure(loadPreviousManifest(file))).diagnostics;
    expect(diagnostic).toMatchObject({
      code: 'ping-previous-invalid',
      file,
      fix: 'pass a .feedwright-manifest.json written by feedwright build',
    });
    expect(diagnostic?.message).toMatch(/^previous manifest is not JSON \(Unexpected token .+\)$/);
  });

  it('throws ping-previous-invalid for JSON that is not a manifest', async () => {
    const dir = await tempDir();
    for (const [name, value] of [
      ['other.json', { generator: 'hugo', files: {} }],
      ['array.json', { generator: 'feedwright', files: [] }],
      ['digests.json', { generator: 'feedwright', files: { 'rss.xml': 1 } }],
      ['null.json', null],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, JSON.stringify(value));
      expect((await failure(loadPreviousManifest(file))).diagnostics).toEqual([
        {
          severity: 'error',
          code: 'ping-previous-invalid',
          file,
          message: 'previous manifest is not a feedwright manifest',
          fix: 'pass a .feedwright-manifest.json written by feedwright build',
        },
      ]);
    }
  });
});

describe('inputError', () => {
  it('makes a FeedwrightError of one located error', () => {
    const error = inputError('code-x', 'config', 'it is wrong', 'make it right');
    expect(error).toBeInstanceOf(FeedwrightError);
    expect(error.message).toBe('config  it is wrong — make it right');
    expect(error.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'code-x',
        file: 'config',
        message: 'it is wrong',
        fix: 'make it right',
      },
    ]);
  });
});
