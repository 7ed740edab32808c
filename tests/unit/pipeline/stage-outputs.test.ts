import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeptFile, OutputFile, SiteDocument } from '../../../src/model.js';
import {
  endsMeet,
  makePageFolders,
  notePageFolders,
  type PageFolders,
  prepareOutputJobs,
  SHARED_SHARE,
  stageOutputAt,
  stageOutputJob,
  stageOutputs,
  takeFolder,
  takeInSite,
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

  it('takes in a worker’s copy of the site with every value as it was, staging the same bytes', async () => {
    const doc = site();
    const stored = (file: string, offset: number) => ({ file, offset, bytes: 5, key: 'k' });
    // Stored texts as a large build keeps them (not read here: the values are compared).
    const kept = {
      ...doc,
      items: doc.items.map((item, i) => ({
        ...item,
        summary: stored('/store/thread-0.html', i * 10),
        contentHtml: { body: stored('/store/thread-0.html', i * 10 + 5), after: '' },
      })),
    };
    const copy = structuredClone(kept);
    takeInSite({ site: copy, stage: '', display: 'dist' });
    expect(copy).toEqual(kept);
    expect(copy.items.filter((item) => item.idIsUrl).every((item) => item.id === item.url)).toBe(
      true,
    );
    // Every output of a copy taken in, staged, is what the thread that made the site stages.
    const taken = structuredClone(doc);
    takeInSite({ site: taken, stage: '', display: 'dist' });
    const fresh = siteOutputs(doc).map((_, i) => i);
    const digests = async (site: SiteDocument) =>
      [...(await stageOutputs(fresh, { site, stage: await stageDir(), display: 'dist' }))].map(
        ([file, staged]) => [file, staged.digest],
      );
    expect(await digests(taken)).toEqual(await digests(doc));
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

  /** A job of making `folders` in `stage`, with `first` and `last` taken by each end already. */
  const foldersJob = (stage: string, folders: string[], first = 0, last = 0): PageFolders => {
    const taken = new Int32Array(new SharedArrayBuffer(8));
    taken.set([first, last]);
    return { stage, folders, taken };
  };
  const made = (stage: string, folders: readonly string[]) =>
    folders.filter((folder) => existsSync(path.join(stage, folder)));

  it('makes a first write’s page folders ahead, and skips those outside the stage and those it cannot make', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const page = outputs.findIndex((o) => o.paths[0] === 'posts/a/index.html');
    for (const from of ['first', 'last'] as const) {
      const stage = await stageDir();
      makePageFolders(foldersJob(stage, ['../outside', '2026/04/c', 'posts/a', 'posts/b']), from);
      for (const folder of ['posts/a', 'posts/b', '2026/04/c'])
        expect((await stat(path.join(stage, folder))).isDirectory(), folder).toBe(true);
      await expect(stat(path.join(stage, '../outside'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(stageOutputJob(page, { site: doc, stage, display: 'dist' })).toHaveProperty('files');
      const blocked = await stageDir();
      await writeFile(path.join(blocked, 'posts'), 'not a folder');
      expect(() =>
        makePageFolders(foldersJob(blocked, ['posts/a', 'x/y', 'z']), from),
      ).not.toThrow();
      expect(made(blocked, ['x/y', 'z'])).toEqual(['x/y', 'z']);
    }
  });

  it('makes page folders from both ends until the ends meet, leaving none unmade where they do', async () => {
    const folders = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    // The worker's end went first through them all: the other end has nothing left to make.
    let stage = await stageDir();
    let job = foldersJob(stage, folders);
    makePageFolders(job, 'first');
    expect(made(stage, folders)).toEqual(folders);
    expect([...job.taken]).toEqual([8, 0]);
    await rm(stage, { recursive: true });
    await mkdir(stage);
    makePageFolders(job, 'last');
    expect(made(stage, folders)).toEqual([]);
    // This thread's end came first (a worker busy elsewhere): the worker's end makes none.
    stage = await stageDir();
    job = foldersJob(stage, folders);
    makePageFolders(job, 'last');
    expect(made(stage, folders)).toEqual(folders);
    await rm(stage, { recursive: true });
    await mkdir(stage);
    makePageFolders(job, 'first');
    expect(made(stage, folders)).toEqual([]);
    // The worker has taken the first three (and made them, elsewhere): this end makes the rest,
    // and the last the worker took too, which it may not have made (see the next case).
    stage = await stageDir();
    makePageFolders(foldersJob(stage, folders, 3), 'last');
    expect(made(stage, folders)).toEqual(['c', 'd', 'e', 'f', 'g']);
    // This end has taken the last two: the worker's end makes the first five, and stops at the
    // first one this end took.
    stage = await stageDir();
    job = foldersJob(stage, folders, 0, 2);
    makePageFolders(job, 'first');
    expect(made(stage, folders)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...job.taken]).toEqual([6, 2]);
  });

  it('leaves no page folder unmade however the two ends’ steps fall between the threads', () => {
    // The two ends' steps, as `makePageFolders` takes them (take a folder, then look whether the
    // ends meet: stop there, or make it), interleaved in every order fast-check tries.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.array(fc.boolean()), (count, order) => {
        const taken = new Int32Array(new SharedArrayBuffer(8));
        const makes = new Map<number, number>();
        const ends = (['first', 'last'] as const).map((from) => ({
          from,
          index: undefined as number | undefined,
          done: false,
        }));
        const stepOf = (end: (typeof ends)[number]) => {
          if (end.index === undefined) {
            end.index = takeFolder(taken, end.from, count);
            return;
          }
          const { index } = end;
          end.index = undefined;
          if (index < 0 || index >= count || endsMeet(taken, end.from, count, index))
            end.done = true;
          else makes.set(index, (makes.get(index) ?? 0) + 1);
        };
        for (let turn = 0; !ends.every((end) => end.done); turn++) {
          const wanted = ends[order[turn % Math.max(order.length, 1)] ? 1 : 0];
          stepOf(wanted && !wanted.done ? wanted : (ends.find((end) => !end.done) as never));
        }
        // Every folder made; one (where the ends meet) at most twice.
        expect([...makes.keys()].sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
        expect([...makes.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('takes page folders another thread made as made: staging makes none of them again', async () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    const page = outputs.findIndex((o) => o.paths[0] === 'posts/a/index.html');
    const other = outputs.findIndex((o) => o.paths[0] === 'posts/b/index.html');
    const stage = await stageDir();
    // Noted as made but not there: staging into it fails, so it did not make it again.
    notePageFolders(foldersJob(stage, ['posts/a', '../outside']));
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
