import { readFileSync } from 'node:fs';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBlobId, hashBytes } from '../../../src/hash.js';
import { readPostHead } from '../../../src/load/read-source.js';
import { readHead, readHeads, validateHead } from '../../../src/pipeline/read-heads.js';
import { renderBodies } from '../../../src/pipeline/render-bodies.js';
import { Workers } from '../../../src/pipeline/worker-pool.js';
import { siteConfig } from '../../helpers/model.js';

const config = siteConfig();

async function tempFile(content: string | Buffer, name = 'post.md') {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'feedwright-head-')), name);
  await writeFile(file, content);
  return { file, sourcePath: name, display: `posts/${name}` };
}

describe('validateHead', () => {
  it('validates the head, settles the URL and page path, and records where the body starts', async () => {
    const job = await tempFile('---\ntitle: T\ndate: 2026-01-01\n---\n\nBody\n');
    const { post, diagnostics } = validateHead(readPostHead(job.file), job, config);
    expect(diagnostics).toEqual([]);
    expect(post).toMatchObject({
      title: 'T',
      bodyOffset: 34,
      bodyLine: 5,
      url: 'https://news.example.com/posts/post/',
      pagePath: 'posts/post/index.html',
    });
  });

  it('gives located diagnostics even though the fast parser read the file first', async () => {
    const job = await tempFile('---\ntitle: T\ndate: 2026-01-01\ncategroies: [a]\n---\n', 'p.md');
    const { diagnostics } = validateHead(readPostHead(job.file), job, config);
    expect(diagnostics[0]).toMatchObject({ line: 4, column: 13, field: 'categroies' });
  });

  it('reports a file that is not UTF-8 with its line', async () => {
    const job = await tempFile(
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]),
    );
    const { post, diagnostics } = validateHead(readPostHead(job.file), job, config);
    expect(post).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'not-utf8', line: 2 });
  });
});

describe('readHead', () => {
  it('keeps what ordering and the collision checks need, with the hash of the head', async () => {
    const job = await tempFile('---\ntitle: T\ndate: 2026-01-01\ncategories: [A]\n---\nBody\n');
    const head = readHead(job, config);
    expect(head.ref).toEqual({
      sourcePath: 'post.md',
      date: new Date('2026-01-01T05:00:00.000Z'),
      slug: 'post',
      language: 'en',
      categories: ['A'],
      tags: [],
      authors: [],
      draft: false,
      url: 'https://news.example.com/posts/post/',
      pagePath: 'posts/post/index.html',
    });
    expect(head.headHash).toMatch(/^[\w-]{27}$/);
    expect(head.size).toBeGreaterThan(0);
  });

  it('keeps tags, each byline by its name and profile key only, and feed and expires when set', async () => {
    const withProfile = siteConfig({
      authors: { jdoe: { name: 'Jane Doe', email: 'jane@example.com', bio: 'Reporter.' } },
    });
    const job = await tempFile(
      [
        '---',
        'title: T',
        'date: 2026-01-01',
        'tags: [Budget, Rates]',
        'authors: [jdoe, {name: Ada, email: ada@example.com}]',
        'feed: summary',
        'expires: 2026-02-01',
        '---',
        'Body',
        '',
      ].join('\n'),
    );
    const head = readHead(job, withProfile);
    expect(head.diagnostics).toEqual([]);
    expect(head.ref).toMatchObject({
      tags: ['Budget', 'Rates'],
      feed: 'summary',
      expires: new Date('2026-02-01T05:00:00.000Z'),
    });
    expect(head.ref?.authors).toStrictEqual([{ name: 'Jane Doe', key: 'jdoe' }, { name: 'Ada' }]);
  });

  it('never throws for a file that cannot be read', () => {
    const head = readHead(
      { file: '/nonexistent/x.md', sourcePath: 'x.md', display: 'posts/x.md' },
      config,
    );
    expect(head.ref).toBeUndefined();
    expect(head.diagnostics[0]).toMatchObject({ code: 'unreadable', file: 'posts/x.md' });
  });

  it('does not parse a head the cache knows: it gives the hash of the body instead', async () => {
    const text = '---\ntitle: T\ndate: 2026-01-01\n---\nThe body.\n';
    const job = await tempFile(text);
    const parsed = readHead(job, config);
    const same = readHead({ ...job, known: parsed.headHash }, config);
    const { size, mtimeMs } = await stat(job.file);
    expect(same).toEqual({
      sourcePath: 'post.md',
      size,
      mtimeMs,
      headHash: parsed.headHash,
      diagnostics: [],
      // The whole file's blob id too: it was read whole.
      sameHead: { bodyHash: hashBytes('The body.\n'), blob: gitBlobId(Buffer.from(text)) },
    });
    // The hash the body stage takes of the same body: a touched file's story is kept by it.
    const [rendered] = await renderBodies([{ ...job }], config);
    expect(same.sameHead?.bodyHash).toBe(rendered?.bodyHash);
    // Front matter with an error, known by its hash: not validated again (the cache keeps its
    // record and diagnostics).
    const bad = await tempFile('---\ntitle: T\n---\nNo date.\n');
    const unparsed = readHead(bad, config);
    expect(unparsed.diagnostics).not.toEqual([]);
    expect(readHead({ ...bad, known: unparsed.headHash }, config)).toMatchObject({
      diagnostics: [],
      sameHead: { bodyHash: hashBytes('No date.\n') },
    });
  });

  it('parses a head that is not the one the cache knows', async () => {
    const job = await tempFile('---\ntitle: T\ndate: 2026-01-01\n---\nBody.\n');
    const other = readHead({ ...job, known: 'another-head' }, config);
    expect(other.sameHead).toBeUndefined();
    expect(other.ref).toMatchObject({ sourcePath: 'post.md' });
    // Read whole, as a known file is: with its blob id, which a head alone does not give.
    expect(other).toEqual({ ...readHead(job, config), blob: gitBlobId(readFileSync(job.file)) });
  });
});

