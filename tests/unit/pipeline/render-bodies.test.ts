import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitBlobId, hashBytes } from '../../../src/hash.js';
import type { BodyJob } from '../../../src/model.js';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { readHead } from '../../../src/pipeline/read-heads.js';
import { readStory, renderBodies, renderPostFile } from '../../../src/pipeline/render-bodies.js';
import { Workers } from '../../../src/pipeline/worker-pool.js';
import { isStored, removeHtmlStore, storyText } from '../../../src/stored-html.js';
import { siteConfig } from '../../helpers/model.js';

const config = siteConfig();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const HEAD = '---\ntitle: T\ndate: 2026-01-01\n---\n';
/** A file's git blob id, as a whole read gives it. */
const blobOf = (file: string) => gitBlobId(readFileSync(file));

/** A post file of `head` then `body`, as a body job. */
async function postFile(
  body: string | Buffer,
  name = 'post.md',
  head: string = HEAD,
): Promise<BodyJob> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-bodies-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, Buffer.concat([Buffer.from(head), Buffer.from(body)]));
  return { file, sourcePath: name, display: `posts/${name}` };
}

describe('renderPostFile', () => {
  it('renders the summary and the content, links made absolute against the post URL', async () => {
    const body = 'Intro with [a link](other/) and [home](/).\n\n<!--more-->\n\nMore text.\n';
    const job = await postFile(body);
    const outcome = renderPostFile(job, config);
    const { size, mtimeMs } = statSync(job.file);
    expect(outcome).toEqual({
      sourcePath: 'post.md',
      size,
      mtimeMs,
      headHash: hashBytes(HEAD),
      bodyHash: hashBytes(body),
      blob: gitBlobId(Buffer.from(HEAD + body)),
      post: expect.objectContaining({
        title: 'T',
        url: 'https://news.example.com/posts/post/',
        bodyLine: 5,
        bodyOffset: HEAD.length,
      }),
      rendered: {
        summary: 'Intro with a link and home.',
        summaryKey: hashBytes('Intro with a link and home.'),
        contentHtml:
          '<p>Intro with <a href="https://news.example.com/posts/post/other/">a link</a> and <a href="https://news.example.com/">home</a>.</p>\n<p>More text.</p>',
      },
      reused: false,
      diagnostics: [],
    });
  });

  it('puts the summary aside with the HTML when the build asks, and lets the front matter’s go', async () => {
    const store = makeHtmlStore();
    try {
      const head = '---\ntitle: T\ndate: 2026-01-01\nsummary: The writer’s own — été.\n---\n';
      const file = await postFile('Body.\n', 'own.md', head);
      // The HTML put aside, the summary kept as text, unless that is asked for too.
      const htmlOnly = renderPostFile({ ...file, storeHtmlIn: store }, config);
      expect(isStored(htmlOnly.rendered?.contentHtml ?? '')).toBe(true);
      expect(htmlOnly.rendered?.summary).toBe('The writer’s own — été.');
      expect(htmlOnly.post?.summary).toBe('The writer’s own — été.');
      const job = { ...file, storeHtmlIn: store, storeSummary: true as const };
      const outcome = renderPostFile(job, config);
      const summary = outcome.rendered?.summary ?? '';
      expect(isStored(summary)).toBe(true);
      expect(storyText(summary)).toBe('The writer’s own — été.');
      expect(outcome.rendered?.summaryKey).toBe(hashBytes('The writer’s own — été.'));
      expect(isStored(outcome.rendered?.contentHtml ?? '')).toBe(true);
      expect(outcome.post).toMatchObject({ title: 'T' });
      expect(outcome.post && 'summary' in outcome.post).toBe(false);
      // Without a store, both stay text, and the post keeps its front matter's summary.
      const held = renderPostFile({ ...file, storeSummary: true }, config);
      expect(held.rendered?.summary).toBe('The writer’s own — été.');
      expect(held.post?.summary).toBe('The writer’s own — été.');
      // An empty summary is never put aside.
      const bare = await postFile('', 'bare.md');
      const empty = renderPostFile({ ...bare, storeHtmlIn: store, storeSummary: true }, config);
      expect(empty.rendered?.summary).toBe('');
    } finally {
      removeHtmlStore(store);
    }
  });

  it('hashes the head as reading the front matter does', async () => {
    const job = await postFile('Body.\n');
    expect(renderPostFile(job, config).headHash).toBe(readHead(job, config).headHash);
  });

  it('reuses the previous rendering, rendering nothing, when both hashes match', async () => {
    const body = 'Same body.\n';
    const job = await postFile(body);
    const previous = { headHash: hashBytes(HEAD), bodyHash: hashBytes(body) };
    const outcome = renderPostFile({ ...job, previous }, config);
    expect(outcome.reused).toBe(true);
    expect(outcome.rendered).toBeUndefined();
    expect(outcome.post?.title).toBe('T');
    expect(outcome.diagnostics).toEqual([]);
    expect([outcome.headHash, outcome.bodyHash]).toEqual([previous.headHash, previous.bodyHash]);
  });

  it('gives the size and mtime of the file it read, whether it renders or reuses', async () => {
    const body = 'Sized body.\n';
    const job = await postFile(body);
    const when = new Date('2026-03-04T05:06:07Z');
    await utimes(job.file, when, when);
    const previous = { headHash: hashBytes(HEAD), bodyHash: hashBytes(body) };
    for (const outcome of [
      renderPostFile(job, config),
      renderPostFile({ ...job, previous }, config),
    ]) {
      expect(outcome.size).toBe(Buffer.byteLength(HEAD + body));
      expect(outcome.mtimeMs).toBe(statSync(job.file).mtimeMs);
      expect(outcome.mtimeMs).toBe(when.getTime());
    }
  });

  it('renders with force even when both hashes match (its HTML is needed and was not kept)', async () => {
    const body = 'Same body.\n';
    const job = await postFile(body);
    const previous = { headHash: hashBytes(HEAD), bodyHash: hashBytes(body) };
    const outcome = renderPostFile({ ...job, previous, force: true }, config);
    expect(outcome.reused).toBe(false);
    expect(outcome.rendered).toEqual({
      summary: 'Same body.',
      summaryKey: hashBytes('Same body.'),
      contentHtml: '<p>Same body.</p>',
    });
    expect([outcome.headHash, outcome.bodyHash]).toEqual([previous.headHash, previous.bodyHash]);
    // Without previous hashes, force changes nothing: it renders.
    expect(renderPostFile({ ...job, force: true }, config).rendered).toEqual(outcome.rendered);
  });

  it('renders again when the body or the head differs from the previous rendering', async () => {
    const job = await postFile('New body.\n');
    const headHash = hashBytes(HEAD);
    const bodyHash = hashBytes('New body.\n');
    for (const previous of [
      { headHash, bodyHash: hashBytes('Old body.\n') },
      { headHash: hashBytes('---\ntitle: Old\n---\n'), bodyHash },
    ]) {
      const outcome = renderPostFile({ ...job, previous }, config);
      expect(outcome.reused).toBe(false);
      expect(outcome.rendered?.contentHtml).toBe('<p>New body.</p>');
    }
  });

  it('reports a body that is not UTF-8 at its line in the file, with the post but no rendering', async () => {
    // The head takes lines 1–4; the bad byte is on the body's second line, line 6 of the file.
    const job = await postFile(Buffer.from([0x41, 0x0a, 0x42, 0xff, 0x0a]));
    const outcome = renderPostFile(job, config);
    expect(outcome.post?.title).toBe('T');
    expect(outcome.rendered).toBeUndefined();
    expect(outcome.reused).toBe(false);
    expect(outcome.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'not-utf8',
        file: 'posts/post.md',
        line: 6,
        message: 'the file is not valid UTF-8 (byte 3)',
        fix: 'save the file as UTF-8 in your editor',
      },
    ]);
  });

  it('removes control characters from the body with a warning at the body line', async () => {
    const job = await postFile('Bell\u0007 here.\n');
    const outcome = renderPostFile(job, config);
    expect(outcome.rendered?.contentHtml).toBe('<p>Bell here.</p>');
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'control-characters',
        file: 'posts/post.md',
        line: 5,
        field: 'body',
      }),
    ]);
  });

  it('gives the front matter problems and no post when the head has errors', async () => {
    const job = await postFile('Body.\n', 'bad.md', '---\ntitle: T\n---\n');
    const outcome = renderPostFile(job, config);
    expect(outcome.post).toBeUndefined();
    expect(outcome.rendered).toBeUndefined();
    expect(outcome.diagnostics.map((d) => [d.severity, d.file, d.field])).toEqual([
      ['error', 'posts/bad.md', 'date'],
    ]);
  });
});

