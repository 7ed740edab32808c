/**
 * `feedwright diff --previous FILE` on real builds, the real CLI: a site is built, what it
 * published is saved aside as "live" (its manifest and its feeds), its posts change, it is built
 * again, and the report says what readers will see — a new, edited or deleted story, a changed
 * slug (broken, then mended with `id:` and `aliases:`), a changed date. Then a site moves to
 * feedwright from Jekyll and from Hugo, compared with the feeds those tools really wrote for the
 * same posts (tests/fixtures/other-generators, made by its regenerate.sh; neither tool is needed
 * here).
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { SITE } from '../helpers/continuity.js';
import { all, attr, parseHtml, text } from '../helpers/html.js';
import { makeConfig, postText, REPO, runCliAsync, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const FIXTURES = path.join(REPO, 'tests/fixtures/other-generators');

interface Item {
  id: string;
  url: string;
  title: string;
  source?: string;
}

interface Report {
  summary: { new: number; updated: number; removed: number; broken: number };
  feeds: { path: string; title: string; new: Item[]; updated: Item[]; removed: Item[] }[];
  broken: { source: string; field: string; old: string; new: string | null; fix: string }[];
}

const cli = (dir: string, ...args: string[]) => runCliAsync(dir, args);

/** Builds the site in `dir` (its posts in `posts`); a build that fails throws its stderr. */
async function build(dir: string, posts = 'posts'): Promise<void> {
  const run = await cli(dir, 'build', '-q', '--posts', posts);
  if (run.status !== 0) throw new Error(`build exited ${run.status}:\n${run.stderr}`);
}

/** `diff --format json`: the exit code, stderr, and the one document on stdout. */
async function diffJson(dir: string, previous: string, posts = 'posts') {
  const run = await cli(dir, 'diff', '--previous', previous, '--posts', posts, '--format', 'json');
  return { status: run.status, stderr: run.stderr, report: JSON.parse(run.stdout) as Report };
}

const diffText = (dir: string, previous: string, posts = 'posts') =>
  cli(dir, 'diff', '--previous', previous, '--posts', posts);

const writePost = (dir: string, file: string, content: string) =>
  writeFile(path.join(dir, file), content);

const BANK = { title: 'Bank Holds Its Rate', date: '2026-03-01 10:00', categories: ['Economy'] };
const COUNCIL = { title: 'Council Votes on Transit', date: '2026-03-02 14:30' };
const STORM = { title: 'Storm Warning for the Coast', date: '2026-03-03 08:15' };
const COUNCIL_BODY = 'City council voted 9 to 4 for the plan.\n';
const council = (front: Record<string, unknown> = {}, body = COUNCIL_BODY) =>
  postText({ ...COUNCIL, ...front }, body);

const COUNCIL_URL = `${SITE}posts/council-vote/`;
const MOVED_URL = `${SITE}posts/council-votes-transit/`;

/** What the live site published: its manifest and its three site feeds, saved under live/. */
const LIVE = {
  manifest: 'live/.feedwright-manifest.json',
  rss: 'live/rss.xml',
  atom: 'live/atom.xml',
  json: 'live/feed.json',
};

