import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, isText, lookUp } from '../../../src/serve/static-files.js';

let parent: string;
let root: string;
beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'feedwright-static-'));
  root = path.join(parent, 'site');
  await mkdir(path.join(root, 'posts/été'), { recursive: true });
  await mkdir(path.join(root, 'empty'));
  await writeFile(path.join(root, 'index.html'), 'home');
  await writeFile(path.join(root, 'rss.xml'), '<rss/>');
  await writeFile(path.join(root, 'posts/été/index.html'), 'story');
  await writeFile(path.join(parent, 'secret.txt'), 'outside');
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe('lookUp', () => {
  it("serves a file, and a folder's index.html for a path ending in /", async () => {
    expect(await lookUp(root, '/rss.xml')).toEqual({ file: path.join(root, 'rss.xml') });
    expect(await lookUp(root, '/')).toEqual({ file: path.join(root, 'index.html') });
    expect(await lookUp(root, '/posts/%C3%A9t%C3%A9/')).toEqual({
      file: path.join(root, 'posts/été/index.html'),
    });
    expect(await lookUp(root, '/rss.xml?v=2#top')).toEqual({ file: path.join(root, 'rss.xml') });
  });

  it('redirects a folder named without its slash, keeping the path as requested', async () => {
    expect(await lookUp(root, '/posts/%C3%A9t%C3%A9')).toEqual({
      redirect: '/posts/%C3%A9t%C3%A9/',
    });
  });

  it('finds nothing for a missing file, a folder with no index, or a bad path', async () => {
    expect(await lookUp(root, '/nope.html')).toBeUndefined();
    expect(await lookUp(root, '/empty/')).toBeUndefined();
    expect(await lookUp(root, '/%E0%A4%A')).toBeUndefined();
    expect(await lookUp(root, '/a%00b')).toBeUndefined();
    expect(await lookUp(root, 'index.html')).toBeUndefined();
  });

  it('never reaches outside the folder', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/posts/../../secret.txt',
      '/..%2Fsecret.txt',
    ])
      expect(await lookUp(root, url), url).toBeUndefined();
  });

  it('finds nothing when the folder itself is missing (no build yet)', async () => {
    expect(await lookUp(path.join(parent, 'missing'), '/')).toBeUndefined();
  });

  it('follows no link out of the folder by name alone', async () => {
    await symlink(path.join(parent, 'secret.txt'), path.join(root, 'link.txt'));
    // A link inside is served as the file it names; the path itself stays inside.
    expect(await lookUp(root, '/link.txt')).toEqual({ file: path.join(root, 'link.txt') });
  });
});

describe('contentType', () => {
  it('labels pages, feeds and images so a browser shows them', () => {
    expect(contentType('/s/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/s/rss.xml')).toBe('application/xml; charset=utf-8');
    expect(contentType('/s/feeds.opml')).toBe('application/xml; charset=utf-8');
    expect(contentType('/s/feed.json')).toBe('application/json; charset=utf-8');
    expect(contentType('/s/robots.txt')).toBe('text/plain; charset=utf-8');
    expect(contentType('/s/a.PNG')).toBe('image/png');
    expect(contentType('/s/a.jpeg')).toBe('image/jpeg');
    expect(contentType('/s/a.bin')).toBe('application/octet-stream');
  });
});

describe('isText', () => {
  it('is true for what the site URL may appear in, false for images and the unknown', () => {
    for (const file of ['a.html', 'rss.xml', 'feed.json', 'feeds.opml', 'robots.txt', 'a.svg'])
      expect(isText(file), file).toBe(true);
    for (const file of ['a.png', 'a.jpg', 'a.bin', 'a.pdf']) expect(isText(file), file).toBe(false);
  });
});
