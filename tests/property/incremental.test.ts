/**
 * Property: whatever a publisher does between two builds (to the posts, the config, the public
 * folder's files, a file of the output by hand, or just waiting), the build that works from its cache (reading, rendering and
 * writing only what it finds changed) leaves the output a build without any cache leaves, started
 * from the same last output — byte for byte — or fails as that build fails, leaving the output
 * as it was. Random sequences of edits, each followed by both builds, on a small site whose
 * feeds, archives and listing pages all spill onto several pages. The builds run in this process,
 * through the compiled library, one or two threads at random: what a long-lived process (`serve`)
 * keeps between builds is under test too. Half the sites are git repositories, whose posts are
 * now and then committed, staged, or checked out afresh (every file written anew by git): the
 * build from the cache then asks git which files are unchanged, from one file on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  rm,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as BuildModule from '../../src/build.js';
import { MANIFEST_FILE } from '../../src/manifest.js';
import { png } from '../helpers/png.js';
import { hashTree, makeConfig, makeSite, postText, REPO } from '../helpers/site.js';

/** `npm test` runs a few sequences; `npm run fuzz` sets FEEDWRIGHT_FUZZ_RUNS=100000 (capped). */
const RUNS = Math.min(Number(process.env.FEEDWRIGHT_FUZZ_RUNS ?? 12), 2000);
const TIMEOUT = 60_000 + RUNS * 4_000;

const { build } = (await import(path.join(REPO, 'lib/build.js'))) as typeof BuildModule;

const SLUGS = ['budget', 'bridge', 'council', 'election', 'flood', 'hockey', 'museum', 'transit'];
const CATEGORIES = ['Politics', 'Economy', 'Local', 'Sports'];
/**
 * A newsroom's many sections, more than the navigation lists (ten): which ten it lists, and so
 * what every page shows, moves as stories come and go in the others (see `risingStories`).
 */
const MANY_CATEGORIES = [
  ...CATEGORIES,
  ...['World', 'Culture', 'Health', 'Science', 'Opinion', 'Arts', 'Climate', 'Weather', 'Food'],
];
const TAGS = ['Montreal', 'Transit', 'Q&A', 'Budget 2026'];
const AUTHORS = ['Marc Tremblay', 'Aisha Mohammed', 'Liam O’Connor'];
const BODIES = [
  'First paragraph.\n\nSecond paragraph with [a link](../other/).\n',
  'A shorter body.\n',
  '## A heading\n\nText with **bold** and an ![image](/img/a.jpg).\n',
  'First paragraph.\n\nSecond paragraph, corrected.\n',
];

interface Story {
  title: string;
  /** Days after the site's first day, and the hour. */
  day: number;
  hour: number;
  categories: string[];
  /** Its sections on a site of many (see `MANY_CATEGORIES`). */
  sections: string[];
  tags: string[];
  author?: string;
  summary?: string;
  body: number;
  draft?: boolean;
  /** The slug written in the front matter, if any (else the file name's). */
  slug?: string;
  /** Days after its date that it was corrected (`updated`). */
  updated?: number;
  /** Days after its date that it leaves the feeds (`expires`). */
  expires?: number;
  /** `feed: summary`: feeds carry its summary and link only. */
  excerpt?: boolean;
  image?: string;
  /** On a bilingual site: French, and the key linking a story to its other language's. */
  french?: boolean;
  translationKey?: string;
  /** Days after its date that a correction was noted. */
  correction?: number;
  /** An id of its own (`id`), an old address (`aliases`), a story that lives elsewhere (`link`). */
  id?: string;
  alias?: string;
  link?: string;
}

/** What the test knows of the posts folder: file name (without `.md`) → story. */
type Posts = Map<string, Story>;

