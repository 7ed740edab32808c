import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { gitBlobId } from '../../../src/hash.js';
import {
  findBodyStart,
  MAX_FRONT_MATTER_BYTES,
  MAX_POST_BYTES,
  megabytes,
  readPostFile,
  readPostHead,
  readTextIfPresent,
} from '../../../src/load/read-source.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-head-'));
  dirs.push(dir);
  return dir;
}

async function tempFile(content: string | Buffer) {
  const file = path.join(await tempDir(), 'post.md');
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
    expect(readFileSync(file).subarray(head.bodyOffset).toString()).toBe(body);
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

describe('readPostFile', () => {
  it('gives the head readPostHead gives (with the file’s blob id) and the rest of the file as the body, in one read', async () => {
    const texts = [
      `---\ntitle: T\ndate: 2026-01-01\n---\n${'Body text. '.repeat(5000)}\n`,
      `---\ntitle: T\nsummary: ${'x'.repeat(20_000)}\n---\nbody`,
      '\uFEFF---\r\ntitle: T\r\n---\r\nbody',
      '---\ntitle: T\n---',
      'no front matter',
      `---\ntitle: ${'y'.repeat(MAX_FRONT_MATTER_BYTES + 5000)}\n---\nbody`,
      '',
    ];
    for (const text of texts) {
      const file = await tempFile(text);
      const head = readPostHead(file);
      const expected = {
        head: { ...head, bytes: Buffer.from(head.bytes), blob: gitBlobId(readFileSync(file)) },
        body: readFileSync(file).subarray(head.bodyOffset),
      };
      const whole = readPostFile(file);
      expect({
        head: { ...whole.head, bytes: Buffer.from(whole.head.bytes) },
        body: whole.body,
      }).toEqual(expected);
    }
  });

  it('reads a file larger than its reused buffer into one of its own, then reuses its buffer', async () => {
    const big = await tempFile(`---\ntitle: Big\n---\n${'z'.repeat(2 * 1024 * 1024)}`);
    const small = await tempFile('---\ntitle: Small\n---\nsmall body');
    expect(readPostFile(big).body.length).toBe(2 * 1024 * 1024);
    const first = readPostFile(small);
    expect(first.body.toString()).toBe('small body');
    expect(readPostFile(small).body.buffer).toBe(first.body.buffer);
  });

  it('refuses what readPostHead refuses', async () => {
    const file = await tempFile('---\ntitle: T\n---\n');
    await truncate(file, MAX_POST_BYTES + 1);
    expect(refusal(() => readPostFile(file))).toEqual(refusal(() => readPostHead(file)));
    const dir = path.join(await tempDir(), 'folder.md');
    await mkdir(dir);
    expect(refusal(() => readPostFile(dir))[0]?.code).toBe('post-not-a-file');
  });
});

describe('findBodyStart', () => {
  it('waits for a complete fence line unless the file ends there', () => {
    const open = Buffer.from('---\ntitle: T\n---');
    expect(findBodyStart(open, open.length, false)).toBe(-1);
    expect(findBodyStart(open, open.length, true)).toBe(open.length);
  });
  it('closes TOML front matter with +++ only, and a JSON object with a line "}"', () => {
    const body = (text: string) => {
      const buffer = Buffer.from(text);
      return buffer.subarray(findBodyStart(buffer, buffer.length)).toString();
    };
    expect(body('+++\ntitle = "T"\n---\nx = 1\n+++\nbody')).toBe('body');
    expect(body('\uFEFF+++\ntitle = "T"\n+++  \nbody')).toBe('body');
    expect(body('{\n  "title": "T",\n  "a": {"b": 1}\n}\nbody')).toBe('body');
    expect(body('{"title": "T"}\nbody')).toBe('body');
    expect(body('---json\n{"title": "T"}\n---\nbody')).toBe('body');
    const open = Buffer.from('+++\ntitle = "T"\n');
    expect(findBodyStart(open, open.length, false)).toBe(-1);
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

/** The diagnostics of what `read` throws. */
function refusal(read: () => unknown) {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedwrightError);
    return (error as FeedwrightError).diagnostics;
  }
  throw new Error('not refused');
}

describe('readPostHead and readPostFile on what is not a post', () => {
  const tooLarge = (file: string, size: string) => [
    {
      severity: 'error',
      code: 'post-too-large',
      file,
      message: `the file is ${size}, more than the 16.0 MB a post may be`,
      fix: 'split it into several posts, and put images and other files in public/ and link to them',
    },
  ];

  it(`refuses a file over ${MAX_POST_BYTES} bytes before reading it (a sparse 2 GiB one here)`, async () => {
    const file = await tempFile('---\ntitle: T\ndate: 2026-01-01\n---\n');
    await truncate(file, 2 * 1024 ** 3);
    expect(refusal(() => readPostHead(file))).toEqual(tooLarge(file, '2147.5 MB'));
    expect(refusal(() => readPostFile(file))).toEqual(tooLarge(file, '2147.5 MB'));
  });

  it('reads a file of exactly the largest size, and refuses one byte more', async () => {
    const file = await tempFile('---\ntitle: T\n---\n');
    await truncate(file, MAX_POST_BYTES);
    expect(readPostHead(file).size).toBe(MAX_POST_BYTES);
    await truncate(file, MAX_POST_BYTES + 1);
    expect(refusal(() => readPostHead(file))).toEqual(tooLarge(file, '16.0 MB'));
  });

  it('refuses a folder', async () => {
    const dir = path.join(await tempDir(), 'folder.md');
    await mkdir(dir);
    expect(refusal(() => readPostHead(dir))).toEqual([
      {
        severity: 'error',
        code: 'post-not-a-file',
        file: dir,
        message: 'it is a folder, not a file',
        fix: 'replace it with a Markdown file, or move it out of the posts folder',
      },
    ]);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a named pipe at once instead of waiting for a writer',
    async () => {
      const fifo = path.join(await tempDir(), 'pipe.md');
      execFileSync('mkfifo', [fifo]);
      expect(refusal(() => readPostHead(fifo))[0]).toMatchObject({
        code: 'post-not-a-file',
        message: 'it is a named pipe, not a file',
      });
      expect(refusal(() => readPostFile(fifo))[0]?.code).toBe('post-not-a-file');
    },
  );
});

describe('megabytes', () => {
  it('shows decimal megabytes with one decimal', () => {
    expect([0, 999_999, 1_000_000, 12_345_678].map(megabytes)).toEqual([
      '0.0 MB',
      '1.0 MB',
      '1.0 MB',
      '12.3 MB',
    ]);
  });
});

describe('readTextIfPresent', () => {
  it('reads a file relative to the folder given, and gives undefined when there is none', async () => {
    const file = await tempFile('héllo\n');
    const dir = path.dirname(file);
    expect(await readTextIfPresent(dir, 'post.md')).toBe('héllo\n');
    expect(await readTextIfPresent('/', file)).toBe('héllo\n');
    expect(await readTextIfPresent(dir, 'missing.md')).toBeUndefined();
    // A path through a file is no file either.
    expect(await readTextIfPresent(dir, 'post.md/inside')).toBeUndefined();
  });

  it('throws any other failure as it came: a folder is not text', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'folder'));
    await expect(readTextIfPresent(dir, 'folder')).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
