import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { hashBytes } from '../../../src/hash.js';
import { readPostHead } from '../../../src/load/read-source.js';
import {
  headRecord,
  unreadable,
  unreadableHead,
  validateHead,
} from '../../../src/pipeline/post-file.js';
import { siteConfig } from '../../helpers/model.js';

const config = siteConfig();
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function postJob(text: string, name = 'a.md') {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-post-file-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, text);
  return { file, sourcePath: name, display: `posts/${name}` };
}

describe('headRecord', () => {
  it('records the size, mtime, hash of the head and what ordering needs of the post', async () => {
    const job = await postJob('---\ntitle: A\ndate: 2026-01-02\ncategories: [News]\n---\nBody.\n');
    const head = readPostHead(job.file);
    const record = headRecord(job, head, validateHead(head, job, config));
    expect(record).toMatchObject({
      sourcePath: 'a.md',
      size: head.size,
      mtimeMs: head.mtimeMs,
      headHash: hashBytes(head.bytes),
      diagnostics: [],
      ref: { slug: 'a', categories: ['News'], url: 'https://news.example.com/posts/a/' },
    });
  });

  it('records no post for a head with errors, only its problems', async () => {
    const job = await postJob('---\ntitle: A\n---\n');
    const head = readPostHead(job.file);
    const record = headRecord(job, head, validateHead(head, job, config));
    expect(record.ref).toBeUndefined();
    expect(record.diagnostics[0]).toMatchObject({ field: 'date', file: 'posts/a.md' });
  });
});

describe('validateHead', () => {
  it('says where the image: value is, so a warning about its file needs no second read', async () => {
    const job = await postJob(
      '---\ntitle: A\ndate: 2026-01-02\nimage:   /images/a.png\n---\nimage: in the body\n',
    );
    const { post } = validateHead(readPostHead(job.file), job, config);
    expect(post?.imageAt).toEqual({ line: 4, column: 10 });
    const plain = await postJob('---\ntitle: A\ndate: 2026-01-02\n---\nimage: in the body\n');
    expect(validateHead(readPostHead(plain.file), plain, config).post).not.toHaveProperty(
      'imageAt',
    );
  });
});

describe('unreadable and unreadableHead', () => {
  it('name the file and the fault, with no size, mtime or hash', () => {
    const job = { file: '/nowhere/a.md', sourcePath: 'a.md', display: 'posts/a.md' };
    const error = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(unreadable(job, error)).toMatchObject({ code: 'unreadable', file: 'posts/a.md' });
    expect(unreadableHead(job, error)).toEqual({
      sourcePath: 'a.md',
      size: -1,
      mtimeMs: -1,
      headHash: '',
      diagnostics: [unreadable(job, error)],
    });
  });

  it('keeps a refusal feedwright made itself (a file too large), naming the file', () => {
    const job = { file: '/x/a.md', sourcePath: 'a.md', display: 'posts/a.md' };
    const refused = new FeedwrightError([
      {
        severity: 'error',
        code: 'too-large',
        file: '/x/a.md',
        message: 'too large',
        fix: 'split it',
      },
    ]);
    expect(unreadable(job, refused)).toEqual({
      severity: 'error',
      code: 'too-large',
      file: 'posts/a.md',
      message: 'too large',
      fix: 'split it',
    });
  });
});
