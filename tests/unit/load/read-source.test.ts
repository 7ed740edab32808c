import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findBodyStart,
  MAX_FRONT_MATTER_BYTES,
  readPostBytes,
  readPostHead,
} from '../../../src/load/read-source.js';

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

describe('findBodyStart', () => {
  it('waits for a complete fence line unless the file ends there', () => {
    const open = Buffer.from('---\ntitle: T\n---');
    expect(findBodyStart(open, open.length, false)).toBe(-1);
    expect(findBodyStart(open, open.length, true)).toBe(open.length);
  });
  it('accepts "..." as a closing fence, and spaces after it', () => {
    const dots = Buffer.from('---\ntitle: T\n...  \nbody');
    expect(dots.subarray(findBodyStart(dots, dots.length)).toString()).toBe('body');
  });
  it('never looks past `length` into bytes left over from another file', () => {
    const buffer = Buffer.from('---\ntitle: T\n---\nbody');
    expect(findBodyStart(buffer, 12, false)).toBe(-1);
  });
});

describe('readPostHead on huge front matter', () => {
  it('reads no more than the largest front matter accepted, plus a little', async () => {
    const file = await tempFile(`---\n${'a: b\n'.repeat(MAX_FRONT_MATTER_BYTES / 2)}---\nbody`);
    const head = readPostHead(file);
    expect(head.bytes.length).toBeLessThanOrEqual(MAX_FRONT_MATTER_BYTES + 1024);
    expect(head.bodyOffset).toBe(head.bytes.length);
  });
});
