/**
 * `feedwright check --profile` end to end: sites built with the real CLI, one per aggregator,
 * each with posts that break each of its rules once (and well-behaved posts around them), then
 * checked with the real CLI; and a clean site that keeps every rule of all three profiles.
 *
 * Three rules cannot be broken through a post, because the build itself keeps them: feedwright
 * carries at most 1,000,000 bytes of a story's HTML in a feed, writes one language per feed, and
 * makes every URL in a story absolute (`#notes` too). For those the built feed is edited
 * afterwards, as a CDN or a CMS hook could: check reads what is in the output folder, whoever
 * wrote it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { png } from '../helpers/png.js';
import { type CliRun, makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const DAY_MS = 24 * 60 * 60 * 1000;

/** A front-matter date `days` from now (negative: in the past), in the site's zone (UTC). */
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 16).replace('T', ' ');

const LONG_SUMMARY =
  'The harbour commission approved the new waterfront plan on Tuesday after a long public ' +
  'hearing. The plan adds a ferry terminal, a public market and two kilometres of bike paths, ' +
  'and it moves the container yard east of the river mouth. Construction starts next spring ' +
  'and should take four years, the commission said in its statement.';

/** A story that keeps every rule of every profile; `front` breaks what a test wants broken. */
function story(n: number, front: Record<string, unknown> = {}, body = ''): string {
  return postText(
    {
      title: `Harbour commission approves waterfront plan, part ${n}`,
      date: daysFromNow(-1 - n / 10),
      summary: LONG_SUMMARY,
      image: { src: '/images/lead.png', alt: 'The waterfront', credit: 'Jo Photo' },
      ...front,
    },
    `${body}The commission voted seven to two.\n`,
  );
}

/** `count` well-behaved stories, numbered from `from`. */
const stories = (count: number, from = 0) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`s${from + i}.md`, story(from + i)]));

async function site(
  posts: Record<string, string>,
  images: Record<string, Buffer>,
  limit = 50,
): Promise<string> {
  const dir = await makeSite(posts, makeConfig({ timezone: 'UTC', limit }));
  const all = { 'lead.png': png(1200, 800), ...images };
  for (const [name, bytes] of Object.entries(all)) {
    const file = path.join(dir, 'public/images', name);
    await import('node:fs/promises').then((fs) =>
      fs.mkdir(path.dirname(file), { recursive: true }),
    );
    await writeFile(file, bytes);
  }
  return dir;
}

function build(dir: string, args: string[] = []): void {
  const run = runCli(dir, ['build', '-q', ...args]);
  expect(run.status, run.stderr).toBe(0);
}

/** Edits one built file in place. */
async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(dir, 'dist', file);
  await writeFile(target, change(await readFile(target, 'utf8')));
}

/**
 * Makes the link to `#notes` in the `fragment` story relative again after the build (which wrote
 * it absolute, as the test first makes sure).
 */
async function relativeFragment(dir: string): Promise<void> {
  const absolute = 'href="https://news.example.com/posts/fragment/#notes"';
  await edit(dir, 'rss.xml', (xml) => {
    expect(xml).toContain(absolute);
    return inItem('fragment', (item) => item.replace(absolute, 'href="#notes"'))(xml);
  });
}

/** Changes the RSS item of post `slug` with `change`. */
const inItem = (slug: string, change: (item: string) => string) => (xml: string) =>
  xml
    .split('</item>')
    .map((item) => (item.includes(`/posts/${slug}/</link>`) ? change(item) : item))
    .join('</item>');

interface Found {
  severity: string;
  rule: string;
  feed: string;
  source?: string;
  message: string;
}

function check(dir: string, args: string[]): { run: CliRun; findings: Found[] } {
  const run = runCli(dir, ['check', ...args, '--format', 'json']);
  const findings = run.stdout ? (JSON.parse(run.stdout).findings as Found[]) : [];
  return { run, findings };
}

/** Each finding as `severity rule where`, where is the post file, else the feed document. */
const brief = (findings: readonly Found[]) =>
  findings.map((f) => `${f.severity} ${f.rule} ${f.source ?? f.feed}`).sort();

