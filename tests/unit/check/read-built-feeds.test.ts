import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readBuiltDocument,
  readBuiltSite,
  siteUrlOf,
  subscriptionFeeds,
} from '../../../src/check/read-built-feeds.js';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { MANIFEST_FILE, type Manifest } from '../../../src/manifest.js';
import { itemUrl, writeBuild } from '../../helpers/built-feeds.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-built-'));
  dirs.push(dir);
  return dir;
}

const manifest = (files: string[], feeds?: Manifest['feeds']): Manifest => ({
  generator: 'feedwright',
  files: Object.fromEntries(files.map((file) => [file, 'digest'])),
  ...(feeds ? { feeds } : {}),
});

describe('subscriptionFeeds', () => {
  it('lists the manifest’s feeds, each with the formats written beside its RSS document', () => {
    const built = manifest(
      ['rss.xml', 'atom.xml', 'feed.json', 'categories/a/rss.xml', 'categories/a/feed.json'],
      {
        'rss.xml': { title: 'Site', items: [] },
        'categories/a/rss.xml': { title: 'A', items: [] },
      },
    );
    expect(subscriptionFeeds(built)).toEqual([
      { title: 'Site', paths: { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } },
      { title: 'A', paths: { rss: 'categories/a/rss.xml', json: 'categories/a/feed.json' } },
    ]);
  });

  it('without feeds in the manifest (an older build), finds them among its files, archives left out', () => {
    const built = manifest([
      'rss.xml',
      'atom.xml',
      'archive/1/rss.xml',
      'categories/archive/rss.xml',
      'categories/a/archive/2/atom.xml',
      'index.html',
    ]);
    expect(subscriptionFeeds(built)).toEqual([
      { title: '', paths: { rss: 'rss.xml', atom: 'atom.xml' } },
      { title: '', paths: { rss: 'categories/archive/rss.xml' } },
    ]);
  });
});

describe('readBuiltSite', () => {
  it('reads the manifest, its feeds, and each item’s post file by id', async () => {
    const dir = await tempDir();
    await writeBuild(dir, { '': { items: [{ slug: 'a', title: 'A story' }] } });
    const site = await readBuiltSite(dir);
    expect(site.feeds).toEqual([
      { title: 'Test News', paths: { rss: 'rss.xml', atom: 'atom.xml' } },
    ]);
    expect(site.sources.get(itemUrl('a'))?.source).toBe('a.md');
  });

  it('says to build first when there is no manifest, or it is not feedwright’s', async () => {
    const dir = await tempDir();
    const error = await readBuiltSite(dir, 'dist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'check-no-build',
        file: path.join('dist', MANIFEST_FILE),
        message: 'no feedwright build here (the manifest is missing or not feedwright’s)',
        fix: 'run `feedwright build` first (or pass the --out folder it wrote to)',
      },
    ]);
    await writeFile(path.join(dir, MANIFEST_FILE), '{"generator":"other"}');
    await expect(readBuiltSite(dir)).rejects.toThrow('run `feedwright build` first');
  });
});

describe('readBuiltDocument', () => {
  it('parses a document and measures its bytes', async () => {
    const dir = await tempDir();
    await writeBuild(dir, { '': { items: [{ slug: 'a', title: 'Café story' }] } });
    const doc = await readBuiltDocument(dir, 'rss.xml', 'rss');
    const { size } = await import('node:fs/promises').then((fs) =>
      fs.stat(path.join(dir, 'rss.xml')),
    );
    expect(doc).toMatchObject({ path: 'rss.xml', format: 'rss', bytes: size, language: 'en' });
    expect(doc.items.map((item) => item.title)).toEqual(['Café story']);
  });

  it('throws a FeedwrightError naming the file when it is missing or not a feed', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'rss.xml'), '<html></html>');
    await expect(readBuiltDocument(dir, 'rss.xml', 'rss', 'dist')).rejects.toThrow(
      /dist\/rss\.xml {2}it is not a readable RSS feed/,
    );
    await expect(readBuiltDocument(dir, 'atom.xml', 'atom', 'dist')).rejects.toThrow(
      /dist\/atom\.xml {2}the manifest lists it, but it cannot be read \(ENOENT\)/,
    );
  });
});

describe('siteUrlOf', () => {
  it('is the self URL without the document’s output path', () => {
    expect(
      siteUrlOf({
        selfUrl: 'https://x.org/blog/categories/a/rss.xml',
        path: 'categories/a/rss.xml',
      }),
    ).toBe('https://x.org/blog/');
    expect(siteUrlOf({ selfUrl: 'https://x.org/rss.xml', path: 'rss.xml' })).toBe('https://x.org/');
  });

  it('is undefined when the self URL is missing or elsewhere', () => {
    expect(siteUrlOf({ path: 'rss.xml' })).toBeUndefined();
    expect(siteUrlOf({ selfUrl: 'https://x.org/feed.rss', path: 'rss.xml' })).toBeUndefined();
    expect(siteUrlOf({ selfUrl: 'https://x.org/rss.xml?v=1', path: 'rss.xml' })).toBeUndefined();
    expect(siteUrlOf({ selfUrl: 'not a url', path: 'rss.xml' })).toBeUndefined();
  });
});
