import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePost, parsePostHead } from '../src/load/parse-post.js';
import { findBodyStart, readPostBytes, readPostHead } from '../src/load/read-source.js';
import { siteConfig } from './helpers/model.js';

const config = siteConfig();

async function tempFile(content: string | Buffer) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'feedwright-head-')), 'post.md');
  await writeFile(file, content);
  return file;
}

describe('readPostHead', () => {
  it('stops at the closing fence: the body stays on disk', async () => {
    const body = `${'Body text. '.repeat(5000)}\n`;
    const file = await tempFile(`---\ntitle: T\ndate: 2026-01-01\n---\n${body}`);
    const head = await readPostHead(file);
    expect(head.bytes.toString()).toBe('---\ntitle: T\ndate: 2026-01-01\n---\n');
    expect(head.bytes.length).toBeLessThan(100);
    expect(readPostBytes(file, head.bodyOffset).toString()).toBe(body);
  });

  it('reads further when the front matter is longer than the first read', async () => {
    const summary = 'x'.repeat(20_000);
    const file = await tempFile(`---\ntitle: T\nsummary: ${summary}\n---\nbody`);
    expect(readPostHead(file).bytes.toString()).toContain(`${summary}\n---\n`);
  });

  it('handles a BOM, CRLF fences and a fence at the very end of the file', () => {
    const crlf = Buffer.from('\uFEFF---\r\ntitle: T\r\n---\r\nbody');
    expect(crlf.subarray(findBodyStart(crlf, crlf.length)).toString()).toBe('body');
    const end = Buffer.from('---\ntitle: T\n---');
    expect(findBodyStart(end, end.length)).toBe(end.length);
    const none = Buffer.from('no front matter');
    expect(findBodyStart(none, none.length)).toBe(0);
  });
});

describe('parsePostHead and parsePost', () => {
  it('validates the head and records where the body starts', async () => {
    const file = await tempFile('---\ntitle: T\ndate: 2026-01-01\n---\n\nBody\n');
    const { post, diagnostics } = parsePostHead(
      readPostHead(file),
      'post.md',
      'posts/post.md',
      config,
    );
    expect(diagnostics).toEqual([]);
    expect(post).toMatchObject({ title: 'T', bodyOffset: 34, bodyLine: 5 });
    expect(post?.body).toBeUndefined();
  });

  it('gives located diagnostics even though the fast parser read the file first', () => {
    const { diagnostics } = parsePost(
      Buffer.from('---\ntitle: T\ndate: 2026-01-01\ncategroies: [a]\n---\n'),
      'p.md',
      'posts/p.md',
      config,
    );
    expect(diagnostics[0]).toMatchObject({ line: 4, column: 13, field: 'categroies' });
  });

  it('loads and cleans the body in memory, warning on its first line', () => {
    const { post, diagnostics } = parsePost(
      Buffer.from('---\ntitle: T\ndate: 2026-01-01\n---\na\u0007b\n'),
      'p.md',
      'posts/p.md',
      config,
    );
    expect(post?.body).toBe('ab\n');
    expect(diagnostics[0]).toMatchObject({ field: 'body', line: 5, code: 'control-characters' });
  });
});