describe('check --profile google-news (end to end, real CLI)', () => {
  let dir: string;
  let result: ReturnType<typeof check>;

  beforeAll(async () => {
    // Four stories of about 600 KB: each fits the feeds whole, together they pass 2 MB.
    const huge = Object.fromEntries(
      [1, 2, 3, 4].map((n) => [
        `huge-${n}.md`,
        story(
          100 + n,
          {},
          `${'A long investigation, paragraph after paragraph. '.repeat(120)}\n\n`.repeat(100),
        ),
      ]),
    );
    const posts = {
      ...stories(56),
      ...huge,
      'long-title.md': story(200, {
        title: `The harbour commission approves the waterfront plan after ${'a very long hearing, '.repeat(4)}in the end`,
      }),
      'summary-only.md': story(201, { feed: 'summary' }),
      'no-image.md': story(202, { image: undefined }),
      'small-image.md': story(203, { image: { src: '/images/small.png', credit: 'Jo Photo' } }),
      'remote-image.md': story(204, {
        image: { src: 'https://images.example.org/harbour.jpg', credit: 'Jo Photo' },
      }),
      'fragment.md': story(205, {}, 'See [the notes](#notes) below.\n\n'),
    };
    dir = await site(posts, { 'small.png': png(1000, 600) }, 100);
    build(dir);
    await relativeFragment(dir);
    // The build keeps each story within 1 MB; a story grown after the build breaks the rule.
    await edit(
      dir,
      'rss.xml',
      inItem('huge-1', (item) =>
        item.replace(
          ']]></content:encoded>',
          `${'<p>More.</p>'.repeat(40_000)}]]></content:encoded>`,
        ),
      ),
    );
    result = check(dir, ['--profile', 'google-news']);
  });

  it('breaks each rule once, and says so with exit 1', () => {
    expect(result.run.status, result.run.stderr).toBe(1);
    expect(brief(result.findings)).toEqual(
      [
        'error google-news/feed-size rss.xml',
        'error google-news/feed-size atom.xml',
        'error google-news/article-size posts/huge-1.md',
        'advice google-news/item-count rss.xml',
        'advice google-news/title-length posts/long-title.md',
        'advice google-news/full-text posts/summary-only.md',
        'advice google-news/image posts/no-image.md',
        'advice google-news/image-size posts/small-image.md',
        'advice google-news/image-remote posts/remote-image.md',
        'error google-news/absolute-urls posts/fragment.md',
      ].sort(),
    );
  });

  it('measures the real image file, and names the limit and the fix', () => {
    const message = (rule: string) => result.findings.find((f) => f.rule === rule)?.message;
    expect(message('google-news/image-size')).toBe(
      'its image images/small.png is 1000×600 px, 600 px on its shortest side; at least 800 wanted — use a larger image',
    );
    expect(message('google-news/item-count')).toBe(
      'the feed carries 66 items, limit 60 — set "limit": 60 (or fewer) in the config',
    );
    expect(message('google-news/absolute-urls')).toContain(
      'relative URL "#notes" (<a href> in its text) — write the full URL, https://news.example.com/posts/fragment/#notes',
    );
    expect(message('google-news/feed-size')).toMatch(
      /^rss\.xml is [\d,]+ bytes, limit 2,000,000 — /,
    );
  });

  it('prints one line per finding in text', () => {
    const run = runCli(dir, ['check', '--profile', 'google-news']);
    expect(run.stdout).toMatch(
      /\nadvice {2}google-news\/title-length +posts\/long-title\.md {2}"The harbour commission approves the waterfront plan after…": the title is 1\d\d characters, limit 110 — shorten it\n/,
    );
    // Both formats of the feed in one group, each document named where it is too large.
    expect(run.stdout).toMatch(
      /\n\nrss\.xml \(Test News\)\nerror {3}google-news\/feed-size +rss\.xml {2}rss\.xml is /,
    );
    expect(run.stdout).toMatch(/\nerror {3}google-news\/feed-size +atom\.xml {2}atom\.xml is /);
    expect(run.stdout).not.toContain('atom.xml (Test News)');
    expect(run.stdout).toMatch(/\ngoogle-news: 4 errors, 6 advice in 1 feed \(/);
  });
});

describe('check --profile msn (end to end, real CLI)', () => {
  let result: ReturnType<typeof check>;

  beforeAll(async () => {
    const posts = {
      ...stories(3),
      'short-title.md': story(10, { title: 'Budget vote' }),
      'future.md': story(11, { date: daysFromNow(30) }),
      'old.md': story(12, { date: daysFromNow(-400) }),
      'no-image.md': story(13, { image: undefined }),
      'small-image.md': story(14, { image: { src: '/images/small.png', credit: 'Jo Photo' } }),
      'remote-image.md': story(15, {
        image: { src: 'https://images.example.org/harbour.jpg', credit: 'Jo Photo' },
      }),
      'http-embed.md': story(16, {}, '![The chart](http://charts.example.org/votes.png)\n\n'),
      'uncredited.md': story(17, { image: '/images/lead.png' }),
      'fragment.md': story(18, {}, 'See [the notes](#notes) below.\n\n'),
      'french.md': story(19),
    };
    const dir = await site(posts, { 'small.png': png(700, 400) });
    build(dir, ['--future']);
    await relativeFragment(dir);
    // feedwright writes one language per feed; a story marked French after the build breaks it.
    await edit(
      dir,
      'rss.xml',
      inItem('french', (item) =>
        item.replace('<dc:creator>', '<dc:language>fr-CA</dc:language><dc:creator>'),
      ),
    );
    result = check(dir, ['--profile', 'msn']);
  });

  it('breaks each rule once, and says so with exit 1', () => {
    expect(result.run.status, result.run.stderr).toBe(1);
    expect(brief(result.findings)).toEqual(
      [
        'error msn/https posts/http-embed.md',
        'error msn/language posts/french.md',
        'error msn/title-length posts/short-title.md',
        'error msn/future-date posts/future.md',
        'advice msn/item-age posts/old.md',
        'error msn/image posts/no-image.md',
        'error msn/image-size posts/small-image.md',
        'advice msn/image-remote posts/remote-image.md',
        'advice msn/image-credit posts/uncredited.md',
        'error msn/absolute-urls posts/fragment.md',
      ].sort(),
    );
  });

  it('names the measured value and the limit', () => {
    const message = (rule: string) => result.findings.find((f) => f.rule === rule)?.message;
    expect(message('msn/title-length')).toBe(
      'the title is 11 characters, at least 20 wanted — make it more descriptive',
    );
    expect(message('msn/image-size')).toBe(
      'its image images/small.png is 700×400 px, 700 px on its longer side; at least 720 wanted — use a larger image',
    );
    expect(message('msn/https')).toBe(
      '<img src> in its text http://charts.example.org/votes.png is http — serve it over https and link the https:// URL',
    );
    expect(message('msn/language')).toContain('the item is in fr-CA, the feed in en');
  });
});

describe('check --profile flipboard (end to end, real CLI)', () => {
  let result: ReturnType<typeof check>;

  beforeAll(async () => {
    const posts = {
      ...stories(3),
      'short-summary.md': story(10, { summary: 'Council approves the plan.' }),
      'summary-only.md': story(11, { feed: 'summary' }),
      'no-image.md': story(12, { image: undefined }),
      'tiny-image.md': story(13, { image: { src: '/images/tiny.png', credit: 'Jo Photo' } }),
      'medium-image.md': story(14, { image: { src: '/images/medium.png', credit: 'Jo Photo' } }),
      'remote-image.md': story(15, {
        image: { src: 'https://images.example.org/harbour.jpg', credit: 'Jo Photo' },
      }),
      'fragment.md': story(16, {}, 'See [the notes](#notes) below.\n\n'),
    };
    const dir = await site(posts, { 'tiny.png': png(600, 300), 'medium.png': png(900, 450) });
    build(dir);
    await relativeFragment(dir);
    // feedwright always names the feed's language; a channel without one breaks the rule.
    await edit(dir, 'rss.xml', (xml) => xml.replace(/<language>[^<]*<\/language>/, ''));
    result = check(dir, ['--profile', 'flipboard']);
  });

  it('breaks each rule once (a 300 px image is under 500 px too), and says so with exit 1', () => {
    expect(result.run.status, result.run.stderr).toBe(1);
    expect(brief(result.findings)).toEqual(
      [
        'advice flipboard/item-count rss.xml',
        'advice flipboard/language rss.xml',
        'advice flipboard/full-text posts/summary-only.md',
        'advice flipboard/description-length posts/short-summary.md',
        'error flipboard/image posts/no-image.md',
        'error flipboard/image-size posts/tiny-image.md',
        'advice flipboard/enclosure-size posts/tiny-image.md',
        'advice flipboard/enclosure-size posts/medium-image.md',
        'advice flipboard/image-remote posts/remote-image.md',
        'error flipboard/absolute-urls posts/fragment.md',
      ].sort(),
    );
  });

  it('names the measured value and the limit', () => {
    const message = (rule: string, source?: string) =>
      result.findings.find((f) => f.rule === rule && (!source || f.source === source))?.message;
    expect(message('flipboard/description-length')).toBe(
      'its description is 26 characters, at least 300 wanted — write a "summary" of 300 characters or more in its front matter',
    );
    expect(message('flipboard/image-size')).toContain('images/tiny.png is 600×300 px, 300 px');
    expect(message('flipboard/enclosure-size', 'posts/medium-image.md')).toContain(
      '450 px on its shortest side; at least 500 wanted',
    );
    expect(message('flipboard/item-count')).toMatch(
      /^the feed carries 10 items, at least 20 wanted/,
    );
  });
});

describe('check on a clean site (end to end, real CLI)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await site(stories(25), {});
    build(dir);
  });

  it('keeps every rule of all three profiles: no error, no advice, exit 0 even with --strict', () => {
    const { run, findings } = check(dir, ['--profile', 'google-news,msn,flipboard', '--strict']);
    expect(findings).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
  });

  it('says so in text, per profile', () => {
    const run = runCli(dir, ['check', '--profile', 'google-news,msn,flipboard']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('google-news: every rule kept in 1 feed.');
    expect(run.stdout).toContain('msn: every rule kept in 1 feed.');
    expect(run.stdout).toContain('flipboard: every rule kept in 1 feed.');
  });

  it('exits 2 for an unknown profile, listing the known ones; 1 without a build', () => {
    const unknown = runCli(dir, ['check', '--profile', 'apple-news']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('the profiles are: google-news, msn, flipboard');
    const none = runCli(dir, ['check', '--profile', 'msn', '--out', 'nowhere']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('run `feedwright build` first');
  });
});
