import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverAssets } from '../../../src/load/discover-assets.js';
import { discoverPosts } from '../../../src/load/discover-posts.js';
import { imageFacts, measureImage, readImageFiles } from '../../../src/load/image-files.js';
import type { FileAt, ImageReading } from '../../../src/model.js';
import { png } from '../../helpers/png.js';

const SITE = 'https://news.example.com/';

/** A JPEG whose size comes after `padding` bytes of APP segments (as after a large EXIF block). */
function jpeg(width: number, height: number, padding: number): Buffer {
  const parts = [Buffer.from([0xff, 0xd8])];
  for (let left = padding; left > 0; left -= 60_000) {
    const size = Math.min(left, 60_000);
    const segment = Buffer.alloc(size + 4);
    segment.set([0xff, 0xe2, (size + 2) >> 8, (size + 2) & 0xff]);
    parts.push(segment);
  }
  const sof = Buffer.from([
    0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
  ]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  parts.push(sof, Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

async function site(files: Record<string, Buffer | string>) {
  const root = await mkdtemp(path.join(tmpdir(), 'feedwright-images-'));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

describe('imageFacts', () => {
  it('reads a PNG’s type, length and size from its file', async () => {
    const bytes = png(1200, 675);
    const root = await site({ 'a.png': bytes });
    expect(imageFacts(path.join(root, 'a.png'), bytes.length)).toEqual({
      type: 'image/png',
      length: bytes.length,
      width: 1200,
      height: 675,
    });
  });

  it('reads on past a large block before a JPEG’s size', async () => {
    const bytes = jpeg(800, 600, 150_000);
    const root = await site({ 'a.jpg': bytes });
    expect(imageFacts(path.join(root, 'a.jpg'), bytes.length)).toEqual({
      type: 'image/jpeg',
      length: bytes.length,
      width: 800,
      height: 600,
    });
  });

  it('says why a file is not an image it can read', async () => {
    const root = await site({ 'fake.png': 'not an image at all' });
    const facts = imageFacts(path.join(root, 'fake.png'), 19);
    expect(facts).toEqual({ problem: expect.stringMatching(/cannot be read as an image/) });
    expect(imageFacts(path.join(root, 'gone.png'), 10)).toEqual({
      problem: 'its file cannot be read as an image (ENOENT)',
    });
  });
});

describe('readImageFiles', () => {
  it('reads each local image once, leaves images elsewhere alone, and warns of a missing one at its line', async () => {
    const root = await site({
      'public/images/a.png': png(640, 360),
      'posts/b.md': '---\ntitle: B\ndate: 2026-01-01\nimage: /images/missing.png\n---\nBody.\n',
    });
    const assets = discoverAssets(path.join(root, 'public'));
    const post = (url: string, file = 'posts/a.md') => ({
      post: { image: { url } },
      file: path.join(root, file),
      display: file,
    });
    const { images, diagnostics } = readImageFiles(
      [
        post(`${SITE}images/a.png`),
        post(`${SITE}images/a.png`, 'posts/c.md'),
        post('https://cdn.example/x.jpg'),
        post(`${SITE}images/missing.png`, 'posts/b.md'),
      ],
      assets,
      SITE,
    );
    expect([...images]).toEqual([
      [
        `${SITE}images/a.png`,
        { type: 'image/png', length: png(640, 360).length, width: 640, height: 360 },
      ],
    ]);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'image-not-found',
        file: 'posts/b.md',
        line: 4,
        column: 8,
        field: 'image',
        message: `image ${SITE}images/missing.png is on this site, but there is no file public/images/missing.png: readers would show a broken image`,
        fix: 'put the file in public/ at that path, or correct image:',
      },
    ]);
  });
});

describe('readImageFiles: measuring', () => {
  it('asks `measure` for each distinct local image file, with its size and mtime, and trusts its answer', async () => {
    const root = await site({ 'public/images/a.png': png(640, 360), 'public/images/b.gif': 'GIF' });
    const assets = discoverAssets(path.join(root, 'public'));
    const asked: FileAt[] = [];
    const answers: Record<string, ImageReading> = {
      'a.png': { type: 'image/png', length: 1, width: 1, height: 1 },
      'b.gif': { problem: 'its file is remembered as broken' },
    };
    const measure = (at: FileAt) => {
      asked.push(at);
      return answers[path.basename(at.file)] as ImageReading;
    };
    const post = (name: string, file = 'posts/p.md') => ({
      post: { image: { url: `${SITE}images/${name}` } },
      file: path.join(root, file),
      display: file,
    });
    const { images, diagnostics } = readImageFiles(
      [post('a.png'), post('a.png', 'posts/q.md'), post('b.gif')],
      assets,
      SITE,
      measure,
    );
    expect(asked).toEqual(
      assets.map(({ file, size, mtimeMs }) => expect.objectContaining({ file, size, mtimeMs })),
    );
    expect([...images]).toEqual([[`${SITE}images/a.png`, answers['a.png']]]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `image ${SITE}images/b.gif is on this site, but its file is remembered as broken: readers would show a broken image`,
    ]);
    // By default, the file itself is read.
    expect(measureImage(assets[0] as FileAt)).toEqual({
      type: 'image/png',
      length: png(640, 360).length,
      width: 640,
      height: 360,
    });
  });
});

describe('readImageFiles: where a warning points', () => {
  it('takes the line from the post (imageAt, found when it was read) without reading its file', async () => {
    const root = await site({ 'public/images/a.png': png(1, 1) });
    const { diagnostics } = readImageFiles(
      [
        {
          post: { image: { url: `${SITE}images/gone.png` }, imageAt: { line: 7, column: 8 } },
          file: path.join(root, 'posts/not-there.md'),
          display: 'posts/not-there.md',
        },
      ],
      discoverAssets(path.join(root, 'public')),
      SITE,
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'image-not-found', line: 7, column: 8 }),
    ]);
  });
});

describe('readImageFiles: images beside their posts', () => {
  it('reads the file next to the post and publishes it at the image’s path, or warns that it is missing', async () => {
    const root = await site({
      'posts/2026/story/index.md': '---\ntitle: T\n---\n',
      'posts/2026/story/hill.png': png(800, 450),
    });
    // As the build finds them: the posts folder's other files, with their sizes.
    const { others } = discoverPosts(path.join(root, 'posts'), 'posts');
    const at = (source: string) => {
      const found = others.find((other) => other.path === `2026/story/${source}`);
      return {
        post: { image: { url: `${SITE}posts/story/${source}`, source: `2026/story/${source}` } },
        file: path.join(root, 'posts/2026/story/index.md'),
        display: 'posts/2026/story/index.md',
        ...(found ? { beside: found } : {}),
      };
    };
    const publicAsset = { path: 'icon.png', file: '/x/icon.png', size: 1, mtimeMs: 1 };
    const { images, assets, diagnostics } = readImageFiles(
      [at('hill.png'), at('gone.png')],
      [publicAsset],
      SITE,
    );
    expect(images.get(`${SITE}posts/story/hill.png`)).toMatchObject({ width: 800, height: 450 });
    expect(assets.map((a) => [a.path, a.file])).toEqual([
      ['icon.png', '/x/icon.png'],
      ['posts/story/hill.png', path.join(root, 'posts/2026/story/hill.png')],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `image ${SITE}posts/story/gone.png is on this site, but there is no file 2026/story/gone.png beside the post: readers would show a broken image`,
    ]);
  });
});