/** Left out half the time, as a post may leave out an optional field. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Given one time in ten. */
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const story: fc.Arbitrary<Story> = fc.record({
  title: fc.constantFrom('Budget passes', 'Bridge closes', 'Vote tonight', 'Q&A: <the> rink'),
  day: fc.integer({ min: 0, max: 400 }),
  hour: fc.integer({ min: 0, max: 23 }),
  categories: fc.subarray(CATEGORIES, { maxLength: 2 }),
  sections: fc.subarray(MANY_CATEGORIES, { minLength: 2, maxLength: 8 }),
  tags: fc.subarray(TAGS, { maxLength: 2 }),
  author: sometimes(fc.constantFrom(...AUTHORS)),
  summary: sometimes(fc.constantFrom('A summary.', 'Another summary, longer than the first.')),
  body: fc.integer({ min: 0, max: BODIES.length - 1 }),
  // Rare: a draft, and a slug of its own (two posts of one slug are an error).
  draft: rarely(fc.constant(true as const)),
  slug: rarely(fc.constantFrom(...SLUGS)),
  updated: rarely(fc.integer({ min: 1, max: 30 })),
  expires: rarely(fc.integer({ min: 1, max: 90 })),
  excerpt: rarely(fc.constant(true as const)),
  // Elsewhere, or in the site's public folder, whose file a step may change.
  image: rarely(fc.constantFrom('https://cdn.example.org/a.jpg', '/img/lead.png')),
  french: sometimes(fc.constant(true as const)),
  translationKey: sometimes(fc.constantFrom('budget-story', 'flood-story')),
  correction: rarely(fc.integer({ min: 1, max: 10 })),
  id: rarely(fc.integer({ min: 1, max: 9 }).map((n) => `tag:news.example.com,2025:story-${n}`)),
  alias: rarely(fc.constantFrom(...SLUGS).map((slug) => `/old/${slug}/`)),
  link: rarely(fc.constantFrom('https://elsewhere.example/a-story', 'https://elsewhere.example/b')),
});

/** One thing a publisher does between builds; `pick` chooses among the posts there are. */
type Step =
  | { kind: 'add'; name: string; story: Story }
  | { kind: 'rise'; name: string; story: Story }
  | { kind: 'edit'; pick: number; change: Partial<Story> }
  | { kind: 'remove'; pick: number }
  | { kind: 'rename'; pick: number; name: string }
  | { kind: 'touch'; pick: number }
  | { kind: 'time'; days: number }
  | { kind: 'config'; change: Record<string, unknown> }
  | { kind: 'image'; width: number }
  | { kind: 'git'; action: 'commit' | 'stage' | 'checkout'; edit?: Partial<Story>; pick: number }
  | { kind: 'output'; pick: number; remove: boolean };

// Mostly new names; now and then one in a folder, whose slug another post may have already.
const name = fc
  .tuple(fc.constantFrom(...SLUGS), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 9 }))
  .map(([slug, n, folder]) => (folder === 0 ? `2026/${slug}-${n}` : `${slug}-${n}`));
const pick = fc.nat();
const change: fc.Arbitrary<Partial<Story>> = fc.oneof(
  story.map(({ title }) => ({ title })),
  story.map(({ body }) => ({ body })),
  story.map(({ day, hour }) => ({ day, hour })),
  story.map(({ categories, sections }) => ({ categories, sections })),
  story.map(({ tags }) => ({ tags })),
  fc.constantFrom({ author: undefined }, { author: AUTHORS[1] }),
  fc.constantFrom({ summary: undefined }, { summary: 'A summary, rewritten.' }),
  fc.constantFrom({ draft: undefined }, { draft: true }),
  fc.constantFrom({ slug: undefined }, { slug: 'pinned-slug' }),
  story.map(({ updated, expires }) => ({ updated, expires })),
  story.map(({ excerpt, image }) => ({ excerpt, image })),
  story.map(({ french, translationKey }) => ({ french, translationKey })),
  story.map(({ correction }) => ({ correction })),
  story.map(({ id, alias, link }) => ({ id, alias, link })),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), name, story }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rise' as const), name, story }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick, change }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), pick, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('touch' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('time' as const),
      days: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 2,
    // A post edited first, half the time: committed and checked out with the rest, the build
    // finds it as CI does a commit that changed it (a new blob, and a file git finds unmodified).
    arbitrary: fc.record({
      kind: fc.constant('git' as const),
      action: fc.constantFrom('commit' as const, 'stage' as const, 'checkout' as const),
      edit: sometimes(change),
      pick,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('output' as const), pick, remove: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('image' as const),
      width: fc.integer({ min: 8, max: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('config' as const),
      change: fc.constantFrom<Record<string, unknown>>(
        { limit: 4 },
        { limit: 3 },
        { tagFeeds: false },
        { tagFeeds: true },
        { archiveContent: 'full' },
        { permalink: '/:year/:slug/' },
      ),
    }),
  },
);

