import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeptFile, OutputFile, SiteDocument } from '../../../src/model.js';
import {
  pageFolders,
  prepareOutputJobs,
  SHARED_SHARE,
  stageOutputAt,
  stageOutputJob,
  stageOutputs,
} from '../../../src/pipeline/stage-outputs.js';
import { WorkerPool, type Workers } from '../../../src/pipeline/worker-pool.js';
import { renderSite, siteOutputs } from '../../../src/render/render-site.js';
import { liveFilesOf } from '../../../src/write/stage-output.js';
import { makePost, siteConfig, siteOf } from '../../helpers/model.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const config = siteConfig();

function site(): SiteDocument {
  return siteOf(
    [
      makePost({ slug: 'a', title: 'A & <b>', categories: ['Politics'] }, config),
      makePost({ slug: 'b', title: 'B', date: new Date('2026-04-01T12:00:00Z') }, config),
    ],
    config,
  );
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function stageDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-stage-outputs-'));
  dirs.push(dir);
  const stage = path.join(dir, 'stage');
  await mkdir(stage);
  return stage;
}

const contentOf = (files: readonly (OutputFile | KeptFile)[], file: string) =>
  (files.find((f) => f.path === file) as OutputFile).content;

describe('stageOutputs', () => {
  it('writes every fresh output’s files into the stage, byte for byte what the writer would read', async () => {
    const doc = site();
    const rendered = renderSite(doc);
    const fresh = rendered.from?.fresh ?? [];
    expect(fresh).toEqual(siteOutputs(doc).map((_, i) => i));
    const stage = await stageDir();
    const staged = await stageOutputs(fresh, { site: doc, stage, display: 'dist' });
    expect([...staged.keys()]).toEqual(rendered.files.map((file) => file.path));
    for (const file of rendered.files) {
      const text = contentOf(rendered.files, file.path);
      expect(await readFile(path.join(stage, file.path), 'utf8'), file.path).toBe(text);
      expect(staged.get(file.path)?.digest, file.path).toBe(digest(text));
    }
  });

  it('stages only the outputs it is given', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const page = outputs.findIndex((o) => o.paths[0] === 'posts/a/index.html');
    const staged = await stageOutputs([0, page], {
      site: doc,
      stage: await stageDir(),
      display: 'dist',
    });
    expect([...staged.keys()]).toEqual([...(outputs[0]?.paths ?? []), 'posts/a/index.html']);
  });

  it('gives a failure back as data, with a file-system error’s code and path, and throws it again as it was', async () => {
    const doc = site();
    const missing = path.join(await stageDir(), 'gone');
    const context = { site: doc, stage: missing, display: 'dist' };
    const outcome = stageOutputJob(0, context);
    expect(outcome).toMatchObject({
      failed: { code: 'ENOENT', path: path.join(missing, 'rss.xml') },
    });
    await expect(stageOutputs([0], context)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(stageOutputJob(999, { ...context, stage: await stageDir() })).toEqual({
      failed: { message: `output 999 is not among the site's ${siteOutputs(doc).length}` },
    });
  });

  it('plans the site once for all its outputs, and again for another site', async () => {
    const stage = await stageDir();
    const first = site();
    expect(stageOutputAt(0, { site: first, stage, display: 'dist' })[0]?.[0]).toBe('rss.xml');
    const base = site();
    const [feed, ...rest] = base.feeds;
    const other = {
      ...base,
      feeds: [{ ...(feed as SiteDocument['feeds'][0]), title: 'Other' }, ...rest],
    };
    const [[, staged] = []] = stageOutputAt(0, { site: other, stage, display: 'dist' });
    expect(await readFile(path.join(stage, 'rss.xml'), 'utf8')).toContain('<title>Other</title>');
    expect(staged?.digest).toBe(digest(await readFile(path.join(stage, 'rss.xml'), 'utf8')));
  });

  it('makes the folders of its outputs first when it has them planned, and stages them all', async () => {
    const doc = site();
    const rendered = renderSite(doc);
    const from = rendered.from;
    if (!from) throw new Error('no outputs');
    const stage = await stageDir();
    const staged = await stageOutputs(
      from.fresh,
      { site: doc, stage, display: 'dist' },
      {
        outputs: from.outputs,
      },
    );
    expect(staged.size).toBe(rendered.files.length);
    for (const file of rendered.files)
      expect(await readFile(path.join(stage, file.path), 'utf8')).toBe(
        contentOf(rendered.files, file.path),
      );
  });

  it('gives each output its key when the outputs were not keyed, taken on its thread', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const stage = await stageDir();
    const plain = stageOutputJob(0, { site: doc, stage, display: 'dist' });
    expect(plain).not.toHaveProperty('key');
    // A worker's copy of the site: its key is the one this thread would take.
    const copy = structuredClone(doc);
    const keyed = stageOutputJob(0, { site: copy, stage, display: 'dist', takeKeys: true });
    expect(keyed).toMatchObject({ key: outputs[0]?.key });
  });

  it('prepares a run of outputs by making their folders, in order, and only theirs', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const stage = await stageDir();
    const page = outputs.findIndex((o) => o.paths[0] === 'posts/a/index.html');
    const other = outputs.findIndex((o) => o.paths[0] === 'posts/b/index.html');
    prepareOutputJobs([page], { site: doc, stage, display: 'dist' });
    expect((await stat(path.join(stage, 'posts/a'))).isDirectory()).toBe(true);
    await expect(stat(path.join(stage, 'posts/b'))).rejects.toMatchObject({ code: 'ENOENT' });
    // A job of another thread's run makes its folder itself, if that thread has not yet.
    expect(stageOutputJob(other, { site: doc, stage, display: 'dist' })).toHaveProperty('files');
    expect(await readFile(path.join(stage, 'posts/b/index.html'), 'utf8')).toContain('<html');
    // A folder it cannot make is left to the job, which reports it with the path.
    const blocked = await stageDir();
    await writeFile(path.join(blocked, 'posts'), 'not a folder');
    expect(() =>
      prepareOutputJobs([page], { site: doc, stage: blocked, display: 'dist' }),
    ).not.toThrow();
    expect(stageOutputJob(page, { site: doc, stage: blocked, display: 'dist' })).toMatchObject({
      failed: { code: 'ENOTDIR' },
    });
  });

  it('makes a first write’s page folders ahead, and skips those outside the stage and those it cannot make', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const page = outputs.findIndex((o) => o.paths[0] === 'posts/a/index.html');
    const stage = await stageDir();
    pageFolders({ stage, folders: ['posts/a', 'posts/b', '2026/04/c', '../outside'] }, true);
    for (const folder of ['posts/a', 'posts/b', '2026/04/c'])
      expect((await stat(path.join(stage, folder))).isDirectory(), folder).toBe(true);
    await expect(stat(path.join(stage, '../outside'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(stageOutputJob(page, { site: doc, stage, display: 'dist' })).toHaveProperty('files');
    const blocked = await stageDir();
    await writeFile(path.join(blocked, 'posts'), 'not a folder');
    expect(() => pageFolders({ stage: blocked, folders: ['posts/a', 'x/y'] }, true)).not.toThrow();
    expect((await stat(path.join(blocked, 'x/y'))).isDirectory()).toBe(true);
  });

  it('takes page folders another thread made as made: staging makes none of them again', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const page = outputs.findIndex((o) => o.paths[0] === 'posts/a/index.html');
    const other = outputs.findIndex((o) => o.paths[0] === 'posts/b/index.html');
    const stage = await stageDir();
    // Noted as made but not there: staging into it fails, so it did not make it again.
    pageFolders({ stage, folders: ['posts/a'] }, false);
    await expect(stat(path.join(stage, 'posts'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(stageOutputJob(page, { site: doc, stage, display: 'dist' })).toMatchObject({
      failed: { code: 'ENOENT' },
    });
    // Its parent was noted too; a folder not noted is made as ever.
    expect(stageOutputJob(other, { site: doc, stage, display: 'dist' })).toMatchObject({
      failed: { code: 'ENOENT' },
    });
    const fresh = await stageDir();
    expect(stageOutputJob(other, { site: doc, stage: fresh, display: 'dist' })).toHaveProperty(
      'files',
    );
  });

  it('stages only what the live output does not hold already, and makes no folder for the rest', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const all = outputs.map((_, i) => i);
    // The live output: the same site staged before, then one page edited by hand, one deleted.
    const out = await stageDir();
    const first = await stageOutputs(all, { site: doc, stage: out, display: 'dist' });
    await writeFile(path.join(out, 'posts/a/index.html'), 'edited');
    await rm(path.join(out, 'posts/b/index.html'));
    const previous = {
      out,
      digest: (file: string) => first.get(file)?.digest,
      recorded: () => undefined,
    };
    const stage = await stageDir();
    const context = { site: doc, stage, display: 'dist' };
    const staged = await stageOutputs(all, context, { outputs, previous });
    expect([...staged.keys()]).toEqual([...first.keys()]);
    for (const [file, { digest }] of staged) expect(digest, file).toBe(first.get(file)?.digest);
    const written = [...staged].filter(([, file]) => !file.inPlace).map(([file]) => file);
    expect(written.sort()).toEqual(['posts/a/index.html', 'posts/b/index.html']);
    expect((await readdir(stage, { recursive: true })).sort()).toEqual([
      'posts',
      'posts/a',
      'posts/a/index.html',
      'posts/b',
      'posts/b/index.html',
    ]);
    // Found in place: the live file's stamp, the file untouched.
    const feed = await stat(path.join(out, 'rss.xml'));
    const found = {
      digest: first.get('rss.xml')?.digest,
      stamp: { size: feed.size, mtimeMs: feed.mtimeMs },
      inPlace: true,
    };
    expect(staged.get('rss.xml')).toEqual(found);
    // A worker's copy of the context finds it too.
    const live = liveFilesOf(previous, outputs[0]?.paths ?? []);
    const copy = structuredClone({ ...context, site: doc, stage: await stageDir(), live });
    const job = stageOutputJob(0, copy);
    expect(job).toHaveProperty('files');
    expect(new Map('files' in job ? job.files : []).get('rss.xml')).toEqual(found);
  });

  it('shares the work with threads only when a large share of the site is to be rendered', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const asked: number[] = [];
    let released = 0;
    const workers = {
      get: (jobs: number) => {
        asked.push(jobs);
        return WorkerPool.start(config, 1);
      },
      release: () => {
        released++;
      },
    } as unknown as Workers;
    const few = Math.floor(outputs.length * SHARED_SHARE) - 1;
    const context = { site: doc, display: 'dist' };
    await stageOutputs(
      outputs.slice(0, few).map((_, i) => i),
      { ...context, stage: await stageDir() },
      { outputs, workers },
    );
    expect(asked).toEqual([]);
    await stageOutputs(
      outputs.map((_, i) => i),
      { ...context, stage: await stageDir() },
      { outputs, workers },
    );
    expect(asked).toEqual([outputs.length]);
    // Staging the outputs is the build's last work for its threads: they end once it is done.
    expect(released).toBe(2);
  });
});
