/**
 * The size budget (issue 12): with `maxFeedBytes`, no subscription document goes over it in any
 * format, whole stories only, the oldest shortened first, with one warning each — through the
 * real CLI, read back with parsers we did not write.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectValidJsonFeed, expectWellFormed, parseRssFeed } from '../helpers/feeds.js';
import { makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const BUDGET = 120_000;

/** Eight stories of about 40 KB each, newest first (story 7 is the newest). */
const posts = Object.fromEntries(
  Array.from({ length: 8 }, (_, i) => [
    `s${i}.md`,
    postText(
      {
        title: `Story ${i}`,
        date: `2026-11-${String(10 + i).padStart(2, '0')} 09:00`,
        categories: ['Politics'],
        summary: `The short version of story ${i}.`,
      },
      `${`Paragraph ${i} of a very long investigation. `.repeat(900)}\n`,
    ),
  ]),
);

describe('maxFeedBytes (end to end, real CLI)', () => {
  let dir: string;
  let stderr: string;
  const read = (file: string) => readFile(path.join(dir, 'dist', file), 'utf8');

  beforeAll(async () => {
    dir = await makeSite(posts, makeConfig({ maxFeedBytes: BUDGET, limit: 8 }));
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
    stderr = run.stderr;
  });

  it('keeps every subscription document within the budget, in every format', async () => {
    for (const folder of ['', 'categories/politics/']) {
      for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
        const size = (await stat(path.join(dir, 'dist', folder, file))).size;
        expect(size, `${folder}${file}`).toBeLessThanOrEqual(BUDGET);
      }
      expectWellFormed(await read(`${folder}rss.xml`), 'rss');
      expectValidJsonFeed(await read(`${folder}feed.json`));
    }
  });

  it('carries the oldest stories as summaries, whole, the newest in full', async () => {
    const items = parseRssFeed(await read('rss.xml')).items ?? [];
    expect(items.map((i) => i.title)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Story ${7 - i}`),
    );
    const full = items.map((i) => i.content?.encoded !== undefined);
    const cut = full.indexOf(false);
    expect(cut).toBeGreaterThan(0);
    expect(full.slice(cut).every((f) => !f)).toBe(true);
    expect(items[cut]?.description).toBe(`The short version of story ${7 - cut}.`);
    expect(items[0]?.content?.encoded).toContain('Paragraph 7 of a very long investigation.');
  });

  it('says so once per feed, naming the feed and how many', () => {
    const lines = stderr.split('\n').filter((l) => l.includes('maxFeedBytes'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warning: rss\.xml .*oldest stories are carried as summaries/);
  });

  it('leaves the stories whole on their pages and in the archives', async () => {
    expect(await read('posts/s0/index.html')).toContain(
      'Paragraph 0 of a very long investigation.',
    );
    const archive = parseRssFeed(await read('archive/1/rss.xml')).items ?? [];
    expect(archive.map((i) => i.title)).toContain('Story 0');
  });
});
