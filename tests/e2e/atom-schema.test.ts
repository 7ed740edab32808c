/**
 * Every Atom document a real build writes — the site's and each category's, author's and tag's
 * subscription feed, and every RFC 5005 archive document — is valid against the RELAX NG schema of
 * RFC 4287 (Appendix B), checked by a validator we did not write: libxml2's `xmllint`.
 *
 * The schema is tests/fixtures/atom/atom.rnc (the RFC's text) converted once by trang to
 * atom.rng, so this test needs no Java; xmllint comes from Debian's libxml2-utils (.ci/run
 * installs it). Without it the test fails, it does not skip.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { png } from '../helpers/png.js';
import { makeConfig, postText, REPO, runCliAsync, siteMaker } from '../helpers/site.js';

const SCHEMA = path.join(REPO, 'tests/fixtures/atom/atom.rng');
const ATOM = 'http://www.w3.org/2005/Atom';
const makeSite = siteMaker();

const POSTS = 96;
const ARCHIVE_SIZE = 8;
const CATEGORIES = ['Politics', 'Economy', 'Culture & Arts'];
const MARKUP = `<b>&amp; "quotes" 'apos' & <script>alert(1)</script> ]]> ]]>`;
const SITE_AUTHOR = 'https://ann.example.com/?x=1&y=2';
const UNICODE = 'Emoji 👩🏽‍💻 RTL مرحبا combining é, NBSP\u00a0here';

/** Runs xmllint; a machine without it fails here with what to install. */
function xmllint(args: string[], cwd: string) {
  const run = spawnSync('xmllint', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error(
      'xmllint is not installed: this test validates every Atom document with libxml2. Install ' +
        'it with `apt-get install --no-install-recommends libxml2-utils` (Debian/Ubuntu; .ci/run ' +
        'does this) or `brew install libxml2` (macOS).',
    );
  if (run.error) throw run.error;
  return run;
}

/** Validates `files` (relative to `cwd`) against the RFC 4287 schema: which passed, and the log. */
function validate(files: string[], cwd: string) {
  const run = xmllint(['--noout', '--relaxng', SCHEMA, ...files], cwd);
  const valid = run.stderr
    .split('\n')
    .flatMap((line) => (line.endsWith(' validates') ? [line.slice(0, -' validates'.length)] : []));
  return { status: run.status, valid, log: run.stderr };
}

/** The log cut to its first lines, for an assertion message. */
const head = (log: string) => log.split('\n').slice(0, 80).join('\n');

/** The namespace and local name of a document's root element, read by a strict XML parser. */
function rootOf(xml: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let root = '';
  parser.on('opentag', (tag) => {
    root ||= `{${tag.uri}}${tag.local}`;
  });
  parser.write(xml).close();
  return root;
}

/** Every `.xml` file the build wrote under `dist`, relative to it (the manifest's folder aside). */
async function xmlFiles(dist: string): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true });
  return entries
    .map((entry) => entry.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.xml') && !file.split('/').some((p) => p.startsWith('.')))
    .sort();
}

/** Post `i` of the English site: every kind of value an Atom entry can carry, in turn. */
function post(i: number): string {
  const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const front: Record<string, unknown> = {
    title: i % 6 === 0 ? `Story ${i}: ${MARKUP}` : `Story ${i} — ${UNICODE}`,
    date: `${day} 09:${String(i % 60).padStart(2, '0')}`,
    categories: [CATEGORIES[i % CATEGORIES.length], ...(i % 10 === 0 ? ['Local'] : [])],
  };
  if (i % 2 === 1) front.summary = i % 4 === 1 ? `Summary ${i}: ${MARKUP}` : `Summary: ${UNICODE}`;
  if (i % 3 === 0) front.tags = ['Budget & Tax', '<tag>', `Tag ${UNICODE}`];
  if (i % 7 === 0) front.tags = ['Ottawa'];
  if (i % 5 === 0) front.author = 'jdoe';
  if (i % 5 === 1) front.authors = ['jdoe', `Sam <Roe> & "Partners"`];
  if (i % 5 === 2) front.author = { name: 'Ann Lee', email: 'ann@example.com', url: SITE_AUTHOR };
  if (i % 4 === 0)
    front.image = {
      src: '/images/lead.png',
      alt: `Alt ${MARKUP}`,
      caption: `Caption ${UNICODE}`,
      credit: 'Jane Doe / CRBC & "Wire"',
    };
  if (i % 11 === 0) front.image = 'https://cdn.example.com/photo.jpg?w=1200&h=675';
  if (i % 8 === 3) front.updated = `${day} 18:00`;
  if (i % 12 === 5)
    front.corrections = [{ date: `${day} 12:00`, text: `An earlier version said ${MARKUP}.` }];
  if (i % 13 === 4) front.feed = 'summary';
  if (i === 17) front.link = 'https://elsewhere.example/story?a=1&b=<2>';
  if (i === 19) front.id = 'tag:news.example.com,2024:story-19';
  if (i === 23) front.expires = '2024-02-01';
  return postText(front, body(i));
}

