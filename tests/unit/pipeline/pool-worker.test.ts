import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileJob, ItemHtml } from '../../../src/model.js';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { readHead } from '../../../src/pipeline/read-heads.js';
import { readStory, renderPostFile } from '../../../src/pipeline/render-bodies.js';
import { stageOutputJob } from '../../../src/pipeline/stage-outputs.js';
import { removeHtmlStore, storeHtml } from '../../../src/stored-html.js';
import { makePost, siteConfig, siteOf } from '../../helpers/model.js';
import { LISTS_OPEN_FILES, openFiles } from '../../helpers/open-files.js';
import { REPO } from '../../helpers/site.js';

const WORKER_FILE = path.join(REPO, 'lib/pipeline/pool-worker.js');
const config = siteConfig({ title: 'Worker News' });

let dir: string;
const job = (name: string): FileJob => ({
  file: path.join(dir, name),
  sourcePath: name,
  display: `posts/${name}`,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedwright-worker-'));
  await writeFile(
    path.join(dir, 'a.md'),
    '---\ntitle: A\ndate: 2026-02-01\ncategories: [News]\n---\nA [link](x/).\n',
  );
  await writeFile(path.join(dir, 'b.md'), '---\ntitle: B\n---\nNo date.\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The worker entry started as the pool starts it; the results of every batch, in order. */
function startWorker() {
  const worker = new Worker(WORKER_FILE, { workerData: { config } });
  const replies: unknown[] = [];
  const times: number[] = [];
  const waiting: ((reply: unknown) => void)[] = [];
  worker.on('message', (reply: { results: unknown; ms: number }) => {
    replies.push(reply.results);
    times.push(reply.ms);
    waiting.shift()?.(reply.results);
  });
  const next = () => new Promise<unknown>((resolve) => waiting.push(resolve));
  return { worker, replies, times, next };
}

let running: Worker[] = [];
afterEach(async () => {
  await Promise.all(running.map((w) => w.terminate()));
  running = [];
});

describe('pool-worker', () => {
  it('says with each batch how long it took, for the pool to pace the batches it sends', async () => {
    const { worker, times, next } = startWorker();
    running.push(worker);
    const reply = next();
    worker.postMessage({ kind: 'head', batch: [job('a.md')] });
    await reply;
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(0);
    expect(times[0]).toBeLessThan(60_000);
  });

  it('answers a head batch with exactly what readHead gives on this thread', async () => {
    const { worker, next } = startWorker();
    running.push(worker);
    const batch = [job('a.md'), job('b.md'), job('missing.md')];
    const reply = next();
    worker.postMessage({ kind: 'head', batch });
    expect(await reply).toEqual(batch.map((j) => readHead(j, config)));
    const [a, b, missing] = (await reply) as ReturnType<typeof readHead>[];
    expect(a?.ref?.categories).toEqual(['News']);
    expect(b?.diagnostics[0]).toMatchObject({ code: 'missing', field: 'date' });
    expect(missing?.diagnostics[0]).toMatchObject({ code: 'unreadable' });
  });

  it('answers a body batch with exactly what renderPostFile gives on this thread', async () => {
    const { worker, next } = startWorker();
    running.push(worker);
    const reply = next();
    worker.postMessage({ kind: 'body', batch: [job('a.md')] });
    expect(await reply).toEqual([renderPostFile(job('a.md'), config)]);
    expect(await reply).toMatchObject([
      {
        rendered: {
          contentHtml: '<p>A <a href="https://news.example.com/posts/a/x/">link</a>.</p>',
        },
      },
    ]);
  });

  it('answers a story batch (a cold build) with exactly what readStory gives on this thread', async () => {
    const { worker, next } = startWorker();
    running.push(worker);
    const reply = next();
    worker.postMessage({ kind: 'story', batch: [job('a.md'), job('b.md')] });
    expect(await reply).toEqual([readStory(job('a.md'), config), readStory(job('b.md'), config)]);
    expect(await reply).toMatchObject([{ story: { rendered: { summary: 'A link.' } } }, {}]);
  });

  it('does not answer a preload, and answers the next request as usual', async () => {
    const { worker, replies, next } = startWorker();
    running.push(worker);
    worker.postMessage({ preload: 'body' });
    worker.postMessage({ preload: 'head' });
    const reply = next();
    worker.postMessage({ kind: 'head', batch: [job('a.md')] });
    // Messages are handled in order: a reply to either preload would have come first.
    expect(await reply).toEqual([readHead(job('a.md'), config)]);
    expect(replies).toHaveLength(1);
  });

  it('answers several requests in the order they were sent', async () => {
    const { worker, next } = startWorker();
    running.push(worker);
    const first = next();
    const second = next();
    const third = next();
    worker.postMessage({ kind: 'body', batch: [job('a.md')] });
    worker.postMessage({ kind: 'head', batch: [job('b.md')] });
    worker.postMessage({ kind: 'head', batch: [] });
    expect(await first).toEqual([renderPostFile(job('a.md'), config)]);
    expect(await second).toEqual([readHead(job('b.md'), config)]);
    expect(await third).toEqual([]);
  });

  it('renders and stages outputs of the site it was given, as stageOutputJob does here, then forgets it', async () => {
    const { worker, next } = startWorker();
    running.push(worker);
    const site = siteOf([makePost({ slug: 'a', title: 'A' }, config)], config);
    const [there, here] = [path.join(dir, 'stage-there'), path.join(dir, 'stage-here')];
    await Promise.all([mkdir(there), mkdir(here)]);
    worker.postMessage({ context: 'output', value: { site, stage: there, display: 'dist' } });
    const reply = next();
    worker.postMessage({ kind: 'output', batch: [0] });
    const [outcome] = (await reply) as ReturnType<typeof stageOutputJob>[];
    const local = stageOutputJob(0, { site, stage: here, display: 'dist' });
    expect(outcome && 'files' in outcome && outcome.files.map(([p, f]) => [p, f.digest])).toEqual(
      'files' in local && local.files.map(([p, f]) => [p, f.digest]),
    );
    for (const file of ['rss.xml', 'atom.xml', 'feed.json'])
      expect(await readFile(path.join(there, file), 'utf8')).toBe(
        await readFile(path.join(here, file), 'utf8'),
      );
    // Once the run is over the context is dropped: a job then has no site to render.
    worker.postMessage({ context: 'output', value: undefined });
    const failed = next();
    worker.postMessage({ kind: 'output', batch: [0] });
    expect(await failed).toMatchObject([{ failed: { message: expect.any(String) } }]);
  });

  it.skipIf(!LISTS_OPEN_FILES)(
    'closes the store files it read once the run is over and its context dropped',
    async () => {
      const { worker, next } = startWorker();
      running.push(worker);
      const post = makePost({ slug: 'a', title: 'A', body: 'A stored **body**.' }, config);
      const site = siteOf([post], config);
      const store = makeHtmlStore(dir);
      // The items' HTML put aside, as a cold build does: the worker reads it back.
      for (const doc of [...site.feeds, ...site.archives])
        for (const item of doc.items)
          if (typeof item.contentHtml === 'string')
            (item as { contentHtml: ItemHtml }).contentHtml = {
              body: storeHtml(store, item.contentHtml),
              after: '',
            };
      const stage = path.join(dir, 'stage-stored');
      await mkdir(stage);
      worker.postMessage({ context: 'output', value: { site, stage, display: 'dist' } });
      const reply = next();
      worker.postMessage({ kind: 'output', batch: [0] });
      expect(await reply).toMatchObject([{ files: expect.any(Array) }]);
      expect(await readFile(path.join(stage, 'rss.xml'), 'utf8')).toContain(
        'A stored <strong>body</strong>.',
      );
      // Read through one file kept open while the run lasts.
      const during = next();
      worker.postMessage({ kind: 'head', batch: [] });
      await during;
      expect(openFilesIn(store)).toHaveLength(1);
      worker.postMessage({ context: 'output', value: undefined });
      // Messages are handled in order: once this is answered, the context was dropped.
      const after = next();
      worker.postMessage({ kind: 'head', batch: [] });
      await after;
      expect(openFilesIn(store)).toEqual([]);
      removeHtmlStore(store);
    },
  );
});

/** The files under `dir` this process holds open. */
function openFilesIn(dir: string): string[] {
  return openFiles().filter((file) => file.startsWith(`${dir}${path.sep}`));
}