describe('readStory', () => {
  it('reads a file once: its head as readHead gives it, its story as renderPostFile gives it', async () => {
    const job = await postFile('Body with a [link](x/).\n');
    const read = readStory(job, config);
    const { story, ...head } = read;
    // Read whole: with the file's blob id, which a head alone does not give.
    expect(head).toEqual({ ...readHead(job, config), blob: blobOf(job.file) });
    expect(story).toEqual(renderPostFile(job, config));
    expect(story?.rendered?.contentHtml).toContain('href="https://news.example.com/posts/post/x/"');
  });

  it('reads only the head of a draft, of a file with errors, and of one it cannot read', async () => {
    const draft = await postFile(
      'Body.\n',
      'draft.md',
      '---\ntitle: T\ndate: 2026-01-01\ndraft: true\n---\n',
    );
    expect(readStory(draft, config)).toEqual({
      ...readHead(draft, config),
      blob: blobOf(draft.file),
    });
    const bad = await postFile('Body.\n', 'bad.md', '---\ntitle: T\n---\n');
    expect(readStory(bad, config)).toEqual({ ...readHead(bad, config), blob: blobOf(bad.file) });
    const gone = { ...bad, file: `${bad.file}.gone` };
    expect(readStory(gone, config)).toEqual(readHead(gone, config));
    expect(readStory(gone, config).diagnostics[0]).toMatchObject({ code: 'unreadable' });
  });
});