describe('readHeads', () => {
  it('gives the same heads in the same order with or without threads', async () => {
    const jobs = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        tempFile(`---\ntitle: T${i}\ndate: 2026-01-0${i + 1}\n---\n`, `p${i}.md`),
      ),
    );
    const alone = await readHeads(jobs, config);
    const workers = new Workers(config, 2);
    const progress: number[] = [];
    try {
      const shared = await readHeads(jobs, config, {
        workers,
        onProgress: (n) => progress.push(n),
      });
      expect(shared).toEqual(alone);
    } finally {
      await workers.close();
    }
    expect(alone.map((h) => h.ref?.slug)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(progress.at(-1)).toBe(5);
  });

  it('reads whole files for jobs that ask (a cold build): each head with its story', async () => {
    const jobs = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        tempFile(`---\ntitle: T${i}\ndate: 2026-01-0${i + 1}\n---\nBody ${i}.\n`, `w${i}.md`),
      ),
    );
    const whole = await readHeads(
      jobs.map((job) => ({ ...job, withBody: true as const })),
      config,
    );
    const heads = await readHeads(jobs, config);
    expect(whole.map(({ story, blob, ...head }) => head)).toEqual(heads);
    expect(whole.map((h) => h.blob)).toEqual(jobs.map((job) => gitBlobId(readFileSync(job.file))));
    expect(whole.map((h) => h.story?.rendered?.contentHtml)).toEqual([
      '<p>Body 0.</p>',
      '<p>Body 1.</p>',
      '<p>Body 2.</p>',
    ]);
    expect(heads.every((h) => !('story' in h))).toBe(true);
  });

  it('has the workers load what comes next: the bodies, or the outputs after a cold read', async () => {
    const jobs = [await tempFile('---\ntitle: T\ndate: 2026-01-01\n---\nBody.\n', 'n.md')];
    for (const [withBody, next] of [
      [false, 'body'],
      [true, 'output'],
    ] as const) {
      const workers = new Workers(config, 2);
      const preloaded: string[] = [];
      const preload = workers.preload.bind(workers);
      workers.preload = (kind) => {
        preloaded.push(kind);
        preload(kind);
      };
      try {
        await readHeads(
          jobs.map((job) => (withBody ? { ...job, withBody } : job)),
          config,
          { workers },
        );
      } finally {
        await workers.close();
      }
      expect(preloaded).toEqual([next]);
    }
  });
});