describe.concurrent('feedwright diff between two real builds', () => {
  let base: string;

  beforeAll(async () => {
    base = await makeSite({
      'bank-rate.md': postText(BANK, 'The bank held its key rate at 2.75 per cent.\n'),
      'council-vote.md': council(),
      'storm-warning.md': postText(STORM, 'Environment Canada issued a warning.\n'),
    });
    await build(base);
    await cp(path.join(base, 'dist'), path.join(base, 'live'), { recursive: true });
  });

  /** A copy of the live site to change: its posts, its build and the saved live files. */
  async function live(): Promise<string> {
    const dir = await makeSite({});
    await cp(base, dir, { recursive: true });
    return dir;
  }

  it('the same posts: no change, against the manifest and each of its feeds', async ({
    expect,
  }) => {
    const dir = await live();
    for (const previous of Object.values(LIVE)) {
      expect(await diffText(dir, previous), previous).toEqual({
        status: 0,
        stdout: 'Readers will see no change.\n',
        stderr: '',
      });
    }
  });

  it('a new post: 1 new story in the feeds it is in, exit 0', async ({ expect }) => {
    const dir = await live();
    const front = {
      title: 'City Budget Passes',
      date: '2026-03-04 09:00',
      categories: ['Economy'],
    };
    await writePost(dir, 'posts/budget.md', postText(front, 'The budget passed.\n'));
    await build(dir);
    expect(await diffText(dir, LIVE.manifest)).toEqual({
      status: 0,
      stdout: [
        'Readers will see 1 new story.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- new: City Budget Passes (`posts/budget.md`)',
        '',
        '## Test News — Economy (`categories/economy/rss.xml`)',
        '',
        '- new: City Budget Passes (`posts/budget.md`)',
        '',
      ].join('\n'),
      stderr: '',
    });
    // The site's RSS feed alone: only the site feed is compared.
    const budget = `${SITE}posts/budget/`;
    expect(await diffJson(dir, LIVE.rss)).toEqual({
      status: 0,
      stderr: '',
      report: {
        summary: { new: 1, updated: 0, removed: 0, broken: 0 },
        feeds: [
          {
            path: 'rss.xml',
            title: 'Test News',
            new: [
              { id: budget, url: budget, title: 'City Budget Passes', source: 'posts/budget.md' },
            ],
            updated: [],
            removed: [],
          },
        ],
        broken: [],
      },
    });
  });

  it('an edited post: 1 update against the manifest; a feed shows it once `updated:` says so', async ({
    expect,
  }) => {
    const dir = await live();
    await writePost(dir, 'posts/council-vote.md', council({}, 'City council voted 9 to 5.\n'));
    await build(dir);
    const updated = 'Readers will see 1 update.\n\n## Test News (`rss.xml`)\n\n';
    expect(await diffText(dir, LIVE.manifest)).toEqual({
      status: 0,
      stdout: `${updated}- updated: Council Votes on Transit (\`posts/council-vote.md\`)\n`,
      stderr: '',
    });
    // A feed file has no hash of the post: a new body under the same title and dates is no
    // change that the saved Atom feed can show.
    expect(await diffText(dir, LIVE.atom)).toEqual({
      status: 0,
      stdout: 'Readers will see no change.\n',
      stderr: '',
    });

    // A correction date is: Atom's <updated> and JSON Feed's date_modified move.
    const corrected = council({ updated: '2026-03-02 18:00' }, 'City council voted 9 to 5.\n');
    await writePost(dir, 'posts/council-vote.md', corrected);
    await build(dir);
    for (const previous of [LIVE.atom, LIVE.json]) {
      const { status, stderr, report } = await diffJson(dir, previous);
      expect([status, stderr], previous).toEqual([0, '']);
      expect(report.summary, previous).toEqual({ new: 0, updated: 1, removed: 0, broken: 0 });
      expect(report.feeds[0]?.updated, previous).toEqual([
        {
          id: COUNCIL_URL,
          url: COUNCIL_URL,
          title: 'Council Votes on Transit',
          source: 'posts/council-vote.md',
        },
      ]);
    }
  });

  it('a deleted post: removed, not broken, exit 0', async ({ expect }) => {
    const dir = await live();
    await rm(path.join(dir, 'posts/council-vote.md'));
    await build(dir);
    expect(await diffText(dir, LIVE.manifest)).toEqual({
      status: 0,
      stdout: [
        'Readers will see no new stories or updates. 1 story is no longer published.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- removed: Council Votes on Transit (`posts/council-vote.md`)',
        '',
      ].join('\n'),
      stderr: '',
    });
    // A feed file names no post file: the story is shown by its address.
    expect(await diffText(dir, LIVE.json)).toEqual({
      status: 0,
      stdout: [
        'Readers will see no new stories or updates. 1 story is no longer published.',
        '',
        '## Test News (`rss.xml`)',
        '',
        `- removed: Council Votes on Transit (<${COUNCIL_URL}>)`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('a changed slug: exit 1, naming the post, the old and new id and link, and the fixes', async ({
    expect,
  }) => {
    const dir = await live();
    await writePost(dir, 'posts/council-vote.md', council({ slug: 'council-votes-transit' }));
    await build(dir);
    const run = await diffText(dir, LIVE.manifest);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        'Readers will see 1 update. Continuity is broken: 2 problems to fix before publishing.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- updated: Council Votes on Transit (`posts/council-vote.md`)',
        '',
        '## Broken continuity',
        '',
        `- \`posts/council-vote.md\` — id changed from \`${COUNCIL_URL}\` to \`${MOVED_URL}\`. Fix: pin the old id: add \`id: "${COUNCIL_URL}"\` to its front matter`,
        `- \`posts/council-vote.md\` — link changed from \`${COUNCIL_URL}\` to \`${MOVED_URL}\`. Fix: keep the old address answering: add "/posts/council-vote/" to its \`aliases:\` (\`aliases: ["/posts/council-vote/"]\`)`,
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe(
      [
        `posts/council-vote.md  id  changed from \`${COUNCIL_URL}\` to \`${MOVED_URL}\` — pin the old id: add \`id: "${COUNCIL_URL}"\` to its front matter`,
        `posts/council-vote.md  link  changed from \`${COUNCIL_URL}\` to \`${MOVED_URL}\` — keep the old address answering: add "/posts/council-vote/" to its \`aliases:\` (\`aliases: ["/posts/council-vote/"]\`)`,
        '',
      ].join('\n'),
    );
    // The saved RSS feed knows the story by its guid and link, both gone: it is found by title,
    // and the same two problems are reported.
    const { status, stderr, report } = await diffJson(dir, LIVE.rss);
    expect([status, stderr]).toEqual([1, '']);
    expect(report.summary).toEqual({ new: 0, updated: 0, removed: 0, broken: 2 });
    expect(report.broken).toEqual([
      {
        source: 'posts/council-vote.md',
        field: 'id',
        old: COUNCIL_URL,
        new: MOVED_URL,
        fix: `pin the old id: add \`id: "${COUNCIL_URL}"\` to its front matter`,
      },
      {
        source: 'posts/council-vote.md',
        field: 'link',
        old: COUNCIL_URL,
        new: MOVED_URL,
        fix: 'keep the old address answering: add "/posts/council-vote/" to its `aliases:` (`aliases: ["/posts/council-vote/"]`)',
      },
    ]);
  });

  it('a changed slug with the old id pinned and the old path aliased: exit 0, a redirect page at the old path', async ({
    expect,
  }) => {
    const dir = await live();
    const fixed = {
      slug: 'council-votes-transit',
      id: COUNCIL_URL,
      aliases: ['/posts/council-vote/'],
    };
    await writePost(dir, 'posts/council-vote.md', council(fixed));
    await build(dir);
    expect(await diffText(dir, LIVE.manifest)).toEqual({
      status: 0,
      stdout:
        'Readers will see 1 update.\n\n## Test News (`rss.xml`)\n\n- updated: Council Votes on Transit (`posts/council-vote.md`)\n',
      stderr: '',
    });
    // The RSS feed shows the same guid, title and date: nothing for readers to see.
    expect(await diffText(dir, LIVE.rss)).toEqual({
      status: 0,
      stdout: 'Readers will see no change.\n',
      stderr: '',
    });

    const story = await readFile(
      path.join(dir, 'dist/posts/council-votes-transit/index.html'),
      'utf8',
    );
    expect(story).toContain('City council voted 9 to 4 for the plan.');
    const redirect = parseHtml(
      await readFile(path.join(dir, 'dist/posts/council-vote/index.html'), 'utf8'),
    );
    const canonical = all(redirect, 'link').filter((el) => attr(el, 'rel') === 'canonical');
    expect(canonical.map((el) => attr(el, 'href'))).toEqual([MOVED_URL]);
    const refresh = all(redirect, 'meta').filter((el) => attr(el, 'http-equiv') === 'refresh');
    expect(refresh.map((el) => attr(el, 'content'))).toEqual([`0; url=${MOVED_URL}`]);
    const links = all(redirect, 'a').map((el) => [attr(el, 'href'), text(el)]);
    expect(links).toEqual([[MOVED_URL, 'Council Votes on Transit']]);
  });

  it('a changed date: exit 1, the old and new instant and the date to restore', async ({
    expect,
  }) => {
    const dir = await live();
    await writePost(dir, 'posts/council-vote.md', council({ date: '2026-03-05 09:00' }));
    await build(dir);
    const dateProblem = {
      source: 'posts/council-vote.md',
      field: 'date',
      old: '2026-03-02T19:30:00.000Z',
      new: '2026-03-05T14:00:00.000Z',
      fix: 'restore the date: `date: 2026-03-02T14:30:00-05:00`',
    };
    const run = await diffText(dir, LIVE.manifest);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        'Readers will see 1 update. Continuity is broken: 1 problem to fix before publishing.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- updated: Council Votes on Transit (`posts/council-vote.md`)',
        '',
        '## Broken continuity',
        '',
        '- `posts/council-vote.md` — date changed from `2026-03-02T19:30:00.000Z` to `2026-03-05T14:00:00.000Z`. Fix: restore the date: `date: 2026-03-02T14:30:00-05:00`',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe(
      'posts/council-vote.md  date  changed from `2026-03-02T19:30:00.000Z` to `2026-03-05T14:00:00.000Z` — restore the date: `date: 2026-03-02T14:30:00-05:00`\n',
    );
    // The JSON Feed gave readers the date as an instant: the same problem, the same fix.
    const fromFeed = await diffJson(dir, LIVE.json);
    expect([fromFeed.status, fromFeed.stderr]).toEqual([1, '']);
    expect(fromFeed.report.broken).toEqual([dateProblem]);
  });
});

/**
 * A site built by another tool moves to feedwright: its posts, as they are, are copied from the
 * fixture site into a feedwright site at the same URL (`conventions` keeps the tool's addresses),
 * and diff compares the build with the feed the tool published.
 */
async function movedFrom(tool: 'jekyll' | 'hugo', postsFolder: string): Promise<string> {
  const dir = await makeSite({}, makeConfig({ conventions: tool }));
  await cp(path.join(FIXTURES, tool, 'site', postsFolder), path.join(dir, postsFolder), {
    recursive: true,
  });
  await build(dir, postsFolder);
  return dir;
}

describe.concurrent('feedwright diff against a feed another generator published', () => {
  const JEKYLL_FEED = path.join(FIXTURES, 'jekyll/feed.xml');
  const HUGO_FEED = path.join(FIXTURES, 'hugo/index.xml');

  it('from Jekyll: ids break until migrate pins them; then it holds, and a moved date breaks it', async ({
    expect,
  }) => {
    const dir = await movedFrom('jekyll', '_posts');
    const posts = '_posts';
    const COUNCIL_POST = '_posts/2026-03-02-council-votes.md';
    const stories: [source: string, sitePath: string][] = [
      ['_posts/2026-03-01-bank-holds-rate.md', 'economy/2026/03/01/bank-holds-rate'],
      [COUNCIL_POST, '2026/03/02/council-votes'],
      ['_posts/2026-03-03-harbour-reopens.md', '2026/03/03/harbour-reopens'],
    ];

    // feedwright keeps Jekyll's addresses and dates, but jekyll-feed's Atom <id> is the post's
    // URL without `.html` (its `post.id`), while feedwright's id is the item URL. Readers key
    // items by id, so by diff's rule (src/continuity/broken.ts: any id change is broken) each
    // story would come back as new: three `id` problems — and no `link` or `date` one.
    const before = await diffJson(dir, JEKYLL_FEED, posts);
    expect([before.status, before.stderr]).toEqual([1, '']);
    expect(before.report.summary).toEqual({ new: 0, updated: 1, removed: 0, broken: 3 });
    expect(before.report.broken).toEqual(
      stories.map(([source, at]) => ({
        source,
        field: 'id',
        old: `${SITE}${at}`,
        new: `${SITE}${at}.html`,
        fix: `pin the old id: add \`id: "${SITE}${at}"\` to its front matter`,
      })),
    );

    // `migrate` pins the three old ids, the one line each needs; the addresses already match.
    const migrate = await cli(dir, 'migrate', '--posts', posts, '--from', JEKYLL_FEED);
    expect(migrate).toEqual({
      status: 0,
      stdout: [
        'Pinned what readers know 3 posts by:',
        ...stories.map(([source, at]) => `  ${source}: id "${SITE}${at}"`),
        '',
        'Build again, then check with: feedwright diff --previous FEED',
        '',
      ].join('\n'),
      stderr: '',
    });
    const pinned = await readFile(path.join(dir, COUNCIL_POST), 'utf8');
    expect(pinned).toContain(
      `date: 2026-03-02 14:30:00 -0500\nid: "${SITE}2026/03/02/council-votes"\n---\n`,
    );
    await build(dir, posts);

    // Continuity holds. The one update is real: jekyll-feed "smartified" the title readers saw
    // (Sunday’s, a typographic apostrophe) and feedwright publishes it as written (Sunday's).
    // The "&", escaped twice in jekyll-feed's type="html" title, reads back as the same title.
    const harbour =
      "- updated: Harbour Reopens After Sunday's Storm (`_posts/2026-03-03-harbour-reopens.md`)";
    expect(await diffText(dir, JEKYLL_FEED, posts)).toEqual({
      status: 0,
      stdout: ['Readers will see 1 update.', '', '## Test News (`rss.xml`)', '', harbour, ''].join(
        '\n',
      ),
      stderr: '',
    });

    // A moved date moves a Jekyll address too (its permalink holds the date): two problems.
    const moved = pinned.replace('date: 2026-03-02 14:30:00', 'date: 2026-03-04 14:30:00');
    await writeFile(path.join(dir, COUNCIL_POST), moved);
    await build(dir, posts);
    const linkProblem = `link changed from \`${SITE}2026/03/02/council-votes.html\` to \`${SITE}2026/03/04/council-votes.html\``;
    const linkFix =
      'keep the old address answering: add "/2026/03/02/council-votes.html" to its `aliases:` (`aliases: ["/2026/03/02/council-votes.html"]`)';
    const dateProblem =
      'date changed from `2026-03-02T19:30:00.000Z` to `2026-03-04T19:30:00.000Z`';
    const dateFix = 'restore the date: `date: 2026-03-02T14:30:00-05:00`';
    expect(await diffText(dir, JEKYLL_FEED, posts)).toEqual({
      status: 1,
      stdout: [
        'Readers will see 2 updates. Continuity is broken: 2 problems to fix before publishing.',
        '',
        '## Test News (`rss.xml`)',
        '',
        `- updated: Council Votes on Transit \\& Housing (\`${COUNCIL_POST}\`)`,
        harbour,
        '',
        '## Broken continuity',
        '',
        `- \`${COUNCIL_POST}\` — ${linkProblem}. Fix: ${linkFix}`,
        `- \`${COUNCIL_POST}\` — ${dateProblem}. Fix: ${dateFix}`,
        '',
      ].join('\n'),
      stderr: [
        `${COUNCIL_POST}  link  ${linkProblem.slice('link '.length)} — ${linkFix}`,
        `${COUNCIL_POST}  date  ${dateProblem.slice('date '.length)} — ${dateFix}`,
        '',
      ].join('\n'),
    });
  });

  it('from Hugo: the same guids, links and dates, so continuity holds; a changed slug breaks it', async ({
    expect,
  }) => {
    const dir = await movedFrom('hugo', 'content');
    const posts = 'content';
    // Hugo's guid is the page URL, which feedwright's id is too: nothing to pin.
    expect(await diffText(dir, HUGO_FEED, posts)).toEqual({
      status: 0,
      stdout: 'Readers will see no change.\n',
      stderr: '',
    });

    const file = path.join(dir, 'content/posts/council-votes.md');
    const toml = await readFile(file, 'utf8');
    await writeFile(
      file,
      toml.replace('draft = false\n', 'draft = false\nslug = "council-vote"\n'),
    );
    await build(dir, posts);
    const old = `${SITE}posts/council-votes/`;
    const moved = `${SITE}posts/council-vote/`;
    const { status, stderr, report } = await diffJson(dir, HUGO_FEED, posts);
    expect([status, stderr]).toEqual([1, '']);
    expect(report.summary).toEqual({ new: 0, updated: 0, removed: 0, broken: 2 });
    expect(report.broken).toEqual([
      {
        source: 'content/posts/council-votes.md',
        field: 'id',
        old,
        new: moved,
        fix: `pin the old id: add \`id: "${old}"\` to its front matter`,
      },
      {
        source: 'content/posts/council-votes.md',
        field: 'link',
        old,
        new: moved,
        fix: 'keep the old address answering: add "/posts/council-votes/" to its `aliases:` (`aliases: ["/posts/council-votes/"]`)',
      },
    ]);
  });
});
