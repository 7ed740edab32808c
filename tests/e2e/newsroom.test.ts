/**
 * Newsroom-grade items (issue 11), end to end through the real CLI: a lead image with its credit
 * and real dimensions, two bylines each with their own feed, a tag feed, a correction, and the
 * three per-story controls — every feed read back with parsers we did not write.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectValidJsonFeed,
  expectWellFormed,
  parseAtomFeed,
  parseJsonFeed,
  parseRssFeed,
  parseWithRowanmanning,
} from '../helpers/feeds.js';
import { all, attr, parseHtml, text } from '../helpers/html.js';
import { png } from '../helpers/png.js';
import { makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const SITE = 'https://news.example.com/';
const makeSite = siteMaker();

const config = makeConfig({
  authors: {
    jdoe: { name: 'Jane Doe', bio: 'Jane covers Parliament.', email: 'jane@example.com' },
  },
});

const lead = {
  title: 'Budget passes',
  date: '2026-11-20 09:15',
  categories: ['Politics'],
  tags: ['Ottawa', 'Budget'],
  authors: ['jdoe', 'Sam Roe'],
  summary: 'The budget passed on a narrow vote.',
  image: {
    src: '/images/hill.png',
    alt: 'Parliament at dusk',
    credit: 'Jane Doe / CRBC',
    caption: 'Parliament Hill on the night of the vote.',
  },
};
const correction = {
  date: '2026-11-21 10:30',
  text: 'An earlier version misstated the vote count.',
};

const files = (extra: Record<string, unknown> = {}) => ({
  'lead.md': postText({ ...lead, ...extra }, 'The vote was 170 to 166.\n'),
  'live.md': postText(
    { title: 'Live: election night', date: '2026-11-19 20:00', feed: false, tags: ['Ottawa'] },
    'Results as they come in.\n',
  ),
  'sponsored.md': postText(
    {
      title: 'A word from our sponsor',
      date: '2026-11-18 08:00',
      feed: 'summary',
      summary: 'Sponsored notice.',
    },
    'The full sponsored text.\n',
  ),
  'rights.md': postText(
    { title: 'Agency story', date: '2026-11-17 08:00', expires: '2026-11-18 08:00' },
    'Licensed for one day.\n',
  ),
  'no-photo.md': postText(
    { title: 'Missing photo', date: '2026-11-16 08:00', image: '/images/missing.jpg' },
    'Text.\n',
  ),
});

async function site(extra: Record<string, unknown> = {}): Promise<string> {
  const dir = await makeSite(files(extra), config);
  await mkdir(path.join(dir, 'public/images'), { recursive: true });
  await writeFile(path.join(dir, 'public/images/hill.png'), png(1200, 675));
  return dir;
}

const read = (dir: string, file: string) => readFile(path.join(dir, 'dist', file), 'utf8');

describe('newsroom items (end to end, real CLI)', () => {
  let dir: string;
  let warnings: string;

  beforeAll(async () => {
    dir = await site({ corrections: [correction] });
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
    warnings = run.stderr;
  });

  it('writes the lead image as enclosure, media:content with credit and real size, and thumbnail', async () => {
    const xml = await read(dir, 'rss.xml');
    expectWellFormed(xml, 'rss');
    const item = parseRssFeed(xml).items?.find((i) => i.title === 'Budget passes');
    const url = `${SITE}images/hill.png`;
    expect(item?.enclosures).toEqual([{ url, length: png(1200, 675).length, type: 'image/png' }]);
    expect(item?.media?.contents?.[0]).toMatchObject({
      url,
      medium: 'image',
      type: 'image/png',
      width: 1200,
      height: 675,
      credits: [{ value: 'Jane Doe / CRBC', role: 'photographer' }],
      description: { value: 'Parliament Hill on the night of the vote.' },
    });
    expect(item?.media?.thumbnails).toEqual([{ url, width: 1200, height: 675 }]);
    const atom = parseAtomFeed(await read(dir, 'atom.xml')).entries?.find(
      (e) => e.title?.value === 'Budget passes',
    );
    expect(atom?.media?.contents?.[0]?.credits?.[0]?.value).toBe('Jane Doe / CRBC');
    const json = parseJsonFeed(await read(dir, 'feed.json'));
    expect(json.items?.find((i) => i.title === 'Budget passes')?.image).toBe(url);
  });

  it('warns of a local image that is missing, naming the post and its line', () => {
    expect(warnings).toContain('posts/no-photo.md:4');
    expect(warnings).toContain('no file public/images/missing.jpg');
    // A build that finds the output up to date says it again.
    const again = runCli(dir);
    expect(again.stdout).toContain('0 written');
    expect(again.stderr).toContain('posts/no-photo.md:4');
  });

  it('gives each of two bylines its own feed, and names both in every format', async () => {
    for (const [folder, name] of [
      ['authors/jdoe/', 'Jane Doe'],
      ['authors/sam-roe/', 'Sam Roe'],
    ] as const) {
      const feed = parseWithRowanmanning(await read(dir, `${folder}rss.xml`));
      expect(
        feed.items.map((i) => i.title),
        name,
      ).toEqual(['Budget passes']);
      expect(feed.title).toBe(`Test News — ${name}`);
      expectValidJsonFeed(await read(dir, `${folder}feed.json`));
      const page = parseHtml(await read(dir, `${folder}index.html`));
      expect(all(page, 'h1').map(text)).toEqual([name]);
    }
    const rss = parseRssFeed(await read(dir, 'rss.xml')).items?.[0];
    expect(rss?.dc?.creators).toEqual(['Jane Doe', 'Sam Roe']);
    const atom = parseAtomFeed(await read(dir, 'atom.xml')).entries?.[0];
    expect(atom?.authors?.map((a) => a.name)).toEqual(['Jane Doe', 'Sam Roe']);
    expect(atom?.authors?.[0]?.email).toBe('jane@example.com');
    const json = parseJsonFeed(await read(dir, 'feed.json')).items?.[0];
    expect(json?.authors?.map((a) => a.name)).toEqual(['Jane Doe', 'Sam Roe']);
    const bio = parseHtml(await read(dir, 'authors/jdoe/index.html'));
    expect(text(bio)).toContain('Jane covers Parliament.');
  });

  it('writes a feed per tag, and tells sections from tags in RSS', async () => {
    const tag = parseRssFeed(await read(dir, 'tags/ottawa/rss.xml'));
    expect(tag.items?.map((i) => i.title)).toEqual(['Budget passes']);
    const categories = parseRssFeed(await read(dir, 'rss.xml')).items?.[0]?.categories;
    expect(categories).toEqual([
      { name: 'Politics', domain: `${SITE}categories/` },
      { name: 'Ottawa', domain: `${SITE}tags/` },
      { name: 'Budget', domain: `${SITE}tags/` },
    ]);
  });

  it('shows a correction as a dated note, moves updated, and keeps the id and pubDate', async () => {
    const before = await site();
    expect(runCli(before).status).toBe(0);
    const rssOf = async (d: string) =>
      parseRssFeed(await read(d, 'rss.xml')).items?.find((i) => i.title === 'Budget passes');
    const atomOf = async (d: string) =>
      parseAtomFeed(await read(d, 'atom.xml')).entries?.find(
        (e) => e.title?.value === 'Budget passes',
      );
    const [was, now] = [await rssOf(before), await rssOf(dir)];
    expect(now?.guid).toEqual(was?.guid);
    expect(now?.pubDate).toBe(was?.pubDate);
    expect(now?.content?.encoded).toContain(
      'Correction, <time datetime="2026-11-21T15:30:00.000Z">November 21, 2026</time>',
    );
    expect(now?.content?.encoded).toContain('An earlier version misstated the vote count.');
    const [atomWas, atomNow] = [await atomOf(before), await atomOf(dir)];
    expect(atomNow?.id).toBe(atomWas?.id);
    expect(atomNow?.published).toBe(atomWas?.published);
    expect([atomWas?.updated, atomNow?.updated]).toEqual([
      '2026-11-20T14:15:00.000Z',
      '2026-11-21T15:30:00.000Z',
    ]);
    const page = await read(dir, 'posts/lead/index.html');
    expect(page).toContain('An earlier version misstated the vote count.');
  });

  it('keeps a `feed: false` story out of every feed, with its page and its place in listings', async () => {
    for (const feed of ['rss.xml', 'tags/ottawa/rss.xml', 'archive/1/rss.xml']) {
      const titles = parseRssFeed(await read(dir, feed)).items?.map((i) => i.title) ?? [];
      expect(titles, feed).not.toContain('Live: election night');
    }
    expect(await read(dir, 'posts/live/index.html')).toContain('Results as they come in.');
    expect(await read(dir, 'index.html')).toContain('Live: election night');
    expect(await read(dir, 'tags/ottawa/index.html')).toContain('Live: election night');
  });

  it('carries a `feed: summary` story as its summary and link only', async () => {
    const rss = parseRssFeed(await read(dir, 'rss.xml')).items?.find(
      (i) => i.title === 'A word from our sponsor',
    );
    expect([rss?.description, rss?.content?.encoded]).toEqual(['Sponsored notice.', undefined]);
    const json = parseJsonFeed(await read(dir, 'feed.json')).items?.find(
      (i) => i.title === 'A word from our sponsor',
    );
    expect([json?.content_text, json?.content_html]).toEqual(['Sponsored notice.', undefined]);
    expect(await read(dir, 'posts/sponsored/index.html')).toContain('The full sponsored text.');
  });

  it('withdraws an expired story from every feed and listing, its page saying so', async () => {
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json', 'archive/1/rss.xml']) {
      expect(await read(dir, feed), feed).not.toContain('Agency story');
    }
    expect(await read(dir, 'index.html')).not.toContain('Agency story');
    const page = parseHtml(await read(dir, 'posts/rights/index.html'));
    expect(text(page)).toContain(
      'This story is no longer available: it was withdrawn on November 18, 2026.',
    );
    expect(text(page)).not.toContain('Licensed for one day.');
  });

  it('lists an expired story as withdrawn on purpose in the continuity report, not as broken', async () => {
    const earlier = await site({ corrections: [correction] });
    await writeFile(
      path.join(earlier, 'posts/rights.md'),
      postText({ title: 'Agency story', date: '2026-11-17 08:00' }, 'Licensed for one day.\n'),
    );
    expect(runCli(earlier).status).toBe(0);
    const previous = path.join(dir, 'previous-manifest.json');
    await copyFile(path.join(earlier, 'dist/.feedwright-manifest.json'), previous);
    const run = runCli(dir, ['diff', '--previous', previous]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('withdrawn (expired): Agency story');
    expect(run.stdout).not.toContain('Broken continuity');
  });

  it('gives every story page NewsArticle JSON-LD that parses as JSON, and link previews', async () => {
    const page = parseHtml(await read(dir, 'posts/lead/index.html'));
    const script = all(page, 'script').find((s) => attr(s, 'type') === 'application/ld+json');
    const article = JSON.parse(text(script));
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Budget passes',
      datePublished: '2026-11-20T14:15:00.000Z',
      dateModified: '2026-11-21T15:30:00.000Z',
      author: [{ name: 'Jane Doe' }, { name: 'Sam Roe' }],
      image: [{ url: `${SITE}images/hill.png`, width: 1200, height: 675 }],
      correction: [{ '@type': 'CorrectionComment', text: correction.text }],
    });
    const og = all(page, 'meta').find((m) => attr(m, 'property') === 'og:image');
    expect(attr(og, 'content')).toBe(`${SITE}images/hill.png`);
    const figure = all(page, 'figcaption').map(text);
    expect(figure).toEqual(['Parliament Hill on the night of the vote. Photo: Jane Doe / CRBC']);
  });
});

describe('a lead image beside its post (end to end, real CLI)', () => {
  it('is published beside the post’s page with its real size, and a new file rebuilds it', async () => {
    const dir = await makeSite({
      '2026/budget.md': postText(
        { title: 'Budget', date: '2026-11-20 09:00', image: { src: './vote.png', credit: 'AP' } },
        'Text.\n',
      ),
    });
    await writeFile(path.join(dir, 'posts/2026/vote.png'), png(900, 600));
    const first = runCli(dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const url = `${SITE}posts/budget/vote.png`;
    const item = () =>
      readFile(path.join(dir, 'dist/rss.xml'), 'utf8').then((xml) => parseRssFeed(xml).items?.[0]);
    expect((await item())?.media?.contents?.[0]).toMatchObject({ url, width: 900, height: 600 });
    expect(await readFile(path.join(dir, 'dist/posts/budget/vote.png'))).toEqual(png(900, 600));

    // Only the image changes: the build must notice it (the post file is as it was).
    await writeFile(path.join(dir, 'posts/2026/vote.png'), png(1600, 900));
    const second = runCli(dir);
    expect(second.status, second.stderr).toBe(0);
    expect((await item())?.media?.contents?.[0]).toMatchObject({ url, width: 1600, height: 900 });
    expect((await item())?.enclosures?.[0]?.length).toBe(png(1600, 900).length);
  });
});