/** A body with markup, entities, raw HTML, code, footnotes, relative links and images. */
function body(i: number): string {
  return [
    `Lead of story ${i}: **bold** & _em_ <em>raw em</em> "quotes" 'apos' ]]> ${UNICODE}.`,
    i % 9 === 0 ? 'Control\u0007 character and a backspace\u0008.' : 'Plain second paragraph.',
    '<!--more-->',
    `<div class="box" data-x="a&b">Raw <span style="color:red">HTML</span> ]]> & &nbsp; &copy; &#x1F600;</div>`,
    '```html\n<script>alert("x")</script> & ]]>\n```',
    'A [relative link](/about/) and an image: ![Alt & <text>](/images/lead.png "Title & more")',
    `A footnote.[^1]\n\n[^1]: The note ${MARKUP}.`,
    '| a | b |\n|---|---|\n| <x> | & |',
  ].join('\n\n');
}

/** French posts, in one section, enough for that language's feeds to have archives too. */
function frenchPost(i: number): string {
  const day = new Date(Date.UTC(2024, 5, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return postText(
    {
      title: `Nouvelle ${i} « guillemets » & <balise>`,
      date: `${day} 10:00`,
      language: 'fr',
      categories: ['Politique'],
      tags: ['Québec'],
    },
    `Texte d’ouverture ${i} : l’été & <i>l’hiver</i> ]]>.\n`,
  );
}

interface Built {
  dist: string;
  atom: string[];
  all: string[];
}

/** Builds a site with the real CLI and finds its Atom documents by their root element. */
async function build(config: ReturnType<typeof makeConfig>, french: boolean): Promise<Built> {
  const posts: Record<string, string> = {};
  for (let i = 0; i < POSTS; i++) posts[`${2024 + Math.floor(i / 60)}/story-${i}.md`] = post(i);
  if (french) for (let i = 0; i < 20; i++) posts[`fr/nouvelle-${i}.md`] = frenchPost(i);
  const dir = await makeSite(posts, config);
  await mkdir(path.join(dir, 'public/images'), { recursive: true });
  await writeFile(path.join(dir, 'public/images/lead.png'), png(1200, 675));
  await writeFile(path.join(dir, 'public/icon.png'), png(64, 64));
  await writeFile(path.join(dir, 'public/logo.png'), png(400, 200));
  const run = await runCliAsync(dir, ['build', '--threads', '2']);
  expect(run.status, run.stderr).toBe(0);
  const dist = path.join(dir, 'dist');
  const all = await xmlFiles(dist);
  const atom: string[] = [];
  for (const file of all)
    if (rootOf(await readFile(path.join(dist, file), 'utf8')) === `{${ATOM}}feed`) atom.push(file);
  return { dist, atom, all };
}

const common = {
  copyright: `© 2024 Test & <News> "Ltd"`,
  icon: '/icon.png',
  logo: '/logo.png',
  hubs: ['https://hub.example.com/?a=1&b=2', 'https://websub.example.org/'],
  authors: {
    jdoe: {
      name: 'Jane "JD" Doe & Co',
      email: 'jane@example.com',
      url: 'https://jane.example.com/?a=1&b=2',
      bio: `Bio ${MARKUP}`,
    },
  },
  limit: 5,
  archiveSize: ARCHIVE_SIZE,
};

/** Two sites: bilingual with summary archives; one language, full-text archives, a byte budget. */
const SITES = {
  bilingual: () => {
    const { language: _language, ...config } = makeConfig({
      ...common,
      title: `Test & <News> ${UNICODE}`,
      description: `News ${MARKUP}`,
    });
    return build({ ...config, languages: ['en-CA', 'fr-CA'] }, true);
  },
  full: () =>
    build(
      makeConfig({ ...common, archiveContent: 'full', maxFeedBytes: 10_000, tagFeeds: false }),
      false,
    ),
};

describe('every Atom document a build writes is valid against the RFC 4287 RELAX NG schema', () => {
  const sites: Partial<Record<keyof typeof SITES, Built>> = {};

  beforeAll(async () => {
    const [bilingual, full] = await Promise.all([SITES.bilingual(), SITES.full()]);
    sites.bilingual = bilingual;
    sites.full = full;
  });

  it('has xmllint, and the schema turns away a document that breaks it', async () => {
    const site = sites.bilingual as Built;
    const good = await readFile(path.join(site.dist, 'atom.xml'), 'utf8');
    const broken = good.replace(/<updated>[^<]*<\/updated>/, '<updated>yesterday</updated>');
    expect(broken).not.toBe(good);
    await writeFile(path.join(site.dist, 'broken-atom.xml'), broken);
    const result = validate(['atom.xml', 'broken-atom.xml'], site.dist);
    expect(result.valid, result.log).toEqual(['atom.xml']);
    expect(result.status).not.toBe(0);
    expect(result.log).toMatch(/broken-atom\.xml:\d+: element updated: Relax-NG validity error/);
  });

  for (const name of Object.keys(SITES) as (keyof typeof SITES)[]) {
    it(`${name} site: all its Atom documents, archives included, validate`, () => {
      const site = sites[name] as Built;
      const result = validate(site.atom, site.dist);
      expect(result.status, head(result.log)).toBe(0);
      expect(result.valid).toEqual(site.atom);
    });
  }

  it('checked every atom.xml and nothing else, archives of the site and of categories included', () => {
    const bilingual = sites.bilingual as Built;
    const full = sites.full as Built;
    for (const site of [bilingual, full])
      expect(site.atom).toEqual(site.all.filter((f) => path.posix.basename(f) === 'atom.xml'));

    const siteArchives = (site: Built, prefix = '') =>
      site.atom.filter((f) => new RegExp(`^${prefix}archive/\\d+/atom\\.xml$`).test(f));
    const categoryArchives = (site: Built, prefix = '') =>
      site.atom.filter((f) =>
        new RegExp(`^${prefix}categories/[^/]+/archive/\\d+/atom\\.xml$`).test(f),
      );
    // At least every full archive: the posts in feeds (all but the expired one) / ARCHIVE_SIZE.
    const fullSiteArchives = Math.floor((POSTS - 1) / ARCHIVE_SIZE);
    for (const site of [bilingual, full]) {
      expect(site.atom).toEqual(
        expect.arrayContaining([
          'atom.xml',
          'archive/1/atom.xml',
          'categories/politics/atom.xml',
          'categories/politics/archive/1/atom.xml',
          'categories/culture-and-arts/archive/1/atom.xml',
          'authors/jdoe/archive/1/atom.xml',
          'authors/jdoe/atom.xml',
        ]),
      );
      expect(site.atom.length).toBeGreaterThan(40);
      expect(siteArchives(site).length).toBeGreaterThanOrEqual(fullSiteArchives);
      expect(categoryArchives(site).length).toBeGreaterThanOrEqual(3 * 3);
    }
    expect(bilingual.atom).toEqual(
      expect.arrayContaining(['fr/atom.xml', 'fr/archive/1/atom.xml', 'tags/ottawa/atom.xml']),
    );
    expect(siteArchives(bilingual, 'fr/').length).toBeGreaterThanOrEqual(2);
    expect(categoryArchives(bilingual, 'fr/').length).toBeGreaterThanOrEqual(2);
    expect(full.atom.some((f) => f.startsWith('tags/'))).toBe(false);
  });
});
