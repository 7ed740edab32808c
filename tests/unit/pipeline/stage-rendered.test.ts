import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import {
  failureOf,
  renderedFile,
  type StagingContext,
  stageRenderedFile,
} from '../../../src/pipeline/stage-rendered.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function stageDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-stage-rendered-'));
  dirs.push(dir);
  return dir;
}

describe('stageRenderedFile', () => {
  it('stages a file rendered elsewhere, or finds it in place, or says what is wrong with it', async () => {
    const stage = await stageDir();
    const out = await stageDir();
    const page = '<!doctype html><title>x</title><p>x</p>\n';
    await mkdir(path.join(out, 'a'));
    await writeFile(path.join(out, 'a/index.html'), page);
    const context: StagingContext = { stage, display: 'dist', out };
    const fresh = stageRenderedFile({ path: 'b/index.html', content: page }, context);
    expect(fresh).toEqual({ file: { digest: digest(page), stamp: expect.any(Object) } });
    expect(await readFile(path.join(stage, 'b/index.html'), 'utf8')).toBe(page);
    const held = stageRenderedFile(
      { path: 'a/index.html', content: page, live: [digest(page)] },
      context,
    );
    expect(held).toMatchObject({ file: { digest: digest(page), inPlace: true } });
    expect(existsSync(path.join(stage, 'a/index.html'))).toBe(false);
    const bad = stageRenderedFile({ path: 'rss.xml', content: '<rss><channel>' }, context);
    expect(bad).toMatchObject({
      failed: { diagnostics: [expect.objectContaining({ file: 'dist' })] },
    });
  });
});

describe('renderedFile', () => {
  it('is the file as a worker is sent it: its text, and what the live output holds at its path', () => {
    const live = { out: '/out', files: new Map([['a.html', ['d1'] as [string]]]) };
    expect(renderedFile({ path: 'a.html', content: 'A', checked: true }, live)).toEqual({
      path: 'a.html',
      content: 'A',
      checked: true,
      live: ['d1'],
    });
    expect(renderedFile({ path: 'b.html', content: 'B' }, live)).toEqual({
      path: 'b.html',
      content: 'B',
    });
    expect(structuredClone(renderedFile({ path: 'b.html', content: 'B' }, undefined))).toEqual({
      path: 'b.html',
      content: 'B',
    });
  });
});

describe('failureOf', () => {
  it('keeps what a failure says across threads: diagnostics, or a file-system code and path', () => {
    const diagnostics = [{ severity: 'error' as const, code: 'x', message: 'bad', file: 'f' }];
    expect(failureOf(new FeedwrightError(diagnostics))).toMatchObject({ diagnostics });
    const fault = Object.assign(new Error('no space'), { code: 'ENOSPC', path: '/x' });
    expect(structuredClone(failureOf(fault))).toEqual({
      message: 'no space',
      code: 'ENOSPC',
      path: '/x',
    });
    expect(failureOf('odd')).toEqual({ message: 'odd' });
  });
});