/** The lead image in the site's public folder that posts may show (`/img/lead.png`). */
const LEAD_IMAGE = 'public/img/lead.png';

const FIRST_DAY = Date.UTC(2025, 8, 1);
const DAY = 86_400_000;
/** Days after the site's first day that a sequence's first build runs: later stories are scheduled. */
const FIRST_BUILD_DAY = 200;

/** A date `days` after the site's first day, at `hour`, as a post writes it (the site's zone). */
function dateText(days: number, hour = 0): string {
  return new Date(FIRST_DAY + days * DAY + hour * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

/** A post file of `s`; on a bilingual site, in French when it says so, with its translation key. */
function fileTextOf(s: Story, bilingual: boolean, many: boolean): string {
  const front: Record<string, unknown> = {
    ...(bilingual && s.french ? { language: 'fr' } : {}),
    ...(bilingual && s.translationKey ? { translationKey: s.translationKey } : {}),
    title: s.title,
    date: dateText(s.day, s.hour),
    ...(s.updated ? { updated: dateText(s.day + s.updated, s.hour) } : {}),
    ...(s.expires ? { expires: dateText(s.day + s.expires, s.hour) } : {}),
    ...(s.excerpt ? { feed: 'summary' } : {}),
    ...(s.image ? { image: s.image } : {}),
    ...(s.correction
      ? { corrections: [{ date: dateText(s.day + s.correction), text: 'A name was misspelled.' }] }
      : {}),
    ...(s.id ? { id: s.id } : {}),
    ...(s.alias ? { aliases: [s.alias] } : {}),
    ...(s.link ? { link: s.link } : {}),
    categories: many ? s.sections : s.categories,
    tags: s.tags,
    ...(s.author ? { author: s.author } : {}),
    ...(s.summary ? { summary: s.summary } : {}),
    ...(s.draft ? { draft: true } : {}),
    ...(s.slug ? { slug: s.slug } : {}),
  };
  return postText(front, BODIES[s.body]);
}

/** What a build left: the output's files by digest, or the codes of the errors it stopped on. */
type Outcome = { files: Record<string, string> } | { failed: string[] };

async function outcomeOf(run: () => Promise<unknown>, out: string): Promise<Outcome> {
  const before = await hashTree(out).catch(() => ({}));
  try {
    await run();
    return { files: await hashTree(out) };
  } catch (error) {
    const diagnostics = (error as { diagnostics?: { severity: string; code: string }[] })
      .diagnostics;
    if (!diagnostics) throw error;
    // A failed build leaves the output as it was.
    expect(await hashTree(out).catch(() => ({}))).toEqual(before);
    return { failed: diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) };
  }
}

/** A copy of the output folder `from` (if there is one) at `to`, mtimes and all; `to`. */
async function kept(from: string, to: string): Promise<string> {
  await cp(from, to, { recursive: true, preserveTimestamps: true }).catch(() => undefined);
  return to;
}

/** Applies `step` to the posts folder under `dir` and to `posts`; the time it moves on, in days. */
async function apply(
  dir: string,
  posts: Posts,
  s: Step,
  fileText: (s: Story) => string,
): Promise<number> {
  const names = [...posts.keys()].sort();
  const file = (at: string) => path.join(dir, 'posts', `${at}.md`);
  if (s.kind === 'time') return s.days;
  if (s.kind === 'git') {
    if (s.edit) await apply(dir, posts, { kind: 'edit', pick: s.pick, change: s.edit }, fileText);
    await gitStep(dir, s.action, names.map(file));
    return 0;
  }
  if (s.kind === 'image') {
    await writeFile(path.join(dir, LEAD_IMAGE), png(s.width, 16));
    return 0;
  }
  if (s.kind === 'output') {
    await byHand(path.join(dir, 'dist'), s.pick, s.remove);
    return 0;
  }
  if (s.kind === 'config') {
    const at = path.join(dir, 'feedwright.config.json');
    const config = JSON.parse(await readFile(at, 'utf8'));
    await writeFile(at, JSON.stringify({ ...config, ...s.change }, null, 2));
    return 0;
  }
  if (s.kind === 'add') {
    if (posts.has(s.name)) return 0;
    posts.set(s.name, s.story);
    await mkdir(path.dirname(file(s.name)), { recursive: true });
    await writeFile(file(s.name), fileText(s.story));
    return 0;
  }
  if (s.kind === 'rise') {
    for (const [at, story] of risingStories(posts, names, s))
      await apply(dir, posts, { kind: 'add', name: at, story }, fileText);
    return 0;
  }
  const at = names[s.pick % Math.max(1, names.length)];
  const old = at === undefined ? undefined : posts.get(at);
  if (at === undefined || !old) return 0;
  if (s.kind === 'edit') {
    const edited = { ...old, ...s.change };
    posts.set(at, edited);
    await writeFile(file(at), fileText(edited));
  } else if (s.kind === 'remove') {
    posts.delete(at);
    await rm(file(at));
  } else if (s.kind === 'rename') {
    if (posts.has(s.name)) return 0;
    posts.delete(at);
    posts.set(s.name, old);
    await mkdir(path.dirname(file(s.name)), { recursive: true });
    await rename(file(at), file(s.name));
  } else {
    // The same bytes, a new mtime (a checkout, a save without a change).
    const text = await readFile(file(at));
    await writeFile(file(at), text);
    const later = new Date(Date.now() + 5_000);
    await utimes(file(at), later, later);
  }
  return 0;
}

/**
 * Two stories in the section the site's stories use least (of those they use at all), written
 * like one already there (its byline, no tags, no language version of another): on a site of
 * more sections than the navigation lists, the section can come into it, which changes every page
 * while the stories' items, and the groups and contexts they are made in, stay as they were.
 */
function risingStories(
  posts: Posts,
  names: readonly string[],
  s: { name: string; story: Story },
): [string, Story][] {
  // Of the stories surely published (dated before the first build, in no draft, never expiring),
  // in the order of their names.
  const shown = names
    .map((at) => posts.get(at) as Story)
    .filter((story) => story.day < FIRST_BUILD_DAY && !story.draft && !story.expires);
  const uses = new Map<string, number>();
  for (const story of shown)
    for (const section of story.sections) uses.set(section, (uses.get(section) ?? 0) + 1);
  const [least] = [...uses].sort(([a, m], [b, n]) => m - n || a.localeCompare(b));
  const like = shown[0];
  if (!least || !like) return [];
  const { title, day, hour, body } = s.story;
  const story: Story = {
    title,
    // Published: dated before the sequence's first build.
    day: day % FIRST_BUILD_DAY,
    hour,
    body,
    categories: like.categories,
    sections: [least[0]],
    tags: [],
    ...(like.author ? { author: like.author } : {}),
    ...(like.french ? { french: true } : {}),
  };
  return [
    [s.name, story],
    [`${s.name}-more`, { ...story, hour: (hour + 1) % 24 }],
  ];
}

/** One file of the output (not its manifest) edited or deleted by hand, if there is one. */
async function byHand(out: string, pick: number, remove: boolean): Promise<void> {
  const files = Object.keys(await hashTree(out).catch(() => ({})))
    .filter((file) => file !== MANIFEST_FILE)
    .sort();
  const file = files[pick % Math.max(1, files.length)];
  if (file === undefined) return;
  if (remove) await rm(path.join(out, file));
  else await appendFile(path.join(out, file), '\n<!-- edited by hand -->\n');
}

/** The folders a git site commits: the posts, and the public folder's lead image. */
const TRACKED = ['posts', 'public'];

/**
 * Commits the posts and public files, stages them, or checks them out afresh: every file written
 * anew from the last commit (what is not committed is committed first), with git's index recording
 * each. Outside a git repository, a checkout writes each file anew with the same bytes, and the
 * rest does nothing.
 */
async function gitStep(dir: string, action: 'commit' | 'stage' | 'checkout', files: string[]) {
  const inGit = existsSync(path.join(dir, '.git'));
  if (inGit && action === 'stage') git(dir, 'add', '-A', ...TRACKED);
  if (inGit && action !== 'stage') commit(dir);
  if (action !== 'checkout') return;
  if (inGit) {
    for (const folder of TRACKED)
      await rm(path.join(dir, folder), { recursive: true, force: true });
    git(dir, 'checkout', '-q', '--', ...TRACKED);
  } else {
    for (const at of [...files, path.join(dir, LEAD_IMAGE)])
      await writeFile(at, await readFile(at));
  }
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

/** Commits the posts and public folders as they are (nothing to commit is no failure). */
function commit(dir: string): void {
  git(dir, 'add', '-A', ...TRACKED);
  const who = ['-c', 'user.name=t', '-c', 'user.email=t@example.com'];
  git(dir, ...who, 'commit', '-q', '--allow-empty', '-m', 'posts');
}

/**
 * The site a sequence starts from: the posts `start` names (the first of each name), its public
 * folder's lead image, and a config of small feeds, archives and listing pages, in English or, on
 * a bilingual site, in English and French.
 */
async function siteOf(
  start: { name: string; story: Story }[],
  { bilingual, inGit, many }: { bilingual: boolean; inGit: boolean; many: boolean },
) {
  const fileText = (s: Story) => fileTextOf(s, bilingual, many);
  const posts: Posts = new Map();
  const files: Record<string, string> = {};
  for (const { name: at, story: s } of start) {
    if (posts.has(at)) continue;
    posts.set(at, s);
    files[`${at}.md`] = fileText(s);
  }
  const { language: _, ...base } = makeConfig({ limit: 3, archiveSize: 2, tagFeeds: true });
  const french = { fr: { title: 'Nouvelles Test', description: 'Les nouvelles.' } };
  const config = bilingual
    ? { ...base, languages: ['en', 'fr'], text: french }
    : { ...base, language: 'en' };
  const dir = await makeSite(files, config);
  await mkdir(path.join(dir, 'public/img'), { recursive: true });
  await writeFile(path.join(dir, LEAD_IMAGE), png(32, 16));
  if (inGit) {
    git(dir, 'init', '-q');
    commit(dir);
  }
  return { dir, posts, fileText };
}

describe('property: a build from the cache writes what a build without it writes', () => {
  it(
    'after any sequence of posts added (two at once to the section used least, now and then), edited, removed, renamed, touched, committed or checked out, output files edited or deleted by hand, time passing, the config and a lead image changed, on sites of a few sections or more than the navigation lists',
    async () => {
      const tally = { steps: 0, built: 0, unread: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ name, story }), { minLength: 3, maxLength: 8 }),
          fc.array(fc.record({ step, threads: fc.constantFrom(1, 2) }), {
            minLength: 1,
            maxLength: 6,
          }),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          async (start, steps, bilingual, inGit, many) => {
            const { dir, posts, fileText } = await siteOf(start, { bilingual, inGit, many });
            const scratch = await mkdtemp(path.join(tmpdir(), 'feedwright-prop-'));
            try {
              let now = new Date(FIRST_DAY + FIRST_BUILD_DAY * DAY);
              await outcomeOf(() => build({ cwd: dir, now, threads: 1 }), path.join(dir, 'dist'));
              // A git site's sequence ends checked out afresh, as CI finds it.
              const checkout = {
                step: { kind: 'git', action: 'checkout', pick: 0 } as Step,
                threads: 2,
              };
              for (const [n, { step: s, threads }] of [
                ...steps,
                ...(inGit ? [checkout] : []),
              ].entries()) {
                const last = await kept(path.join(dir, 'dist'), path.join(scratch, `last-${n}`));
                now = new Date(now.getTime() + (await apply(dir, posts, s, fileText)) * DAY);
                // Git asked from one file with a new mtime on: small sites take that path too.
                const options = { cwd: dir, now, threads, git: 1 };
                let parsed: number | undefined;
                const cached = await outcomeOf(
                  async () => {
                    parsed = (await build(options)).stats.parsed;
                  },
                  path.join(dir, 'dist'),
                );
                // Files git found unchanged were not read.
                if (inGit && s.kind === 'git' && s.action === 'checkout' && parsed !== undefined)
                  tally.unread += posts.size - parsed;
                // The build without a cache, from the same last output.
                const fresh = await kept(last, path.join(scratch, `fresh-${n}`));
                const uncached = await outcomeOf(
                  () => build({ ...options, cacheDir: false, outDir: fresh }),
                  fresh,
                );
                expect(cached).toEqual(uncached);
                tally.steps++;
                if ('files' in cached) tally.built++;
              }
            } finally {
              await Promise.all([dir, scratch].map((d) => rm(d, { recursive: true, force: true })));
            }
          },
        ),
        { numRuns: RUNS },
      );
      // Most steps build (a slug two posts share, say, fails both builds): the bytes are compared.
      expect(tally.built).toBeGreaterThan(tally.steps / 2);
      // Git vouched for files after checkouts: the path under test was taken.
      expect(tally.unread).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});