describe('renderBodies', () => {
  it('gives the same outcomes in job order with and without Workers', async () => {
    const jobs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postFile(`Body number ${i}.\n`, `p${i}.md`)),
    );
    const reusedJob = {
      ...(jobs[3] as BodyJob),
      previous: { headHash: hashBytes(HEAD), bodyHash: hashBytes('Body number 3.\n') },
    };
    jobs[3] = reusedJob;
    const alone = await renderBodies(jobs, config);
    expect(alone.map((o) => o.sourcePath)).toEqual(jobs.map((j) => j.sourcePath));
    expect(alone.map((o) => o.rendered?.contentHtml)).toEqual(
      jobs.map((_, i) => (i === 3 ? undefined : `<p>Body number ${i}.</p>`)),
    );
    expect(alone[3]?.reused).toBe(true);

    const workers = new Workers(config, 2);
    const progress: number[] = [];
    try {
      const shared = await renderBodies(jobs, config, {
        workers,
        onProgress: (n) => progress.push(n),
      });
      expect(shared).toEqual(alone);
    } finally {
      await workers.close();
    }
    // Batches of 8: progress after each.
    expect(progress).toEqual([8, 12]);
  });

  it('renders nothing for no jobs', async () => {
    expect(await renderBodies([], config)).toEqual([]);
  });
});

describe('renderPostFile on a file that is gone', () => {
  it('reports it as unreadable instead of throwing', () => {
    const job = { file: '/nonexistent/x.md', sourcePath: 'x.md', display: 'posts/x.md' };
    const outcome = renderPostFile(job, siteConfig());
    expect(outcome.post).toBeUndefined();
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({ code: 'unreadable', file: 'posts/x.md', severity: 'error' }),
    ]);
    // No file, so no size or mtime: -1 matches no story.
    expect([outcome.size, outcome.mtimeMs, outcome.reused]).toEqual([-1, -1, false]);
  });
});
